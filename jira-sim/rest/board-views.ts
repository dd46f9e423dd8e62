import type { Site } from '../site/site';
import { isJsonObject, type Json, type JsonObject } from '../types';

/*
 * API views of the boards group: filters (FilterDetails) and dashboards (Dashboard) render the members
 * their `expand` asks for; gadgets lose the sim's `dashboardId`; boards split into GET /board's item and
 * GET /board/{id}/configuration (the agile API's BoardBean and BoardConfigBean, as Atlassian's Jira
 * Software REST docs show them).
 */

const FILTER_EXPANDS =
  'description,favourite,favouritedCount,jql,owner,searchUrl,sharePermissions,editPermissions,isWritable,subscriptions,approximateLastUsed,viewUrl';

function pick(object: JsonObject, expand: ReadonlySet<string>, pairs: Array<[string, string]>): JsonObject {
  const out: JsonObject = {};
  for (const [option, key] of pairs) if (expand.has(option) && object[key] !== undefined) out[key] = object[key];
  return out;
}

export function filterView(filter: JsonObject, expand: ReadonlySet<string>): JsonObject {
  return {
    expand: FILTER_EXPANDS,
    self: filter['self'] as Json,
    id: filter['id'] as Json,
    name: filter['name'] as Json,
    ...pick(filter, expand, [
      ['description', 'description'],
      ['owner', 'owner'],
      ['jql', 'jql'],
      ['viewUrl', 'viewUrl'],
      ['searchUrl', 'searchUrl'],
      ['favourite', 'favourite'],
      ['favouritedCount', 'favouritedCount'],
      ['sharePermissions', 'sharePermissions'],
      ['editPermissions', 'editPermissions'],
    ]),
    ...(expand.has('subscriptions') ? { subscriptions: [] } : {}),
  };
}

export function dashboardView(dashboard: JsonObject, expand: ReadonlySet<string>): JsonObject {
  const view: JsonObject = {
    id: dashboard['id'] as Json,
    name: dashboard['name'] as Json,
    self: dashboard['self'] as Json,
    systemDashboard: dashboard['systemDashboard'] as Json,
    rank: dashboard['rank'] as Json,
    ...pick(dashboard, expand, [
      ['description', 'description'],
      ['owner', 'owner'],
      ['viewUrl', 'view'],
      ['favourite', 'isFavourite'],
      ['favouritedCount', 'popularity'],
      ['sharePermissions', 'sharePermissions'],
      ['editPermissions', 'editPermissions'],
    ]),
  };
  if (dashboard['automaticRefreshMs'] !== undefined) view['automaticRefreshMs'] = dashboard['automaticRefreshMs'];
  if (expand.has('isWritable')) view['isWritable'] = true;
  return view;
}

export function gadgetView(gadget: JsonObject): JsonObject {
  const { dashboardId: _dashboard, ...view } = gadget;
  return view;
}

const agileUrl = (site: Site, path: string) => `${site.info.siteUrl}/rest/agile/1.0/${path}`;

/** An item of GET /rest/agile/1.0/board. */
export function boardView(site: Site, board: JsonObject): JsonObject {
  const view: JsonObject = {
    id: board['id'] as Json,
    self: agileUrl(site, `board/${String(board['id'])}`),
    name: board['name'] as Json,
    type: board['type'] as Json,
  };
  if (isJsonObject(board['location'])) view['location'] = board['location'];
  for (const key of ['isPrivate', 'favourite', 'canEdit']) if (board[key] !== undefined) view[key] = board[key];
  return view;
}

/** GET /rest/agile/1.0/board/{boardId}/configuration. */
export function boardConfigurationView(site: Site, board: JsonObject): JsonObject {
  const api = (path: string) => `${site.info.siteUrl}/rest/api/3/${path}`;
  const view: JsonObject = {
    id: board['id'] as Json,
    name: board['name'] as Json,
    type: board['type'] as Json,
    self: agileUrl(site, `board/${String(board['id'])}/configuration`),
  };
  const location = board['location'];
  if (isJsonObject(location)) {
    const projectId = String(location['projectId']);
    view['location'] = {
      type: 'project',
      key: location['projectKey'] as Json,
      id: projectId,
      self: api(`project/${projectId}`),
      name: location['projectName'] as Json,
    };
  }
  view['filter'] = { id: String(board['filterId']), self: api(`filter/${String(board['filterId'])}`) };
  if (board['subQuery'] !== undefined) view['subQuery'] = board['subQuery'];
  const config = isJsonObject(board['columnConfig']) ? board['columnConfig'] : { columns: [] };
  const columns = Array.isArray(config['columns']) ? config['columns'] : [];
  view['columnConfig'] = {
    ...config,
    columns: columns.filter(isJsonObject).map((column) => ({
      ...column,
      statuses: (Array.isArray(column['statuses']) ? column['statuses'] : [])
        .filter(isJsonObject)
        .map((status) => ({ id: String(status['id']), self: api(`status/${String(status['id'])}`) })),
    })),
  };
  if (board['estimation'] !== undefined) view['estimation'] = board['estimation'];
  if (board['ranking'] !== undefined) view['ranking'] = board['ranking'];
  return view;
}
