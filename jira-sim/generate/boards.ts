import type { Prng } from '../prng';
import type { JsonObject } from '../types';
import type { GenContext } from './context';
import type { ProjectPlan } from './projects';

/*
 * The boards group: shared filters (each Jira Software board has one, and people save more), dashboards
 * with their gadgets, and boards with their configuration. Stored shapes are what the API renders from
 * (jira-sim/rest/board-views.ts): a filter keeps its `columns`, a board its configuration, a gadget its
 * `dashboardId`.
 */

const FILTER_TOPICS = ['Open bugs', 'My open issues', 'Blockers', 'Release candidates', 'Unassigned', 'Overdue', 'Recently resolved', 'Tech debt'];
const COLUMN_CHOICES: Array<[string, string]> = [
  ['Issue Type', 'issuetype'],
  ['Key', 'issuekey'],
  ['Summary', 'summary'],
  ['Assignee', 'assignee'],
  ['Reporter', 'reporter'],
  ['Priority', 'priority'],
  ['Status', 'status'],
  ['Resolution', 'resolution'],
  ['Created', 'created'],
  ['Updated', 'updated'],
  ['Due date', 'duedate'],
  ['Labels', 'labels'],
  ['Fix versions', 'fixVersions'],
];
const GADGETS: Array<{ title: string; moduleKey?: string; uri?: string }> = [
  { title: 'Assigned to Me', moduleKey: 'com.atlassian.jira.gadgets:assigned-to-me-dashboard-item' },
  { title: 'Filter Results', moduleKey: 'com.atlassian.jira.gadgets:filter-results-dashboard-item' },
  {
    title: 'Activity Stream',
    uri: 'rest/gadgets/1.0/g/com.atlassian.streams.streams-jira-plugin:activitystream-gadget/gadgets/activitystream-gadget.xml',
  },
  { title: 'Pie Chart', moduleKey: 'com.atlassian.jira.gadgets:pie-chart-dashboard-item' },
  { title: 'Created vs Resolved', moduleKey: 'com.atlassian.jira.gadgets:created-vs-resolved-issues-chart-dashboard-item' },
  { title: 'Sprint Burndown', moduleKey: 'com.atlassian.jira.gadgets:sprint-burndown-dashboard-item' },
];
const COLORS = ['blue', 'red', 'yellow', 'green', 'cyan', 'purple', 'gray', 'white'];

/** The Rank custom field Jira Software creates; every board ranks by it. */
export const RANK_FIELD_ID = 10019;

export interface BoardGroupCounts {
  filter: number;
  dashboard: number;
  dashboardgadget: number;
  board: number;
}

export interface BoardGroupObjects {
  filter: JsonObject[];
  dashboard: JsonObject[];
  dashboardgadget: JsonObject[];
  board: JsonObject[];
}

interface Refs {
  projects: ProjectPlan[];
  roleIds: number[];
  statuses: JsonObject[];
}

/** A UserBean (dashboard owners, users in share permissions): Jira's User without `accountType`. */
function userBean(ctx: GenContext, rng: Prng): JsonObject {
  const { accountType: _type, ...bean } = ctx.userBean(rng.pick(ctx.users));
  return bean;
}

/** Refs plus the next share permission id (unique across the site, like Jira's). */
interface ShareRefs extends Refs {
  shareIds: { next: number };
}

export function buildBoardGroup(ctx: GenContext, counts: BoardGroupCounts, refs: Refs): BoardGroupObjects {
  const software = refs.projects.filter((p) => p.typeKey === 'software');
  const boardProjects = software.length > 0 ? software : refs.projects;
  const shared: ShareRefs = { ...refs, shareIds: { next: 10000 } };
  const filter = buildFilters(ctx, Math.max(counts.filter, counts.board), counts.board, boardProjects, shared);
  const board = buildBoards(ctx, counts.board, boardProjects, filter, refs.statuses);
  const { dashboards, gadgets } = buildDashboards(ctx, counts.dashboard, counts.dashboardgadget, shared);
  return { filter, board, dashboard: dashboards, dashboardgadget: gadgets };
}

/** One share or edit permission as Jira lists it (with the project, role, group or user it names). */
export function sharePermission(ctx: GenContext, rng: Prng, refs: ShareRefs, kinds: readonly string[]): JsonObject {
  const id = refs.shareIds.next++;
  const kind = rng.pick(kinds);
  const project = rng.pick(refs.projects);
  const projectView = {
    self: ctx.restUrl(`project/${project.id}`),
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.typeKey,
    simplified: project.teamManaged,
  };
  switch (kind) {
    case 'group': {
      const group = rng.pick(ctx.groups);
      return { id, type: 'group', group: { name: group.name, groupId: group.groupId, self: ctx.restUrl(`group?groupId=${group.groupId}`) } };
    }
    case 'project':
      return { id, type: 'project', project: projectView };
    case 'projectRole': {
      const roleId = refs.roleIds.length > 0 ? rng.pick(refs.roleIds) : 10002;
      return {
        id,
        type: 'project',
        project: projectView,
        role: { self: ctx.restUrl(`project/${project.id}/role/${roleId}`), id: roleId, name: `Role ${roleId}` },
      };
    }
    case 'user':
      return { id, type: 'user', user: userBean(ctx, rng) };
    default:
      return { id, type: kind };
  }
}

function buildFilters(ctx: GenContext, count: number, boardCount: number, projects: ProjectPlan[], refs: ShareRefs): JsonObject[] {
  const rng = ctx.rng('filter');
  const filters: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(10000 + i);
    const project = projects[i % projects.length] as ProjectPlan;
    const forBoard = i < boardCount;
    const name = forBoard
      ? `Filter for ${project.key} board ${1 + Math.floor(i / projects.length)}`
      : `${rng.pick(FILTER_TOPICS)} (${project.key}) #${i}`;
    const jql = forBoard
      ? `project = ${project.key} ORDER BY Rank ASC`
      : `project = ${project.key} AND ${rng.pick(['resolution = Unresolved', 'assignee = currentUser()', 'priority = Highest', 'duedate < now()', 'labels = techdebt'])} ORDER BY ${rng.pick(['created DESC', 'priority DESC', 'updated DESC'])}`;
    const shareCount = rng.int(0, 3);
    const shares: JsonObject[] = [];
    for (let s = 0; s < shareCount; s++) shares.push(sharePermission(ctx, rng, refs, ['group', 'project', 'projectRole', 'loggedin', 'user']));
    const edits: JsonObject[] = [];
    if (rng.chance(0.3)) edits.push(sharePermission(ctx, rng, refs, ['group', 'project', 'user']));
    const filter: JsonObject = {
      id,
      self: ctx.restUrl(`filter/${id}`),
      name,
      description: rng.chance(0.4) ? `Issues of ${project.name}.` : '',
      owner: ctx.userBean(rng.pick(ctx.users)),
      jql,
      viewUrl: `${ctx.siteUrl}/issues/?filter=${id}`,
      searchUrl: `${ctx.siteUrl}/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}`,
      favourite: rng.chance(0.2),
      favouritedCount: rng.int(0, 40),
      sharePermissions: shares,
      editPermissions: edits,
    };
    // About half the filters set their own columns; the others use the user's defaults (404 from /columns).
    if (i % 2 === 0) filter['columns'] = rng.sample(COLUMN_CHOICES, rng.int(3, 8)).map(([label, value]) => ({ label, value }));
    filters.push(filter);
  }
  return filters;
}

function buildBoards(ctx: GenContext, count: number, projects: ProjectPlan[], filters: JsonObject[], statuses: JsonObject[]): JsonObject[] {
  const rng = ctx.rng('board');
  const global = statuses.filter((s) => (s['scope'] as JsonObject | undefined)?.['type'] !== 'PROJECT');
  const byCategory = (category: string) => global.filter((s) => s['statusCategory'] === category).map((s) => String(s['id']));
  const todo = byCategory('TODO');
  const doing = byCategory('IN_PROGRESS');
  const done = byCategory('DONE');
  const boards: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const project = projects[i % projects.length] as ProjectPlan;
    const type = rng.chance(0.6) ? 'scrum' : 'kanban';
    const name = `${project.key} ${type === 'scrum' ? 'Scrum' : 'Kanban'} board${i >= projects.length ? ` ${1 + Math.floor(i / projects.length)}` : ''}`;
    const columns: JsonObject[] = [];
    if (type === 'kanban') columns.push({ name: 'Backlog', statuses: rng.sample(todo, 1).map((id) => ({ id })) });
    columns.push({ name: 'To Do', statuses: rng.sample(todo, rng.int(1, 2)).map((id) => ({ id })) });
    columns.push({ name: 'In Progress', statuses: rng.sample(doing, rng.int(1, 3)).map((id) => ({ id })) });
    if (rng.chance(0.5)) columns.push({ name: 'Review', statuses: rng.sample(doing, 1).map((id) => ({ id })), max: rng.int(3, 8) });
    columns.push({ name: 'Done', statuses: rng.sample(done, rng.int(1, 2)).map((id) => ({ id })) });
    const board: JsonObject = {
      id: 1 + i,
      name,
      type,
      location: locationOf(project),
      isPrivate: false,
      favourite: rng.chance(0.2),
      canEdit: true,
      filterId: String(filters[i]?.['id'] ?? '10000'),
      columnConfig: { columns, constraintType: columns.some((c) => c['max'] !== undefined) ? 'issueCount' : 'none' },
      ranking: { rankCustomFieldId: RANK_FIELD_ID },
    };
    if (type === 'scrum') board['estimation'] = { type: 'field', field: { fieldId: 'timeoriginalestimate', displayName: 'Original estimate' } };
    else board['subQuery'] = { query: 'fixVersion in unreleasedVersions() OR fixVersion is EMPTY' };
    boards.push(board);
  }
  return boards;
}

/** Where a board lives (GET /board's `location`): its project, with copies of the project's names. */
export function locationOf(project: Pick<ProjectPlan, 'id' | 'key' | 'name' | 'typeKey'>): JsonObject {
  return {
    projectId: Number(project.id),
    displayName: `${project.name} (${project.key})`,
    projectName: project.name,
    projectKey: project.key,
    projectTypeKey: project.typeKey,
    avatarURI: `/rest/api/2/universal_avatar/view/type/project/avatar/10400?size=small`,
    name: `${project.name} (${project.key})`,
  };
}

function buildDashboards(ctx: GenContext, count: number, gadgetCount: number, refs: ShareRefs): { dashboards: JsonObject[]; gadgets: JsonObject[] } {
  const rng = ctx.rng('dashboard');
  const dashboards: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(10000 + i);
    const system = i === 0;
    const dashboard: JsonObject = {
      id,
      self: ctx.restUrl(`dashboard/${id}`),
      name: system ? 'Default dashboard' : `${rng.pick(['Team', 'Release', 'Support', 'Ops', 'Quality'])} dashboard ${i}`,
      description: system || rng.chance(0.5) ? '' : 'What the team looks at every morning.',
      isFavourite: rng.chance(0.3),
      popularity: rng.int(0, 25),
      rank: i,
      view: `${ctx.siteUrl}/jira/dashboards/${id}`,
      systemDashboard: system,
      sharePermissions: system
        ? [{ id: refs.shareIds.next++, type: 'global' }]
        : Array.from({ length: rng.int(0, 2) }, () => sharePermission(ctx, rng, refs, ['group', 'project', 'loggedin'])),
      editPermissions: system ? [] : rng.chance(0.3) ? [sharePermission(ctx, rng, refs, ['group', 'user'])] : [],
    };
    if (!system) dashboard['owner'] = userBean(ctx, rng);
    dashboards.push(dashboard);
  }
  const gadgets: JsonObject[] = [];
  const perColumn = new Map<string, number>();
  for (let g = 0; g < gadgetCount && dashboards.length > 0; g++) {
    const dashboardId = String(dashboards[g % dashboards.length]?.['id']);
    const column = rng.int(0, 1);
    const slot = `${dashboardId}:${column}`;
    const row = perColumn.get(slot) ?? 0;
    perColumn.set(slot, row + 1);
    const kind = rng.pick(GADGETS);
    gadgets.push({
      id: 10000 + g,
      dashboardId,
      ...(kind.moduleKey ? { moduleKey: kind.moduleKey } : { uri: kind.uri as string }),
      color: rng.pick(COLORS),
      position: { row, column },
      title: kind.title,
    });
  }
  return { dashboards, gadgets };
}
