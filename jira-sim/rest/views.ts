import { isJsonObject, type JsonObject } from '../types';
import type { Site } from '../site/site';

/**
 * The sim stores each object with every property any expand can reveal; these views return what the real
 * endpoint returns for the given expand.
 */

function pick(object: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) if (object[key] !== undefined) out[key] = object[key];
  return out;
}

function omit(object: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = { ...object };
  for (const key of keys) delete out[key];
  return out;
}

const PROJECT_EXPAND_ONLY = ['description', 'lead', 'issueTypes', 'url', 'insight'];

export function projectView(site: Site, project: JsonObject, expand: Set<string>): JsonObject {
  const view = omit(
    project,
    PROJECT_EXPAND_ONLY.filter((key) => !expand.has(key)),
  );
  // Embedded issue types are read fresh, so an edited or deleted issue type shows up here too.
  if (Array.isArray(view['issueTypes'])) {
    view['issueTypes'] = view['issueTypes']
      .map((t) => (isJsonObject(t) ? site.get('issuetype', String(t['id'])) : undefined))
      .filter((t): t is JsonObject => t !== undefined);
  }
  // The category is read fresh too: renaming or deleting a category shows in its projects, as in Jira.
  const category = view['projectCategory'];
  if (isJsonObject(category)) {
    const current = site.get('projectcategory', String(category['id']));
    if (current) view['projectCategory'] = current;
    else delete view['projectCategory'];
  }
  return view;
}

const FIELD_DETAILS_KEYS = ['id', 'key', 'name', 'custom', 'orderable', 'navigable', 'searchable', 'clauseNames', 'scope', 'schema'];

/** GET /field: FieldDetails. */
export function fieldDetailsView(field: JsonObject): JsonObject {
  return pick(field, FIELD_DETAILS_KEYS);
}

const FIELD_SEARCH_EXPANDS = ['key', 'stableId', 'isLocked', 'searcherKey', 'lastUsed', 'screensCount', 'contextsCount', 'projectsCount'];

/** GET /field/search: Field, with usage counters only when expanded. */
export function fieldSearchView(field: JsonObject, expand: Set<string>): JsonObject {
  return pick(field, ['id', 'name', 'schema', 'description', ...FIELD_SEARCH_EXPANDS.filter((key) => expand.has(key))]);
}

const PERMISSION_EXPANDS = ['permissions', 'all', 'user', 'group', 'projectRole', 'field'];

export function permissionSchemeView(scheme: JsonObject, expand: Set<string>): JsonObject {
  return PERMISSION_EXPANDS.some((key) => expand.has(key)) ? scheme : omit(scheme, ['permissions']);
}

export function workflowView(workflow: JsonObject, withTransitions: boolean): JsonObject {
  return withTransitions ? workflow : omit(workflow, ['transitions']);
}

/** The top-level `statuses` of workflow responses: every status the given workflows reference, once. */
export function referencedStatuses(site: Site, workflows: JsonObject[]): JsonObject[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const workflow of workflows) {
    const statuses = workflow['statuses'];
    if (!Array.isArray(statuses)) continue;
    for (const ref of statuses) {
      const id = isJsonObject(ref) ? String(ref['statusReference']) : undefined;
      if (id !== undefined && !seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
  }
  return ids
    .map((id) => site.get('status', id))
    .filter((s): s is JsonObject => s !== undefined)
    .map((status) => ({ ...status, statusReference: String(status['id']) }));
}
