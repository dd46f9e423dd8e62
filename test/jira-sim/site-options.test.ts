/** Sites without Jira Software have no agile API; Free sites have no issue security; maxResults=0 answers the count only. */
import { CONFIG_SCOPES, startFixture, type SimFixture } from './sim-fixture';

let fx: SimFixture;

beforeAll(async () => {
  fx = await startFixture({ size: 'small', seed: 4 });
});
afterAll(async () => {
  await fx.sim.close();
});

async function siteWith(input: { products?: Array<'jira-software' | 'jira-core'>; plan?: 'free' | 'standard' | 'premium' }) {
  const site = await fx.admin.createSite({ name: 'options', size: 'small', ...input });
  const { tokens } = await fx.admin.consent(site.cloudId, fx.client, { scopes: CONFIG_SCOPES });
  const call = (path: string) => fx.http(`/ex/jira/${site.cloudId}/${path}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  return { site, call };
}

it('records products and plan, by default Jira Software, Jira Work Management and Automation on Standard', async () => {
  expect(await fx.admin.getSite(fx.site.cloudId)).toMatchObject({ products: ['jira-software', 'jira-core', 'automation'], plan: 'standard' });
  const { site } = await siteWith({ products: ['jira-core'], plan: 'free' });
  expect(await fx.admin.getSite(site.cloudId)).toMatchObject({ products: ['jira-core'], plan: 'free' });
  await expect(fx.admin.createSite({ name: 'x', size: 'small', plan: 'enterprise' as never })).rejects.toMatchObject({ status: 400 });
});

it('a site without Jira Software answers 404 on the agile API', async () => {
  const { call } = await siteWith({ products: ['jira-core'] });
  const board = await call('rest/agile/1.0/board');
  expect(board.status).toBe(404);
  expect(board.body).toEqual({ errorMessages: [expect.stringContaining('Jira Software')], errors: {} });
  expect((await call('rest/api/3/field')).status).toBe(200);
});

it('a Free site refuses issue security with 403', async () => {
  const { call } = await siteWith({ plan: 'free' });
  for (const path of ['rest/api/3/issuesecurityschemes', 'rest/api/3/issuesecurityschemes/search', 'rest/api/3/securitylevel/10000']) {
    const response = await call(path);
    expect([path, response.status]).toEqual([path, 403]);
    expect(response.body.errorMessages).toHaveLength(1);
  }
  // On Standard the gate lets issue security through to its routes (the schemes group).
  const { call: standard } = await siteWith({ plan: 'standard' });
  expect((await standard('rest/api/3/issuesecurityschemes')).status).toBe(200);
});

it('maxResults=0 returns the total and no values, and no nextPage to loop on', async () => {
  for (const path of ['screens', 'field/search', 'fieldconfiguration']) {
    const page = await fx.jira(`${path}?maxResults=0`);
    expect([path, page.status]).toEqual([path, 200]);
    expect(page.body).toMatchObject({ maxResults: 0, startAt: 0, values: [], isLast: false });
    expect(page.body.total).toBeGreaterThan(0);
    expect(page.body.nextPage).toBeUndefined();
    const past = await fx.jira(`${path}?maxResults=0&startAt=${page.body.total}`);
    expect(past.body).toMatchObject({ isLast: true, values: [] });
  }
});
