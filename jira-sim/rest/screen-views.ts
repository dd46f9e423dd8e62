import type { Site } from '../site/site';
import { isJsonObject, type JsonObject } from '../types';
import { byNumber, ids } from './field-views';

/** API views of the screens group: the stored objects carry their links (screenId, position, fieldIds) too. */

/** ScreenableTab. */
export function tabView(tab: JsonObject): JsonObject {
  return { id: tab['id'] as number, name: tab['name'] as string };
}

/**
 * ScreenableField rows of a tab, in the tab's order. Names are the fields' current names; a field that
 * no longer exists is not on any screen (Jira removes it from screens with the field).
 */
export function tabFields(site: Site, tab: JsonObject): JsonObject[] {
  return ids(tab['fieldIds']).flatMap((id) => {
    const field = site.get('field', id);
    return field ? [{ id, name: field['name'] as string }] : [];
  });
}

const OPERATIONS = ['default', 'create', 'edit', 'view'];

/** ScreenScheme, with the screen per operation as numbers (ScreenTypes). */
export function screenSchemeView(scheme: JsonObject): JsonObject {
  const stored = isJsonObject(scheme['screens']) ? scheme['screens'] : {};
  const screens: JsonObject = {};
  for (const operation of OPERATIONS)
    if (stored[operation] !== undefined && stored[operation] !== null) screens[operation] = Number(stored[operation]);
  const view: JsonObject = { id: scheme['id'] as number, name: scheme['name'] as string };
  if (typeof scheme['description'] === 'string' && scheme['description'] !== '') view['description'] = scheme['description'];
  view['screens'] = screens;
  return view;
}

/** IssueTypeScreenScheme. */
export function issueTypeScreenSchemeView(scheme: JsonObject): JsonObject {
  const view: JsonObject = { id: scheme['id'] as string, name: scheme['name'] as string };
  if (typeof scheme['description'] === 'string' && scheme['description'] !== '') view['description'] = scheme['description'];
  return view;
}

/** IssueTypeScreenSchemeItem rows of one scheme: "default" first, then by issue type id. */
export function issueTypeScreenSchemeItems(scheme: JsonObject): JsonObject[] {
  const mappings = isJsonObject(scheme['mappings']) ? scheme['mappings'] : {};
  return Object.keys(mappings)
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : byNumber(a, b)))
    .map((issueTypeId) => ({
      issueTypeId,
      issueTypeScreenSchemeId: scheme['id'] as string,
      screenSchemeId: String(mappings[issueTypeId]),
    }));
}

/** IssueTypeSchemeMapping rows of one scheme, in the scheme's issue type order (the order Jira shows). */
export function issueTypeSchemeItems(scheme: JsonObject): JsonObject[] {
  return ids(scheme['issueTypeIds']).map((issueTypeId) => ({ issueTypeSchemeId: scheme['id'] as string, issueTypeId }));
}

/** IssueTypeScheme as GET /issuetypescheme lists it: its issue types are served by /issuetypescheme/mapping. */
export function issueTypeSchemeView(scheme: JsonObject): JsonObject {
  const { issueTypeIds: _members, ...view } = scheme;
  return view;
}
