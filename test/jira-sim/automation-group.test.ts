/**
 * The Automation REST API the sim serves under /automation/public/jira/{cloudId}/rest/v1/: rule summaries
 * in cursor pages and each rule by UUID, validated against schemas written from the documented shapes
 * (automation-schema.ts), the page limit, errors, the API's absence on a site without automation, its
 * authentication (API tokens as HTTP Basic; OAuth bearer tokens refused), admin mutations, and generation.
 */
import { generateSite } from '../../jira-sim/generate';
import { ruleResponse, ruleSummaryResponse, expectShape } from './automation-schema';
import { CONFIG_SCOPES, http, startFixture, type SimFixture } from './sim-fixture';

let fx: SimFixture;
/** HTTP Basic of an API token registered for the fixture's site. */
let basic: string;

const basicOf = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

/** An account's API token for a site, as an Authorization header. */
async function apiToken(cloudId: string, email = 'automation@example.com'): Promise<string> {
  const made = await fx.admin.createApiToken(cloudId, { email });
  return basicOf(made.email, made.token);
}

beforeAll(async () => {
  fx = await startFixture({ size: 'small', seed: 31 });
  basic = await apiToken(fx.site.cloudId);
});
afterAll(async () => {
  await fx.sim.close();
});

const cloud = () => fx.site.cloudId;

const automation = (path: string, init: { authorization?: string; cloudId?: string; method?: string } = {}) =>
  http(fx.sim.url, `/automation/public/jira/${init.cloudId ?? cloud()}/rest/v1/${path}`, {
    method: init.method,
    headers: { authorization: init.authorization ?? basic },
  });

/** Every summary, following `links.next`; the pages as they came. */
async function allSummaries(limit: number, init: { authorization?: string; cloudId?: string } = {}): Promise<{ pages: any[]; rules: any[] }> {
  const pages: any[] = [];
  let query = `?limit=${limit}`;
  for (let i = 0; i < 1000; i++) {
    const page = await automation(`rule/summary${query}`, init);
    expect(page.status).toBe(200);
    pages.push(page.body);
    if (!page.body.links.next) return { pages, rules: pages.flatMap((p) => p.data) };
    query = page.body.links.next;
  }
  throw new Error('the cursor never ended');
}

describe('responses match the documented shapes', () => {
  it('rule summaries in pages of `limit`, the last without links.next, every rule once', async () => {
    const { pages, rules } = await allSummaries(2);
    for (const page of pages) expectShape(ruleSummaryResponse, page, 'rule/summary');
    expect(pages.slice(0, -1).every((p) => p.data.length === 2)).toBe(true);
    expect(rules).toHaveLength(fx.site.objectCounts.automationrule);
    expect(new Set(rules.map((r) => r.uuid)).size).toBe(rules.length);
  });

  it('each rule by UUID: { rule, connections }, with its scope as ARIs of this site', async () => {
    const { rules } = await allSummaries(100);
    for (const summary of rules) {
      const answer = await automation(`rule/${summary.uuid}`);
      expect(answer.status).toBe(200);
      expectShape(ruleResponse, answer.body, `rule/${summary.uuid}`);
      expect(answer.body.rule.uuid).toBe(summary.uuid);
      for (const scope of answer.body.rule.ruleScopeARIs) expect(scope).toContain(cloud());
    }
  });

  it('the shape check fails on a body that breaks it', () => {
    expect(() => expectShape(ruleSummaryResponse, { links: {}, data: [{ uuid: 'not-a-uuid' }] }, 'bad')).toThrow(/does not match/);
  });
});

describe('paging and errors', () => {
  it('limit defaults to 50 and may not exceed 100', async () => {
    const site = await fx.admin.createSite({ name: 'many-rules', seed: 31, size: 6000 });
    const authorization = await apiToken(site.cloudId);
    expect(site.objectCounts.automationrule).toBeGreaterThan(50);
    const first = await automation('rule/summary', { cloudId: site.cloudId, authorization });
    expect(first.body.data).toHaveLength(50);
    expect(first.body.links.next).toMatch(/^\?cursor=.+&limit=50$/);
    expect((await automation('rule/summary?limit=101', { cloudId: site.cloudId, authorization })).status).toBe(400);
    expect((await automation('rule/summary?limit=0', { cloudId: site.cloudId, authorization })).status).toBe(400);
  });

  it('400 for a cursor the API did not issue, 404 for an unknown rule', async () => {
    expect((await automation('rule/summary?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    const missing = await automation('rule/0192e5ac-0e25-71de-ba7b-d972e6a2049a');
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].detail).toBe('The rule was not found.');
  });

  it('a site without automation answers 404 for the automation API, and the Jira API as usual', async () => {
    const site = await fx.admin.createSite({ name: 'no-automation', seed: 31, size: 'small', products: ['jira-software', 'jira-core'] });
    const { tokens } = await fx.admin.consent(site.cloudId, fx.client, { scopes: CONFIG_SCOPES });
    expect((await automation('rule/summary', { cloudId: site.cloudId, authorization: await apiToken(site.cloudId) })).status).toBe(404);
    expect((await fx.jira('issuetype', { cloudId: site.cloudId, token: tokens.access_token })).status).toBe(200);
  });
});

describe('authentication: API tokens only', () => {
  const refused = [
    401,
    { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {}, status: 401 },
  ];

  it("refuses an OAuth 2.0 (3LO) bearer token, even one holding every scope the Jira API's reads need", async () => {
    const answer = await automation('rule/summary', { authorization: `Bearer ${fx.tokens.access_token}` });
    expect([answer.status, answer.body]).toEqual(refused);
    // Control: the same bearer token reads the Jira API of the same site.
    expect((await fx.jira('issuetype', { token: fx.tokens.access_token })).status).toBe(200);
  });

  it('refuses a wrong token, another email, no credentials, and a token of an account without access to the site', async () => {
    const made = await fx.admin.createApiToken(cloud(), { email: 'other@example.com' });
    const elsewhere = await fx.admin.createSite({ name: 'elsewhere', seed: 31, size: 'small' });
    for (const authorization of [
      basicOf(made.email, `${made.token}x`),
      basicOf('someone@example.com', made.token),
      '',
      await apiToken(elsewhere.cloudId, 'elsewhere@example.com'),
    ]) {
      const answer = await automation('rule/summary', { authorization });
      expect([authorization.slice(0, 12), answer.status, answer.body]).toEqual([authorization.slice(0, 12), ...refused]);
    }
    // Control: the right email and token pass.
    expect((await automation('rule/summary', { authorization: basicOf(made.email, made.token) })).status).toBe(200);
  });

  it('a revoked token stops working at once', async () => {
    const made = await fx.admin.createApiToken(cloud(), { email: 'revoked@example.com' });
    const authorization = basicOf(made.email, made.token);
    expect((await automation('rule/summary', { authorization })).status).toBe(200);
    await fx.admin.revokeApiToken(made.tokenId);
    expect((await automation('rule/summary', { authorization })).status).toBe(401);
    expect((await automation(`rule/summary`)).status).toBe(200);
  });

  it('writes are refused and recorded as writes; a POST to the summary search is recorded as the read it is', async () => {
    const { lastSeq } = await fx.admin.requests({ cloudId: cloud(), limit: 1 });
    expect((await automation('rule/summary', { method: 'PUT' })).status).toBe(405);
    await automation('rule/summary', { method: 'POST' });
    const { entries } = await fx.admin.requests({ cloudId: cloud(), afterSeq: lastSeq });
    expect(entries.map((e) => [e.method, e.isWrite])).toEqual([
      ['PUT', true],
      ['POST', false],
    ]);
  });
});

describe('admin mutations', () => {
  it("a rule's component is edited, a rule added and removed", async () => {
    const [summary] = (await automation('rule/summary?limit=1')).body.data;
    const { rule } = (await automation(`rule/${summary.uuid}`)).body;
    const components = [
      ...rule.components,
      { component: 'ACTION', schemaVersion: 1, type: 'codebarrel.action.log', value: 'audit', children: [], conditions: [] },
    ];
    await fx.admin.patchObject(cloud(), 'automationrule', summary.uuid, { components, state: 'DISABLED' });
    const edited = (await automation(`rule/${summary.uuid}`)).body.rule;
    expect([edited.state, edited.components.at(-1).value]).toEqual(['DISABLED', 'audit']);

    const added = await fx.admin.addObject(cloud(), 'automationrule', { name: 'Audit rule' });
    const fetched = await automation(`rule/${String(added['uuid'])}`);
    expectShape(ruleResponse, fetched.body, 'added rule');
    await fx.admin.deleteObject(cloud(), 'automationrule', String(added['uuid']));
    expect((await automation(`rule/${String(added['uuid'])}`)).status).toBe(404);
  });
});

describe('generation', () => {
  it('a large site has 300 rules; every fourth sends a web request with a secret header and a token in its URL', () => {
    const site = generateSite(3, 'large', 'https://big.atlassian.net');
    expect(site.automationrule).toHaveLength(300);
    const webRequests = site.automationrule.flatMap((r: any) => r.components.filter((c: any) => c.type === 'jira.issue.outgoing.webhook'));
    expect(webRequests).toHaveLength(75);
    for (const request of webRequests) {
      expect(request.value.headers.find((h: any) => h.name === 'Authorization').value.secret).toBe(true);
      expect(request.value.url).toMatch(/token=|\/services\//);
    }
    expect(site.automationrule.some((r: any) => r.components.some((c: any) => c.children.length > 0))).toBe(true);
  });
});
