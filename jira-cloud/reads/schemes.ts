// The schemes group: notification schemes (events and recipients), issue security schemes, their levels
// with members, and priority schemes with their priorities (in order) and projects.
import { fetchAllPages } from '../pagination';
import { asObjects, collect, list, pageBean, text, type ListPlan, listWithRows } from '../read-plan-kit';
import type { PagingClient } from '../pagination';

/** Notification schemes with every event and its recipients (expand=all); the spec's page default is 50. */
export const notificationSchemes: ListPlan = list(pageBean('/rest/api/3/notificationscheme', 50, { expand: 'all' }), [
  'read:avatar:jira',
  'read:field-configuration:jira',
  'read:field:jira',
  'read:group:jira',
  'read:notification-scheme:jira',
  'read:project-category:jira',
  'read:project-role:jira',
  'read:project:jira',
  'read:user:jira',
]);

const ISSUE_SECURITY_SCOPES = ['read:issue-security-level:jira', 'read:issue-security-scheme:jira'];

/**
 * Issue security schemes through the paged /issuesecurityschemes/search (it also names each scheme's
 * projects; the older GET /issuesecurityschemes is one unpaged wrapper without them).
 */
export const issueSecuritySchemes: ListPlan = list(pageBean('/rest/api/3/issuesecurityschemes/search', 50), ISSUE_SECURITY_SCOPES);

/**
 * Every level of every scheme, then every member of every level: two paged lists whatever the number of
 * schemes (no request per scheme or per level). Each level carries its members' holders.
 */
export const issueSecurityLevels: ListPlan = listWithRows(
  { parents: pageBean('/rest/api/3/issuesecurityschemes/level', 50), rows: pageBean('/rest/api/3/issuesecurityschemes/level/member', 50) },
  { parentField: 'issueSecurityLevelId', as: 'members', alsoDrop: ['issueSecuritySchemeId'] },
  ISSUE_SECURITY_SCOPES,
);

/** A nested PageBean (expand=priorities,projects) that Jira cut short. */
function isPartial(page: unknown): boolean {
  if (typeof page !== 'object' || page === null) return false;
  const { isLast, total, values } = page as Record<string, unknown>;
  const count = Array.isArray(values) ? values.length : 0;
  return isLast === false || (typeof total === 'number' && total > count);
}

function nestedValues(page: unknown): Array<Record<string, unknown>> {
  const values = typeof page === 'object' && page !== null ? (page as Record<string, unknown>)['values'] : undefined;
  return Array.isArray(values) ? asObjects(values) : [];
}

/** Every value of a paged resource in the order Jira lists it (pages may arrive in any order). */
async function inOrder(client: PagingClient, path: string): Promise<{ values: Array<Record<string, unknown>>; pages: number }> {
  const pagesByStart = new Map<number, Array<Record<string, unknown>>>();
  const { pages } = await fetchAllPages(client, pageBean(path, 50), async (values, page) => {
    pagesByStart.set(page.startAt, asObjects(values));
  });
  const values = [...pagesByStart.entries()].sort(([a], [b]) => a - b).flatMap(([, v]) => v);
  return { values, pages };
}

/**
 * Priority schemes with their priorities and projects expanded. Each becomes the scheme's own fields
 * with `priorityIds` (in Jira's order) and `projectIds`: the priorities' and projects' attributes are
 * their own objects. A nested list Jira cut short is read in full from the scheme's own endpoints.
 */
export const prioritySchemes: ListPlan = {
  kind: 'list',
  scopes: ['read:priority-scheme:jira'],
  endpoints: [
    'GET /rest/api/3/priorityscheme',
    'GET /rest/api/3/priorityscheme/{schemeId}/priorities',
    'GET /rest/api/3/priorityscheme/{schemeId}/projects',
  ],
  async read(client, emit) {
    let requests = 0;
    const schemes = await collect(client, pageBean('/rest/api/3/priorityscheme', 50, { expand: 'priorities,projects' }));
    requests += schemes.pages;
    const complete = await Promise.all(
      schemes.values.map(async ({ priorities, projects, ...scheme }) => {
        const base = `/rest/api/3/priorityscheme/${encodeURIComponent(text(scheme['id']))}`;
        const priorityList = isPartial(priorities) ? await inOrder(client, `${base}/priorities`) : { values: nestedValues(priorities), pages: 0 };
        const projectList = isPartial(projects)
          ? await collect(client, pageBean(`${base}/projects`, 50))
          : { values: nestedValues(projects), pages: 0 };
        requests += priorityList.pages + projectList.pages;
        return {
          ...scheme,
          priorityIds: priorityList.values.map((p) => text(p['id'])),
          projectIds: projectList.values.map((p) => text(p['id'])),
        };
      }),
    );
    await emit(complete);
    return requests;
  },
};
