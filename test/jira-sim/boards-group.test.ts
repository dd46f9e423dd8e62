/**
 * The boards group: shared filters and their columns, dashboards and their gadgets (platform API, checked
 * against the spec), Jira Software boards and their configuration (agile API, not in the platform spec:
 * checked against the shapes of Atlassian's Jira Software REST docs), page caps, errors, the agile API's
 * absence on a site without Jira Software, its scopes, and admin mutations.
 */
import { generateSite } from '../../jira-sim/generate';
import { defaultMaxResults, responseValidator, type ResponseValidator } from './openapi-schema';
import { allPages, CONFIG_SCOPES, http, startFixture, type SimFixture } from './sim-fixture';

let fx: SimFixture;

beforeAll(async () => {
  fx = await startFixture({ size: 'small', seed: 23 });
});
afterAll(async () => {
  await fx.sim.close();
});

const API = '/rest/api/3/';
const cloud = () => fx.site.cloudId;

function expectValid(validate: ResponseValidator, body: unknown, what: string): void {
  if (!validate(body)) throw new Error(`${what} does not match the spec:\n${validate.errorText()}`);
}

const agile = (path: string, init: { token?: string; cloudId?: string } = {}) =>
  http(fx.sim.url, `/ex/jira/${init.cloudId ?? cloud()}/rest/agile/1.0/${path}`, {
    headers: { authorization: `Bearer ${init.token ?? fx.tokens.access_token}` },
  });

async function agileValues(path: string): Promise<any[]> {
  const values: any[] = [];
  for (let startAt = 0; ;) {
    const page = await agile(`${path}${path.includes('?') ? '&' : '?'}startAt=${startAt}`);
    expect(page.status).toBe(200);
    values.push(...page.body.values);
    startAt += page.body.values.length;
    if (page.body.isLast) return values;
  }
}

const FILTER_EXPAND = 'description,jql,owner,sharePermissions,editPermissions,favourite,favouritedCount,viewUrl,searchUrl,subscriptions';
const DASHBOARD_EXPAND = 'description,owner,sharePermissions,editPermissions,favourite,favouritedCount,viewUrl,isWritable';

describe('responses match the spec', () => {
  it('filter search with every expand, and the columns of every filter (404 where none are set)', async () => {
    const validate = responseValidator(`${API}filter/search`);
    const pages = await allPages(fx, `filter/search?expand=${FILTER_EXPAND}`, 2);
    for (const page of pages) expectValid(validate, page, 'filter/search');
    const filters = pages.flatMap((p) => p.values);
    expect(filters).toHaveLength(fx.site.objectCounts.filter);
    expect(filters.some((f) => f.sharePermissions.length > 0)).toBe(true);
    const columns = responseValidator(`${API}filter/{id}/columns`);
    let withColumns = 0;
    for (const filter of filters) {
      const answer = await fx.jira(`filter/${filter.id}/columns`);
      if (answer.status === 404) continue;
      expect(answer.status).toBe(200);
      expectValid(columns, answer.body, `filter/${filter.id}/columns`);
      withColumns++;
    }
    expect(withColumns).toBeGreaterThan(0);
  });

  it('without expand a filter is id, name and links only', async () => {
    const [filter] = (await fx.jira('filter/search?maxResults=1')).body.values;
    expect(Object.keys(filter).sort()).toEqual(['expand', 'id', 'name', 'self']);
  });

  it('dashboard search with every expand, and the gadgets of every dashboard', async () => {
    const validate = responseValidator(`${API}dashboard/search`);
    const pages = await allPages(fx, `dashboard/search?expand=${DASHBOARD_EXPAND}`, 2);
    for (const page of pages) expectValid(validate, page, 'dashboard/search');
    const dashboards = pages.flatMap((p) => p.values);
    expect(dashboards).toHaveLength(fx.site.objectCounts.dashboard);
    const gadgetResponse = responseValidator(`${API}dashboard/{dashboardId}/gadget`);
    let gadgets = 0;
    for (const dashboard of dashboards) {
      const answer = await fx.jira(`dashboard/${dashboard.id}/gadget`);
      expect(answer.status).toBe(200);
      // DashboardGadgetPosition in the spec names its two properties by their descriptions ("The row position
      // of the gadget.") while the spec's own example, and Jira, answer {row, column}: the position is checked
      // under the spec's names, and its real names are checked here.
      for (const gadget of answer.body.gadgets) expect(gadget.position).toEqual({ row: expect.any(Number), column: expect.any(Number) });
      const asSpecNames = {
        gadgets: answer.body.gadgets.map((g: any) => ({
          ...g,
          position: { 'The row position of the gadget.': g.position.row, 'The column position of the gadget.': g.position.column },
        })),
      };
      expectValid(gadgetResponse, asSpecNames, `dashboard/${dashboard.id}/gadget`);
      gadgets += answer.body.gadgets.length;
    }
    expect(gadgets).toBe(fx.site.objectCounts.dashboardgadget);
  });

  it('boards and their configuration in the agile API shapes', async () => {
    const boards = await agileValues('board');
    expect(boards).toHaveLength(fx.site.objectCounts.board);
    for (const board of boards) {
      expect(board).toEqual(
        expect.objectContaining({
          id: expect.any(Number),
          self: expect.stringContaining(`/rest/agile/1.0/board/${board.id}`),
          name: expect.any(String),
        }),
      );
      expect(['scrum', 'kanban']).toContain(board.type);
      const configuration = await agile(`board/${board.id}/configuration`);
      expect(configuration.status).toBe(200);
      const body = configuration.body;
      expect(body).toEqual(
        expect.objectContaining({
          id: board.id,
          name: board.name,
          type: board.type,
          filter: { id: expect.any(String), self: expect.stringContaining(`/rest/api/3/filter/`) },
          columnConfig: { columns: expect.any(Array), constraintType: expect.any(String) },
          ranking: { rankCustomFieldId: expect.any(Number) },
        }),
      );
      for (const column of body.columnConfig.columns) {
        expect(column.name).toEqual(expect.any(String));
        for (const status of column.statuses)
          expect(status).toEqual({ id: expect.any(String), self: expect.stringContaining(`/status/${status.id}`) });
      }
      if (board.type === 'scrum')
        expect(body.estimation).toEqual({ type: 'field', field: { fieldId: expect.any(String), displayName: expect.any(String) } });
      else expect(body.subQuery).toEqual({ query: expect.any(String) });
    }
  });
});

describe('paging as the spec and the docs declare it', () => {
  it('filters and dashboards: pages of the spec default (50), which is also the cap', async () => {
    for (const path of ['filter/search', 'dashboard/search']) {
      expect(defaultMaxResults(`${API}${path}`)).toBe(50);
      expect((await fx.jira(`${path}?maxResults=1000`)).body.maxResults).toBe(50);
    }
  });

  it('boards: at most 50 a page; startAt/maxResults/total/isLast/values and no page links', async () => {
    const page = await agile('board?maxResults=1000');
    expect(Object.keys(page.body).sort()).toEqual(['isLast', 'maxResults', 'startAt', 'total', 'values']);
    expect(page.body.maxResults).toBe(50);
    const first = await agile('board?maxResults=1');
    expect(first.body).toEqual(expect.objectContaining({ startAt: 0, maxResults: 1, isLast: false, total: fx.site.objectCounts.board }));
    expect(first.body.values).toHaveLength(1);
  });
});

describe('errors as Jira answers them', () => {
  it('404 for an unknown dashboard or board, 400 for an unknown filter', async () => {
    expect((await fx.jira('dashboard/999999/gadget')).status).toBe(404);
    expect((await fx.jira('filter/999999/columns')).status).toBe(400);
    const board = await agile('board/999999/configuration');
    expect(board.status).toBe(404);
    expect(board.body.errorMessages).toEqual(['Board does not exist or you do not have permission to see it.']);
  });

  it('a site without Jira Software answers 404 for the agile API, and the platform API as usual', async () => {
    const site = await fx.admin.createSite({ name: 'core-only', seed: 23, size: 'small', products: ['jira-core'] });
    const { tokens } = await fx.admin.consent(site.cloudId, fx.client, { scopes: CONFIG_SCOPES });
    expect((await agile('board', { cloudId: site.cloudId, token: tokens.access_token })).status).toBe(404);
    expect((await fx.jira('filter/search', { cloudId: site.cloudId, token: tokens.access_token })).status).toBe(200);
  });

  it('agile scopes are enforced: the board list needs read:board-scope:jira-software and read:project:jira', async () => {
    const site = await fx.admin.createSite({ name: 'scoped', seed: 23, size: 'small', scopeEnforcement: true });
    const token = async (scopes: string[]) => (await fx.admin.consent(site.cloudId, fx.client, { scopes })).tokens.access_token;
    const classic = await token(['read:jira-work', 'manage:jira-configuration']);
    expect((await agile('board', { cloudId: site.cloudId, token: classic })).status).toBe(401);
    const boardOnly = await token(['read:board-scope:jira-software', 'read:project:jira']);
    expect((await agile('board', { cloudId: site.cloudId, token: boardOnly })).status).toBe(200);
    expect((await agile('board/1/configuration', { cloudId: site.cloudId, token: boardOnly })).status).toBe(401);
    const admin = await token(['read:board-scope.admin:jira-software', 'read:project:jira']);
    expect((await agile('board/1/configuration', { cloudId: site.cloudId, token: admin })).status).toBe(200);
  });
});

describe('admin mutations', () => {
  it("a filter's JQL, sharing and columns change by merge patch", async () => {
    const filter = await fx.admin.addObject(cloud(), 'filter', { name: 'Audit filter', jql: 'project = X' });
    const id = String(filter['id']);
    expect((await fx.jira(`filter/${id}/columns`)).status).toBe(404);
    await fx.admin.patchObject(cloud(), 'filter', id, {
      jql: 'project = Y',
      sharePermissions: [{ id: 1, type: 'loggedin' }],
      columns: [{ label: 'Key', value: 'issuekey' }],
    });
    const [listed] = (await fx.jira(`filter/search?id=${id}&expand=jql,sharePermissions`)).body.values;
    expect(listed).toEqual(expect.objectContaining({ jql: 'project = Y', sharePermissions: [{ id: 1, type: 'loggedin' }] }));
    expect((await fx.jira(`filter/${id}/columns`)).body).toEqual([{ label: 'Key', value: 'issuekey' }]);
    await fx.admin.deleteObject(cloud(), 'filter', id);
    expect((await fx.jira(`filter/search?id=${id}`)).body.values).toEqual([]);
  });

  it('a gadget is added to a dashboard, moved, and removed', async () => {
    const dashboard = await fx.admin.addObject(cloud(), 'dashboard', { name: 'Audit dashboard' });
    const gadget = await fx.admin.addObject(cloud(), 'dashboardgadget', { dashboardId: dashboard['id']!, title: 'Pie' });
    await fx.admin.patchObject(cloud(), 'dashboardgadget', gadget['id'] as number, { position: { row: 2, column: 1 } });
    const { gadgets } = (await fx.jira(`dashboard/${String(dashboard['id'])}/gadget`)).body;
    expect(gadgets).toEqual([expect.objectContaining({ id: gadget['id'], title: 'Pie', position: { row: 2, column: 1 } })]);
    await fx.admin.deleteObject(cloud(), 'dashboardgadget', gadget['id'] as number);
    expect((await fx.jira(`dashboard/${String(dashboard['id'])}/gadget`)).body.gadgets).toEqual([]);
  });

  it("a board's columns are remapped by merge patch", async () => {
    const board = await fx.admin.addObject(cloud(), 'board', { name: 'Audit board' });
    const columns = [
      { name: 'Todo', statuses: [{ id: '10000' }] },
      { name: 'Done', statuses: [{ id: '10002' }] },
    ];
    await fx.admin.patchObject(cloud(), 'board', board['id'] as number, { columnConfig: { columns } });
    const { body } = await agile(`board/${String(board['id'])}/configuration`);
    expect(body.columnConfig.columns.map((c: any) => [c.name, c.statuses.map((s: any) => s.id)])).toEqual([
      ['Todo', ['10000']],
      ['Done', ['10002']],
    ]);
  });
});

describe('generation', () => {
  it('a large site has 100 boards, each with its own filter, and realistic filters and dashboards', () => {
    const site = generateSite(3, 'large', 'https://big.atlassian.net');
    expect(site.board).toHaveLength(100);
    expect(site.filter.length).toBeGreaterThanOrEqual(300);
    expect(site.dashboard.length).toBeGreaterThanOrEqual(50);
    expect(site.dashboardgadget.length).toBeGreaterThanOrEqual(5 * site.dashboard.length);
    const filterIds = new Set(site.filter.map((f) => f['id']));
    expect(new Set(site.board.map((b) => b['filterId'])).size).toBe(100);
    for (const board of site.board) expect(filterIds.has(board['filterId'] as string)).toBe(true);
  });
});
