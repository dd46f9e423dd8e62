import { componentsOf, versionsOf } from '../site/project-relations';
import type { Site } from '../site/site';
import { isJsonObject, type Json, type JsonObject } from '../types';
import { RestError } from './jira-error';
import { applyOrderBy, contains, text } from './order-by';
import { expandSet, first, type QueryInput } from './query-params';
import { paged, type Resource } from './resource-kit';

/*
 * The projects group: project categories, a project's components and its versions. Page sizes: the spec's
 * maxResults default (50) for each operation; the spec documents no maximum, so, as for the sim's other such
 * endpoints, the default is also the cap.
 */

/** A project by id or key (case sensitive); 404 with Jira's message otherwise. */
export function projectOf(site: Site, idOrKey: string | undefined): JsonObject {
  const wanted = idOrKey ?? '';
  const project = /^\d+$/.test(wanted) ? site.get('project', wanted) : site.list('project').find((p) => p['key'] === wanted);
  if (!project) throw new RestError(404, `No project could be found with key '${wanted}'.`);
  return project;
}

/** ProjectCategory. */
function categoryView(category: JsonObject): JsonObject {
  return { self: category['self'] as string, id: String(category['id']), name: text(category, 'name'), description: text(category, 'description') };
}

/**
 * ComponentWithIssueCount: `assignee`/`realAssignee` follow from `assigneeType` (the component lead, the
 * project lead or nobody), `project` is the project's key, `issueCount` a usage counter.
 */
function componentView(component: JsonObject, project: JsonObject): JsonObject {
  const lead = isJsonObject(component['lead']) ? component['lead'] : undefined;
  const projectLead = isJsonObject(project['lead']) ? project['lead'] : undefined;
  const assigneeType = text(component, 'assigneeType') || 'PROJECT_DEFAULT';
  const nominal = assigneeType === 'COMPONENT_LEAD' ? lead : assigneeType === 'UNASSIGNED' ? undefined : projectLead;
  const valid = assigneeType === 'UNASSIGNED' || nominal !== undefined;
  const real = valid ? nominal : projectLead;
  const view: JsonObject = {
    self: component['self'] as string,
    id: String(component['id']),
    name: text(component, 'name'),
    description: text(component, 'description'),
    assigneeType,
    realAssigneeType: valid ? assigneeType : 'PROJECT_LEAD',
    isAssigneeTypeValid: valid,
    project: text(project, 'key'),
    projectId: Number(project['id']),
    issueCount: Number(component['issueCount'] ?? 0),
  };
  if (lead) view['lead'] = lead;
  if (nominal) view['assignee'] = nominal;
  if (real) view['realAssignee'] = real;
  return view;
}

const VERSION_EXPANDS: Record<string, (version: JsonObject) => Json> = {
  operations: (v) => [{ id: `edit-${String(v['id'])}`, styleClass: 'project-config-operations-edit', label: 'Edit', weight: 10 }],
  issuesstatus: () => ({ unmapped: 0, toDo: 0, inProgress: 0, done: 0 }),
  driver: (v) => (isJsonObject(v['driver']) ? v['driver'] : null),
  approvers: () => [],
};

const VERSION_EXPAND_KEY: Record<string, string> = {
  operations: 'operations',
  issuesstatus: 'issuesStatusForFixVersion',
  driver: 'driver',
  approvers: 'approvers',
};

/** Version: the stored `sequence` is the order of the list, not a property of the API object. */
function versionView(version: JsonObject, expand: Set<string>): JsonObject {
  const { sequence: _sequence, driver: _driver, ...view } = version;
  view['expand'] = 'operations,approvers,issuesstatus,driver';
  view['projectId'] = Number(version['projectId']);
  for (const [name, render] of Object.entries(VERSION_EXPANDS)) {
    if (!expand.has(name)) continue;
    const value = render(version);
    if (value !== null) view[VERSION_EXPAND_KEY[name] as string] = value;
  }
  return view;
}

function versionStatus(version: JsonObject): string {
  if (version['archived'] === true) return 'archived';
  return version['released'] === true ? 'released' : 'unreleased';
}

/** Jira lists dates-less versions last when sorting by a date. */
function dateKey(field: string): (v: JsonObject) => string {
  return (v) => {
    const value = v[field];
    return typeof value === 'string' ? value : '9999-99-99';
  };
}

function search(query: QueryInput): (object: JsonObject) => boolean {
  const wanted = first(query, 'query');
  return (o) => contains(text(o, 'name'), wanted) || contains(text(o, 'description'), wanted);
}

/** A project's actors of a role: stored per project and role, else the role's default actors (a role added later). */
function roleActorsIn(site: Site, projectId: string, role: JsonObject): Json[] {
  const stored = site.get('projectroleactors', `${projectId}:${String(role['id'])}`);
  const actors = stored ? stored['actors'] : role['actors'];
  return Array.isArray(actors) ? actors : [];
}

function projectRoleUrl(site: Site, projectId: string, roleId: Json | undefined): string {
  return `${site.info.siteUrl}/rest/api/3/project/${projectId}/role/${String(roleId)}`;
}

export const PROJECT_RESOURCES: Record<string, Resource> = {
  'project/{projectIdOrKey}/role': {
    // Role name → the URL of the role in this project (every role applies to every project).
    get: ({ site, params }) => {
      const projectId = String(projectOf(site, params['projectIdOrKey'])['id']);
      const map: JsonObject = {};
      for (const role of site.list('projectrole')) map[text(role, 'name')] = projectRoleUrl(site, projectId, role['id']);
      return map;
    },
  },
  'project/{projectIdOrKey}/role/{id}': {
    get: ({ site, params }) => {
      const projectId = String(projectOf(site, params['projectIdOrKey'])['id']);
      const role = site.get('projectrole', params['id'] ?? '');
      if (!role) throw new RestError(404, `No project role with id '${params['id'] ?? ''}' could be found.`);
      return {
        self: projectRoleUrl(site, projectId, role['id']),
        name: text(role, 'name'),
        id: role['id'] as number,
        description: text(role, 'description'),
        actors: roleActorsIn(site, projectId, role),
      };
    },
  },
  projectCategory: {
    get: ({ site }) => site.list('projectcategory').map(categoryView),
  },
  'project/{projectIdOrKey}/component': {
    get: paged(
      { defaultMax: 50, cap: 50 },
      ({ site, params, query }) => {
        const project = projectOf(site, params['projectIdOrKey']);
        const source = first(query, 'componentSource') ?? 'jira';
        if (!['jira', 'compass', 'auto'].includes(source)) throw new RestError(400, `Invalid componentSource: ${source}`);
        // The site has no Compass components: `compass` lists none, `auto` falls back to Jira's.
        if (source === 'compass') return [];
        const components = componentsOf(site, String(project['id']))
          .sort((a, b) => Number(a['id']) - Number(b['id']))
          .filter(search(query));
        return applyOrderBy(components, first(query, 'orderBy'), {
          name: (c) => text(c, 'name'),
          description: (c) => text(c, 'description'),
          issueCount: (c) => Number(c['issueCount'] ?? 0),
          lead: (c) => (isJsonObject(c['lead']) ? text(c['lead'], 'displayName') : ''),
        });
      },
      ({ site, params }) => {
        const project = projectOf(site, params['projectIdOrKey']);
        return (c) => componentView(c, project);
      },
    ),
  },
  'project/{projectIdOrKey}/version': {
    get: paged(
      { defaultMax: 50, cap: 50 },
      ({ site, params, query }) => {
        const project = projectOf(site, params['projectIdOrKey']);
        const statuses = (first(query, 'status') ?? '').split(',').filter((s) => s !== '');
        const versions = versionsOf(site, String(project['id']))
          .filter(search(query))
          .filter((v) => statuses.length === 0 || statuses.includes(versionStatus(v)));
        return applyOrderBy(versions, first(query, 'orderBy'), {
          sequence: (v) => Number(v['sequence'] ?? 0),
          name: (v) => text(v, 'name'),
          description: (v) => text(v, 'description'),
          releaseDate: dateKey('releaseDate'),
          startDate: dateKey('startDate'),
        });
      },
      ({ query }) => {
        const expand = expandSet(query);
        return (v) => versionView(v, expand);
      },
    ),
  },
};
