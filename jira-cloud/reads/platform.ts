// The platform group: site-wide settings. Every one of these endpoints answers in one response (no
// paging): plain arrays, the `issueLinkTypes` wrapper, and the single Configuration object.
import { JIRA_CONFIGURATION_ID } from '../../domain/catalogue/platform';
import { JiraMalformedResponseError } from '../errors';
import { list, type ListPlan } from '../read-plan-kit';

export const issueLinkTypes = list({ path: '/rest/api/3/issueLinkType', shape: { kind: 'wrapper', key: 'issueLinkTypes' } }, [
  'read:issue-link-type:jira',
]);
export const statusCategories = list({ path: '/rest/api/3/statuscategory', shape: { kind: 'array' } }, ['read:status:jira']);
export const applicationRoles = list({ path: '/rest/api/3/applicationrole', shape: { kind: 'array' } }, ['read:application-role:jira']);
export const advancedSettings = list({ path: '/rest/api/3/application-properties/advanced-settings', shape: { kind: 'array' } }, [
  'read:instance-configuration:jira',
]);
export const issueEvents = list({ path: '/rest/api/3/events', shape: { kind: 'array' } }, ['read:issue-event:jira']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function object(body: unknown, path: string): Record<string, unknown> {
  if (!isObject(body)) throw new JiraMalformedResponseError(path, 'expected a JSON object');
  return body;
}

/**
 * The site's general configuration as one object: the flags of GET /configuration, the selected time
 * tracking provider and the time tracking options. The provider is asked for only while time tracking
 * is on (Jira answers 204 without a body otherwise); the options are read always (Jira keeps them while
 * time tracking is off, and /configuration embeds them only while it is on).
 */
export const jiraConfiguration: ListPlan = {
  kind: 'list',
  scopes: ['read:instance-configuration:jira', 'read:issue.time-tracking:jira'],
  endpoints: ['GET /rest/api/3/configuration', 'GET /rest/api/3/configuration/timetracking', 'GET /rest/api/3/configuration/timetracking/options'],
  async read(client, emit) {
    const [configuration, options] = await Promise.all([
      client.getJson('/rest/api/3/configuration').then((b) => object(b, '/rest/api/3/configuration')),
      client.getJson('/rest/api/3/configuration/timetracking/options').then((b) => object(b, '/rest/api/3/configuration/timetracking/options')),
    ]);
    let requests = 2;
    let provider: Record<string, unknown> | undefined;
    if (configuration['timeTrackingEnabled'] === true) {
      provider = object(await client.getJson('/rest/api/3/configuration/timetracking'), '/rest/api/3/configuration/timetracking');
      requests++;
    }
    await emit([
      {
        ...configuration,
        id: JIRA_CONFIGURATION_ID,
        timeTrackingConfiguration: options,
        ...(provider ? { timeTrackingProvider: provider } : {}),
      },
    ]);
    return requests;
  },
};
