import type { Site } from '../site/site';
import { isJsonObject, type Json, type JsonObject } from '../types';
import { DEFAULT_ISSUE_TYPE_SCREEN_SCHEME_ID, DEFAULT_PRIORITY_SCHEME_ID } from '../generate/project-schemes';
import { RestError } from './jira-error';
import { projectOf } from './project-resources';
import { expandSet, many, type QueryInput } from './query-params';
import { paged, type Resource } from './resource-kit';
import { securitySchemeView } from './scheme-views';
import { permissionSchemeView, projectView } from './views';

/*
 * Which schemes each project uses, from the stored `projectschemes` objects (one per project). The bulk
 * association endpoints group projects by scheme; the per-project ones answer the project's scheme. Page
 * sizes: the spec's maxResults default (50), also the cap (the spec documents no maximum).
 */

type SchemeSlot =
  | 'workflowSchemeId'
  | 'issueTypeSchemeId'
  | 'issueTypeScreenSchemeId'
  | 'fieldConfigurationSchemeId'
  | 'notificationSchemeId'
  | 'permissionSchemeId'
  | 'issueSecuritySchemeId'
  | 'prioritySchemeId';

/**
 * One fact, one place: the notification, issue security and priority schemes list their projects
 * themselves (`projects` / `projectIds`, the schemes group), so a project's association with them is read
 * from there; the other associations are stored on `projectschemes`.
 */
function associationsOf(site: Site, projectId: string): JsonObject {
  const stored = site.get('projectschemes', projectId) ?? { id: projectId };
  const listed = listedSchemes(site);
  const teamManaged = site.get('project', projectId)?.['simplified'] === true;
  const notification = listed.notificationscheme.get(projectId);
  const security = listed.issuesecurityscheme.get(projectId);
  const priority = listed.priorityscheme.get(projectId);
  return {
    ...stored,
    notificationSchemeId: teamManaged ? null : (notification ?? stored['notificationSchemeId'] ?? null),
    issueSecuritySchemeId: security !== undefined ? Number(security) : null,
    prioritySchemeId: priority ?? DEFAULT_PRIORITY_SCHEME_ID,
  };
}

/** The scheme types that list their projects, and the member that lists them. */
const LISTING = { notificationscheme: 'projects', issuesecurityscheme: 'projectIds', priorityscheme: 'projectIds' } as const;
type ListedSchemes = Record<keyof typeof LISTING, Map<string, string>>;
const listedCache = new WeakMap<Site, { stamp: string; listed: ListedSchemes }>();

/**
 * Project id → the scheme listing it, per scheme type (the first in list order, as a scan would find),
 * rebuilt only when one of the three lists or the site's ordering changed: scanning the lists for every
 * project of every page made the association endpoints quadratic in the number of projects.
 */
function listedSchemes(site: Site): ListedSchemes {
  const ordering = site.getOrdering();
  const types = Object.keys(LISTING) as Array<keyof typeof LISTING>;
  const stamp = [ordering.mode, ordering.seed, ...types.map((type) => site.version(type))].join(':');
  const cached = listedCache.get(site);
  if (cached?.stamp === stamp) return cached.listed;
  const listed: ListedSchemes = { notificationscheme: new Map(), issuesecurityscheme: new Map(), priorityscheme: new Map() };
  for (const type of types) {
    for (const scheme of site.list(type)) {
      const projects = scheme[LISTING[type]];
      if (!Array.isArray(projects)) continue;
      for (const projectId of projects) if (!listed[type].has(String(projectId))) listed[type].set(String(projectId), String(scheme['id']));
    }
  }
  listedCache.set(site, { stamp, listed });
  return listed;
}

/** Projects named by `projectId` (all when none is named) that exist, by id; unknown ids are ignored, as in Jira. */
function requestedProjects(site: Site, query: QueryInput): string[] {
  const wanted = many(query, 'projectId');
  const ids = wanted.length > 0 ? wanted.filter((id) => site.get('project', id) !== undefined) : site.list('project').map((p) => String(p['id']));
  return [...new Set(ids)].sort((a, b) => Number(a) - Number(b));
}

/**
 * Projects grouped by the scheme in `slot`, in scheme id order (`null`, where Jira has a scheme without an
 * id, first). Team-managed projects have none of these schemes and are left out, as Jira does.
 */
function groupBy(site: Site, projectIds: string[], slot: SchemeSlot, skipNull: boolean): Array<{ schemeId: string | null; projectIds: string[] }> {
  const groups = new Map<string | null, string[]>();
  for (const projectId of projectIds) {
    const associations = associationsOf(site, projectId);
    if (site.get('project', projectId)?.['simplified'] === true) continue;
    const value = associations[slot];
    if (value === undefined || (value === null && skipNull)) continue;
    const key = value === null ? null : String(value);
    groups.set(key, [...(groups.get(key) ?? []), projectId]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : Number(a) - Number(b)))
    .map(([schemeId, ids]) => ({ schemeId, projectIds: ids }));
}

function pick(object: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) if (object[key] !== undefined) out[key] = object[key];
  return out;
}

/** WorkflowScheme; Jira's Default Workflow Scheme (a null id here, or a deleted scheme) has no id. */
function workflowSchemeOf(site: Site, schemeId: string | null): JsonObject {
  const scheme = schemeId === null ? undefined : site.get('workflowscheme', schemeId);
  if (scheme) return pick(scheme, ['id', 'name', 'description', 'defaultWorkflow', 'issueTypeMappings', 'self']);
  const fallback = site.list('workflowscheme').find((s) => s['name'] === 'Default Workflow Scheme');
  return {
    name: 'Default Workflow Scheme',
    description: String(fallback?.['description'] ?? 'The default workflow scheme.'),
    defaultWorkflow: 'jira',
    issueTypeMappings: {},
  };
}

function issueTypeSchemeOf(site: Site, schemeId: string): JsonObject {
  const scheme = site.get('issuetypescheme', schemeId);
  return scheme
    ? pick(scheme, ['id', 'name', 'description', 'isDefault', 'defaultIssueTypeId'])
    : { id: schemeId, name: `Issue type scheme ${schemeId}` };
}

/** The sim has no issue type screen schemes yet: the default one, as Jira names it. */
function issueTypeScreenSchemeOf(schemeId: string): JsonObject {
  return schemeId === DEFAULT_ISSUE_TYPE_SCREEN_SCHEME_ID
    ? { id: schemeId, name: 'Default Issue Type Screen Scheme', description: 'The default issue type screen scheme' }
    : { id: schemeId, name: `Issue type screen scheme ${schemeId}` };
}

function fieldConfigurationSchemeOf(site: Site, schemeId: string): JsonObject | undefined {
  const scheme = site.get('fieldconfigurationscheme', schemeId);
  if (!scheme) return undefined;
  const view: JsonObject = { id: String(scheme['id']), name: String(scheme['name']) };
  if (typeof scheme['description'] === 'string' && scheme['description'] !== '') view['description'] = scheme['description'];
  return view;
}

/** A project named by id or key whose scheme the per-project endpoints answer. */
function projectIdOf(site: Site, params: Record<string, string>): string {
  return String(projectOf(site, params['projectKeyOrId'])['id']);
}

/** Endpoints the projects group owns: the associations of projects with schemes the sim models. */
export const PROJECT_SCHEME_RESOURCES: Record<string, Resource> = {
  'workflowscheme/project': {
    // Not paged (ContainerOfWorkflowSchemeAssociations); 1 to 100 project ids.
    get: ({ site, query }) => {
      const wanted = many(query, 'projectId');
      if (wanted.length === 0 || wanted.length > 100) throw new RestError(400, 'Between 1 and 100 projectId values are required.');
      const groups = groupBy(site, requestedProjects(site, query), 'workflowSchemeId', false);
      return { values: groups.map((g) => ({ projectIds: g.projectIds, workflowScheme: workflowSchemeOf(site, g.schemeId) })) };
    },
  },
  'issuetypescheme/project': {
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, query }) =>
      groupBy(site, requestedProjects(site, query), 'issueTypeSchemeId', true).map((g) => ({
        issueTypeScheme: issueTypeSchemeOf(site, g.schemeId as string),
        projectIds: g.projectIds,
      })),
    ),
  },
  'fieldconfigurationscheme/project': {
    // Projects on the system default field configuration come without `fieldConfigurationScheme`.
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, query }) =>
      groupBy(site, requestedProjects(site, query), 'fieldConfigurationSchemeId', false).map((g) => {
        const scheme = g.schemeId === null ? undefined : fieldConfigurationSchemeOf(site, g.schemeId);
        const row: JsonObject = { projectIds: g.projectIds };
        if (scheme) row['fieldConfigurationScheme'] = scheme;
        return row;
      }),
    ),
  },
  'project/{projectKeyOrId}/permissionscheme': {
    get: ({ site, params, query }) => {
      const associations = associationsOf(site, projectIdOf(site, params));
      const scheme =
        site.get('permissionscheme', String(associations['permissionSchemeId'])) ??
        site.list('permissionscheme').find((s) => s['name'] === 'Default Permission Scheme') ??
        site.list('permissionscheme')[0];
      if (!scheme) throw new RestError(404, 'The permission scheme was not found.');
      return permissionSchemeView(scheme, expandSet(query));
    },
  },
  'project/{projectKeyOrId}/issuesecuritylevelscheme': {
    // No issue security scheme: 404 (the spec's only non-200 answer for a readable project; body unverified).
    get: ({ site, params }) => {
      const schemeId = associationsOf(site, projectIdOf(site, params))['issueSecuritySchemeId'];
      if (schemeId === null || schemeId === undefined) throw new RestError(404, 'The project does not have an issue security level scheme.');
      const scheme = site.get('issuesecurityscheme', String(schemeId));
      if (!scheme) throw new RestError(404, 'The project does not have an issue security level scheme.');
      return securitySchemeView(site, scheme);
    },
  },
};

/**
 * Jira's default shapes for association endpoints of schemes other groups model (issue type screen schemes,
 * notification and priority schemes). RESOURCES spreads these FIRST, so a group that serves the same
 * template replaces them; its schemes must then answer from `projectschemes` (see jira-sim/README.md).
 */
export const DEFAULT_SCHEME_ASSOCIATION_RESOURCES: Record<string, Resource> = {
  'issuetypescreenscheme/project': {
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, query }) =>
      groupBy(site, requestedProjects(site, query), 'issueTypeScreenSchemeId', true).map((g) => ({
        issueTypeScreenScheme: issueTypeScreenSchemeOf(g.schemeId as string),
        projectIds: g.projectIds,
      })),
    ),
  },
  'notificationscheme/project': {
    // Every mapping of company-managed projects, ordered by projectId; filtered by projectId/notificationSchemeId.
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, query }) => {
      const schemes = new Set(many(query, 'notificationSchemeId'));
      return requestedProjects(site, query)
        .map((projectId) => ({ projectId, schemeId: associationsOf(site, projectId)['notificationSchemeId'] }))
        .filter((m): m is { projectId: string; schemeId: Json } => m.schemeId !== null && m.schemeId !== undefined)
        .filter((m) => schemes.size === 0 || schemes.has(String(m.schemeId)))
        .map((m) => ({ notificationSchemeId: String(m.schemeId), projectId: m.projectId }));
    }),
  },
  priorityscheme: {
    // The default priority scheme, and any other scheme id a project was given through the admin API.
    get: paged({ defaultMax: 50, cap: 50 }, ({ site }) => prioritySchemeIds(site).map((id) => prioritySchemeView(site, id))),
  },
  'priorityscheme/{schemeId}/projects': {
    get: paged(
      { defaultMax: 50, cap: 50 },
      ({ site, params, query }) => {
        const schemeId = params['schemeId'] ?? '';
        if (!prioritySchemeIds(site).includes(schemeId)) throw new RestError(404, 'The priority scheme was not found.');
        const wanted = new Set(many(query, 'projectId'));
        return site
          .list('project')
          .filter((p) => String(associationsOf(site, String(p['id']))['prioritySchemeId'] ?? DEFAULT_PRIORITY_SCHEME_ID) === schemeId)
          .filter((p) => wanted.size === 0 || wanted.has(String(p['id'])))
          .sort((a, b) => Number(a['id']) - Number(b['id']));
      },
      ({ site }) =>
        (p) =>
          projectView(site, p, new Set()),
    ),
  },
};

function prioritySchemeIds(site: Site): string[] {
  const ids = new Set([DEFAULT_PRIORITY_SCHEME_ID]);
  for (const p of site.list('project')) {
    const a = associationsOf(site, String(p['id']));
    if (a['prioritySchemeId'] !== null && a['prioritySchemeId'] !== undefined) ids.add(String(a['prioritySchemeId']));
  }
  return [...ids].sort((a, b) => Number(a) - Number(b));
}

function prioritySchemeView(site: Site, id: string): JsonObject {
  const defaultPriority = site.list('priority').find((p) => p['isDefault'] === true) ?? site.list('priority')[0];
  const isDefault = id === DEFAULT_PRIORITY_SCHEME_ID;
  const view: JsonObject = {
    id,
    name: isDefault ? 'Default Priority Scheme' : `Priority scheme ${id}`,
    description: isDefault ? 'This is the default priority scheme used by all new and unassigned projects' : '',
    default: isDefault,
    self: `${site.info.siteUrl}/rest/api/3/priorityscheme/${id}`,
  };
  if (isJsonObject(defaultPriority)) view['defaultPriorityId'] = String(defaultPriority['id']);
  return view;
}
