// The projects group: project categories, each project's components and versions, each project's
// scheme associations.
import { isNotFound } from '../errors';
import { fetchAllPages } from '../pagination';
import { asObjects, collect, list, pageBean, text, type ListPlan, type PerParentPlan } from '../read-plan-kit';

const PROJECT = '/rest/api/3/project/{projectIdOrKey}';

export const projectCategories: ListPlan = list({ path: '/rest/api/3/projectCategory', shape: { kind: 'array' } }, ['read:project-category:jira']);

/**
 * A project's components, read per project: the paged list over all projects (GET /rest/api/3/component,
 * ComponentJsonBean) would take fewer requests, but its objects carry neither the project, the lead nor
 * the default assignee rule — the configuration this type is about.
 */
export const projectComponents: PerParentPlan = {
  kind: 'per-parent',
  scopes: ['read:application-role:jira', 'read:avatar:jira', 'read:group:jira', 'read:project.component:jira', 'read:project:jira', 'read:user:jira'],
  endpoints: [`GET ${PROJECT}/component`],
  async read(client, project, emit) {
    const projectId = text(project['id']);
    const def = pageBean(`/rest/api/3/project/${encodeURIComponent(projectId)}/component`, 50);
    const { pages } = await fetchAllPages(client, def, (values) => emit(asObjects(values).map((c) => ({ ...c, parentKey: projectId }))));
    return pages;
  },
};

/** A project's versions in its release sequence; `position` is the version's place in it. */
export const projectVersions: PerParentPlan = {
  kind: 'per-parent',
  scopes: ['read:project-version:jira'],
  endpoints: [`GET ${PROJECT}/version`],
  async read(client, project, emit) {
    const projectId = text(project['id']);
    const def = pageBean(`/rest/api/3/project/${encodeURIComponent(projectId)}/version`, 50, { orderBy: 'sequence' });
    const { pages } = await fetchAllPages(client, def, (values, page) =>
      emit(asObjects(values).map((v, i) => ({ ...v, parentKey: projectId, position: page.startAt + i }))),
    );
    return pages;
  },
};

// ---------------------------------------------------------------------------------------------
// Each project's scheme associations
// ---------------------------------------------------------------------------------------------

/** The association endpoints that take many project ids read them in chunks of this many (workflowscheme/project allows 100). */
const PROJECT_CHUNK = 50;

type Slot =
  | 'workflowSchemeId'
  | 'issueTypeSchemeId'
  | 'issueTypeScreenSchemeId'
  | 'fieldConfigurationSchemeId'
  | 'notificationSchemeId'
  | 'permissionSchemeId'
  | 'issueSecuritySchemeId'
  | 'prioritySchemeId';

const SLOTS: readonly Slot[] = [
  'workflowSchemeId',
  'issueTypeSchemeId',
  'issueTypeScreenSchemeId',
  'fieldConfigurationSchemeId',
  'notificationSchemeId',
  'permissionSchemeId',
  'issueSecuritySchemeId',
  'prioritySchemeId',
];

/** Jira's defaults that have no id: the Default Workflow Scheme, the system default field configuration. */
const DEFAULT_WITHOUT_ID = 'default';

const asRecord = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
const ids = (value: unknown) => (Array.isArray(value) ? value.map(text) : []);

/** Runs `work` over `items` with at most `limit` in flight; resolves with the sum of what they return. */
async function boundedSum<T>(items: readonly T[], limit: number, work: (item: T) => Promise<number>): Promise<number> {
  let next = 0;
  let sum = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      sum += await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return sum;
}

const SCHEME_PLAN_ENDPOINTS = [
  'GET /rest/api/3/project/search',
  'GET /rest/api/3/workflowscheme/project',
  'GET /rest/api/3/issuetypescheme/project',
  'GET /rest/api/3/issuetypescreenscheme/project',
  'GET /rest/api/3/fieldconfigurationscheme/project',
  'GET /rest/api/3/notificationscheme/project',
  'GET /rest/api/3/priorityscheme',
  'GET /rest/api/3/priorityscheme/{schemeId}/projects',
  'GET /rest/api/3/project/{projectKeyOrId}/permissionscheme',
  'GET /rest/api/3/project/{projectKeyOrId}/issuesecuritylevelscheme',
];

/**
 * One object per project (`projectschemes/{projectId}`): the id of each scheme it uses, `null` where Jira
 * names none (team-managed projects, no issue security), "default" for Jira's defaults that have no id.
 * Bulk association endpoints answer for up to 50 projects a request (notification mappings are listed
 * whole, priority schemes per scheme); only the permission and issue security schemes need a request
 * per project (no bulk read exists). For 2,500 projects: ~26 project pages + 4 × 50 chunk reads + a few
 * notification and priority pages + 5,000 per-project reads, against 20,000 reads all per project.
 */
export const projectSchemes: ListPlan = {
  kind: 'list',
  scopes: [
    'read:application-role:jira',
    'read:avatar:jira',
    'read:field-configuration-scheme:jira',
    'read:field:jira',
    'read:group:jira',
    'read:issue-security-level:jira',
    'read:issue-security-scheme:jira',
    'read:issue-type-hierarchy:jira',
    'read:issue-type-scheme:jira',
    'read:issue-type-screen-scheme:jira',
    'read:issue-type:jira',
    'read:notification-scheme:jira',
    'read:permission-scheme:jira',
    'read:permission:jira',
    'read:priority-scheme:jira',
    'read:project-category:jira',
    'read:project-role:jira',
    'read:project-version:jira',
    'read:project.component:jira',
    'read:project.property:jira',
    'read:project:jira',
    'read:user:jira',
    'read:workflow-scheme:jira',
    'read:workflow:jira',
  ],
  endpoints: SCHEME_PLAN_ENDPOINTS,
  async read(client, emit) {
    let requests = 0;
    const projects = await collect(client, pageBean('/rest/api/3/project/search', 100));
    requests += projects.pages;
    const rows = new Map<string, Record<string, unknown>>();
    for (const p of projects.values) {
      const row: Record<string, unknown> = { id: text(p['id']) };
      for (const slot of SLOTS) row[slot] = null;
      rows.set(text(p['id']), row);
    }
    const set = (projectId: string, slot: Slot, value: string) => {
      const row = rows.get(projectId);
      if (row) row[slot] = value;
    };
    const projectIds = [...rows.keys()];

    // Bulk association reads, 50 projects at a time.
    for (let i = 0; i < projectIds.length; i += PROJECT_CHUNK) {
      const chunk = projectIds.slice(i, i + PROJECT_CHUNK);
      const [workflow, issueType, screen, fieldConfiguration] = await Promise.all([
        collect(client, { path: '/rest/api/3/workflowscheme/project', query: { projectId: chunk }, shape: { kind: 'wrapper', key: 'values' } }),
        collect(client, pageBean('/rest/api/3/issuetypescheme/project', 50, { projectId: chunk })),
        collect(client, pageBean('/rest/api/3/issuetypescreenscheme/project', 50, { projectId: chunk })),
        collect(client, pageBean('/rest/api/3/fieldconfigurationscheme/project', 50, { projectId: chunk })),
      ]);
      requests += workflow.pages + issueType.pages + screen.pages + fieldConfiguration.pages;
      for (const a of workflow.values) {
        const scheme = asRecord(a['workflowScheme']);
        const id = scheme['id'] === undefined ? DEFAULT_WITHOUT_ID : text(scheme['id']);
        for (const projectId of ids(a['projectIds'])) set(projectId, 'workflowSchemeId', id);
      }
      for (const a of issueType.values) for (const p of ids(a['projectIds'])) set(p, 'issueTypeSchemeId', text(asRecord(a['issueTypeScheme'])['id']));
      for (const a of screen.values)
        for (const p of ids(a['projectIds'])) set(p, 'issueTypeScreenSchemeId', text(asRecord(a['issueTypeScreenScheme'])['id']));
      for (const a of fieldConfiguration.values) {
        const scheme = a['fieldConfigurationScheme'];
        const id = scheme === undefined || scheme === null ? DEFAULT_WITHOUT_ID : text(asRecord(scheme)['id']);
        for (const projectId of ids(a['projectIds'])) set(projectId, 'fieldConfigurationSchemeId', id);
      }
    }

    // Notification mappings: every company-managed project's, in one paged list.
    const notification = await collect(client, pageBean('/rest/api/3/notificationscheme/project', 50));
    requests += notification.pages;
    for (const m of notification.values) set(text(m['projectId']), 'notificationSchemeId', text(m['notificationSchemeId']));

    // Priority schemes, then each scheme's projects.
    const priority = await collect(client, pageBean('/rest/api/3/priorityscheme', 50));
    requests += priority.pages;
    for (const scheme of priority.values) {
      const schemeId = text(scheme['id']);
      const members = await collect(client, pageBean(`/rest/api/3/priorityscheme/${encodeURIComponent(schemeId)}/projects`, 50));
      requests += members.pages;
      for (const p of members.values) set(text(p['id']), 'prioritySchemeId', schemeId);
    }

    // Permission and issue security schemes: one request each per project.
    requests += await boundedSum(projectIds, client.concurrency ?? 4, async (projectId) => {
      const base = `/rest/api/3/project/${encodeURIComponent(projectId)}`;
      let permission: Record<string, unknown>;
      try {
        permission = asRecord(await client.getJson(`${base}/permissionscheme`));
      } catch (err) {
        // 404: the project was deleted since it was listed; it has no associations any more.
        if (!isNotFound(err)) throw err;
        rows.delete(projectId);
        return 1;
      }
      set(projectId, 'permissionSchemeId', text(permission['id']));
      try {
        const security = asRecord(await client.getJson(`${base}/issuesecuritylevelscheme`));
        set(projectId, 'issueSecuritySchemeId', text(security['id']));
      } catch (err) {
        // 404: the project has no issue security scheme (or was deleted since it was listed).
        if (!isNotFound(err)) throw err;
      }
      return 2;
    });

    const all = [...rows.values()];
    for (let i = 0; i < all.length; i += 100) await emit(all.slice(i, i + 100));
    return requests;
  },
};

// ---------------------------------------------------------------------------------------------
// Who holds each project role in each project
// ---------------------------------------------------------------------------------------------

/** The role id at the end of a project role URL (`.../project/10000/role/10002`). */
function roleIdOf(url: unknown): string | undefined {
  return /\/role\/(\d+)\/?$/.exec(text(url))?.[1];
}

/**
 * The actors of every role in one project: the project's role map, then each role (no endpoint returns
 * a project's actors of several roles at once). The role's own definition is the projectrole type's;
 * this object is `{id: roleId, actors}`.
 */
export const projectRoleActors: PerParentPlan = {
  kind: 'per-parent',
  scopes: ['read:avatar:jira', 'read:group:jira', 'read:project-category:jira', 'read:project-role:jira', 'read:project:jira', 'read:user:jira'],
  endpoints: [`GET ${PROJECT}/role`, `GET ${PROJECT}/role/{id}`],
  async read(client, project, emit) {
    const projectId = text(project['id']);
    const base = `/rest/api/3/project/${encodeURIComponent(projectId)}/role`;
    const roleIds = [...new Set(Object.values(asRecord(await client.getJson(base))).map(roleIdOf))].filter((id): id is string => id !== undefined);
    const found: Array<Record<string, unknown>> = [];
    const requests = await boundedSum(roleIds, client.concurrency ?? 4, async (roleId) => {
      try {
        const role = asRecord(await client.getJson(`${base}/${roleId}`));
        found.push({ id: role['id'] ?? Number(roleId), parentKey: projectId, actors: Array.isArray(role['actors']) ? role['actors'] : [] });
      } catch (err) {
        // 404: the role was deleted since the map was read.
        if (!isNotFound(err)) throw err;
      }
      return 1;
    });
    if (found.length > 0) await emit(found);
    return 1 + requests;
  },
};
