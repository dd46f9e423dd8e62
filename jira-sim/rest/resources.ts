import type { Site } from '../site/site';
import { isJsonObject, type Json, type JsonObject } from '../types';
import { applyOrderBy, contains, text } from './order-by';
import { pageBean, readPaging } from './paging';
import { bool, expandSet, first, many } from './query-params';
import { idFilter, paged, type Resource } from './resource-kit';
import { AUTOMATION_RESOURCES } from './automation-resources';
import { AGILE_RESOURCES, BOARD_GROUP_RESOURCES } from './board-resources';
import { AUDIT_RESOURCES } from './audit-resources';
import { USER_RESOURCES } from './user-resources';
import { FIELD_RESOURCES } from './field-resources';
import { PLATFORM_RESOURCES } from './platform-resources';
import { SCHEME_RESOURCES } from './scheme-resources';
import { PROJECT_RESOURCES } from './project-resources';
import { DEFAULT_SCHEME_ASSOCIATION_RESOURCES, PROJECT_SCHEME_RESOURCES } from './project-scheme-resources';
import { RouteTable } from './route-match';
import { SCREEN_RESOURCES } from './screen-resources';
import { issueTypeSchemeView } from './screen-views';
import { fieldDetailsView, fieldSearchView, permissionSchemeView, projectView, referencedStatuses, workflowView } from './views';

function scopeType(object: JsonObject): string {
  const scope = object['scope'];
  return isJsonObject(scope) ? String(scope['type']) : 'GLOBAL';
}

function nested(object: JsonObject, ...path: string[]): string | number {
  let current: Json | undefined = object;
  for (const step of path) current = isJsonObject(current) ? current[step] : undefined;
  return typeof current === 'number' ? current : String(current ?? '');
}

/** Workflows referenced by at least one workflow scheme (by name) count as active. */
function activeWorkflowNames(site: Site): Set<string> {
  const names = new Set<string>();
  for (const scheme of site.list('workflowscheme')) {
    names.add(text(scheme, 'defaultWorkflow'));
    const mappings = scheme['issueTypeMappings'];
    if (isJsonObject(mappings)) for (const name of Object.values(mappings)) names.add(String(name));
  }
  return names;
}

/** The read-only configuration endpoints the sim serves, by path template under /rest/api/3/ (as in the spec). */
export const RESOURCES: Record<string, Resource> = {
  // Defaults first: a group that serves one of these templates replaces it.
  ...DEFAULT_SCHEME_ASSOCIATION_RESOURCES,
  ...FIELD_RESOURCES,
  ...PLATFORM_RESOURCES,
  ...SCREEN_RESOURCES,
  ...SCHEME_RESOURCES,
  ...BOARD_GROUP_RESOURCES,
  ...PROJECT_RESOURCES,
  ...PROJECT_SCHEME_RESOURCES,
  ...AUDIT_RESOURCES,
  ...USER_RESOURCES,
  'project/search': {
    get: paged(
      { defaultMax: 50, cap: 100 },
      ({ site, query }) => {
        const keys = new Set(many(query, 'keys'));
        const typeKey = first(query, 'typeKey');
        const categoryId = first(query, 'categoryId');
        const search = first(query, 'query');
        const projects = site
          .list('project')
          .filter(idFilter(query))
          .filter((p) => keys.size === 0 || keys.has(text(p, 'key')))
          .filter((p) => typeKey === undefined || typeKey.split(',').includes(text(p, 'projectTypeKey')))
          .filter((p) => categoryId === undefined || nested(p, 'projectCategory', 'id') === categoryId)
          .filter((p) => contains(text(p, 'name'), search) || contains(text(p, 'key'), search));
        return applyOrderBy(projects, first(query, 'orderBy'), {
          key: (p) => text(p, 'key'),
          name: (p) => text(p, 'name'),
          category: (p) => nested(p, 'projectCategory', 'name'),
          owner: (p) => nested(p, 'lead', 'displayName'),
          issueCount: (p) => Number(nested(p, 'insight', 'totalIssueCount')) || 0,
          lastIssueUpdatedDate: (p) => nested(p, 'insight', 'lastIssueUpdateTime'),
        });
      },
      ({ site, query }) => {
        const expand = expandSet(query);
        return (p) => projectView(site, p, expand);
      },
    ),
  },
  field: {
    get: ({ site }) => site.list('field').map(fieldDetailsView),
  },
  'field/search': {
    get: paged(
      { defaultMax: 50, cap: 100 },
      ({ site, query }) => {
        const types = many(query, 'type');
        const search = first(query, 'query');
        const fields = site
          .list('field')
          .filter(idFilter(query))
          .filter((f) => types.length === 0 || types.includes(f['custom'] === true ? 'custom' : 'system'))
          .filter((f) => contains(text(f, 'name'), search) || contains(text(f, 'description'), search));
        return applyOrderBy(fields, first(query, 'orderBy'), {
          name: (f) => text(f, 'name'),
          contextsCount: (f) => Number(f['contextsCount'] ?? 0),
          screensCount: (f) => Number(f['screensCount'] ?? 0),
          projectsCount: (f) => Number(f['projectsCount'] ?? 0),
          lastUsed: (f) => nested(f, 'lastUsed', 'value'),
        });
      },
      ({ query }) => {
        const expand = expandSet(query);
        return (f) => fieldSearchView(f, expand);
      },
    ),
  },
  issuetype: {
    get: ({ site }) => site.list('issuetype'),
  },
  issuetypescheme: {
    get: paged(
      { defaultMax: 50, cap: 50 },
      ({ site, query }) => {
        const search = first(query, 'queryString');
        const schemes = site
          .list('issuetypescheme')
          .filter(idFilter(query))
          .filter((s) => contains(text(s, 'name'), search));
        return applyOrderBy(schemes, first(query, 'orderBy'), { name: (s) => text(s, 'name'), id: (s) => Number(s['id']) });
      },
      () => issueTypeSchemeView,
    ),
  },
  'statuses/search': {
    get: paged({ defaultMax: 200, cap: 200 }, ({ site, query }) => {
      const projectId = first(query, 'projectId');
      const category = first(query, 'statusCategory');
      const search = first(query, 'searchString');
      return site
        .list('status')
        .filter((s) => projectId === undefined || scopeType(s) === 'GLOBAL' || nested(s, 'scope', 'project', 'id') === projectId)
        .filter((s) => category === undefined || s['statusCategory'] === category)
        .filter((s) => contains(text(s, 'name'), search));
    }),
  },
  // Deprecated like priority/search, but the one that a granular read scope opens: every priority, as a plain array.
  priority: { get: ({ site }) => site.list('priority') },
  'priority/search': {
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, query }) => {
      const name = first(query, 'priorityName');
      const onlyDefault = bool(query, 'onlyDefault') === true;
      return site
        .list('priority')
        .filter(idFilter(query))
        .filter((p) => contains(text(p, 'name'), name))
        .filter((p) => !onlyDefault || p['isDefault'] === true);
    }),
  },
  'resolution/search': {
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, query }) => {
      const onlyDefault = bool(query, 'onlyDefault') === true;
      return site
        .list('resolution')
        .filter(idFilter(query))
        .filter((r) => !onlyDefault || r['default'] === true);
    }),
  },
  screens: {
    get: paged({ defaultMax: 100, cap: 100 }, ({ site, query }) => {
      const search = first(query, 'queryString');
      const scopes = many(query, 'scope');
      const screens = site
        .list('screen')
        .filter(idFilter(query))
        .filter((s) => contains(text(s, 'name'), search))
        .filter((s) => scopes.length === 0 || scopes.includes(scopeType(s)));
      return applyOrderBy(screens, first(query, 'orderBy'), { name: (s) => text(s, 'name'), id: (s) => Number(s['id']) });
    }),
  },
  'workflows/search': {
    get: (request) => {
      const { site, query } = request;
      const search = first(query, 'queryString');
      const scope = first(query, 'scope');
      const isActive = bool(query, 'isActive');
      const active = isActive === undefined ? undefined : activeWorkflowNames(site);
      const workflows = site
        .list('workflow')
        .filter((w) => contains(text(w, 'name'), search))
        .filter((w) => scope === undefined || scopeType(w) === scope)
        .filter((w) => active === undefined || active.has(text(w, 'name')) === isActive);
      const sorted = applyOrderBy(workflows, first(query, 'orderBy'), {
        name: (w) => text(w, 'name'),
        created: (w) => text(w, 'created'),
        updated: (w) => text(w, 'updated'),
      });
      const withTransitions = expandSet(query).has('values.transitions');
      const page = pageBean(sorted, readPaging(query, { defaultMax: 50, cap: 50 }), request.pageUrl, query, request.pageFault, (w) =>
        workflowView(w, withTransitions),
      );
      page['statuses'] = referencedStatuses(site, page['values'] as JsonObject[]);
      return page;
    },
  },
  workflows: {
    // POST /workflows is Jira's bulk *read* of workflows by id or name.
    post: ({ site, body }) => {
      const request = isJsonObject(body) ? body : {};
      const ids = new Set(Array.isArray(request['workflowIds']) ? request['workflowIds'].map(String) : []);
      const names = new Set(Array.isArray(request['workflowNames']) ? request['workflowNames'].map(String) : []);
      const workflows = site.list('workflow').filter((w) => ids.has(text(w, 'id')) || names.has(text(w, 'name')));
      return { workflows, statuses: referencedStatuses(site, workflows) };
    },
  },
  workflowscheme: {
    get: paged({ defaultMax: 50, cap: 50 }, ({ site }) => site.list('workflowscheme')),
  },
  permissionscheme: {
    get: ({ site, query }) => {
      const expand = expandSet(query);
      return { permissionSchemes: site.list('permissionscheme').map((s) => permissionSchemeView(s, expand)) };
    },
  },
  role: {
    get: ({ site }) => site.list('projectrole'),
  },
};

export const RESOURCE_ROUTES = new RouteTable(RESOURCES);

/** The agile API (Jira Software), by path template under /rest/agile/1.0/. */
export const AGILE_ROUTES = new RouteTable(AGILE_RESOURCES);

/** The Automation REST API, by path template under /automation/public/jira/{cloudId}/rest/v1/. */
export const AUTOMATION_ROUTES = new RouteTable(AUTOMATION_RESOURCES);
