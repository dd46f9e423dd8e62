import { JIRA_CONFIGURATION_ID } from '../generate/platform';
import type { Site } from '../site/site';
import { isJsonObject, type JsonObject } from '../types';
import { NoContent, RestError } from './jira-error';
import type { Resource } from './resource-kit';

/*
 * The platform group. None of these endpoints pages: the spec gives plain arrays (statuscategory,
 * applicationrole, advanced-settings, events), the `issueLinkTypes` wrapper, and single objects.
 */

function configuration(site: Site): JsonObject {
  const object = site.get('jiraconfiguration', JIRA_CONFIGURATION_ID);
  if (!object) throw new Error('the site has no jiraconfiguration object');
  return object;
}

const FLAGS = [
  'votingEnabled',
  'watchingEnabled',
  'unassignedIssuesAllowed',
  'subTasksEnabled',
  'issueLinkingEnabled',
  'timeTrackingEnabled',
  'attachmentsEnabled',
] as const;

/** GET /configuration: the flags, and the time tracking options only while time tracking is on. */
function configurationView(object: JsonObject): JsonObject {
  const view: JsonObject = {};
  for (const flag of FLAGS) if (typeof object[flag] === 'boolean') view[flag] = object[flag];
  if (object['timeTrackingEnabled'] === true && isJsonObject(object['timeTrackingConfiguration'])) {
    view['timeTrackingConfiguration'] = object['timeTrackingConfiguration'];
  }
  return view;
}

/** The application roles of the products the site has (jira-core is always there). */
function applicationRoles(site: Site): JsonObject[] {
  return site
    .list('applicationrole')
    .filter((role) => role['key'] !== 'jira-software' || site.info.products.includes('jira-software'))
    .map(({ id: _key, ...role }) => role);
}

export const PLATFORM_RESOURCES: Record<string, Resource> = {
  issueLinkType: {
    get: ({ site }) => {
      // "404 Returned if issue linking is disabled."
      if (configuration(site)['issueLinkingEnabled'] === false) throw new RestError(404, 'Issue linking is currently disabled.');
      return { issueLinkTypes: site.list('issuelinktype') };
    },
  },
  statuscategory: {
    get: ({ site }) => site.list('statuscategory'),
  },
  applicationrole: {
    get: ({ site }) => applicationRoles(site),
  },
  configuration: {
    get: ({ site }) => configurationView(configuration(site)),
  },
  'configuration/timetracking': {
    // "204 Returned if the request is successful but time tracking is disabled."
    get: ({ site }) => {
      const object = configuration(site);
      const provider = object['timeTrackingProvider'];
      if (object['timeTrackingEnabled'] !== true || !isJsonObject(provider)) throw new NoContent();
      return provider;
    },
  },
  'configuration/timetracking/options': {
    get: ({ site }) => {
      const options = configuration(site)['timeTrackingConfiguration'];
      return isJsonObject(options) ? options : {};
    },
  },
  'application-properties/advanced-settings': {
    get: ({ site }) => site.list('advancedsetting'),
  },
  events: {
    get: ({ site }) => site.list('issueevent'),
  },
};
