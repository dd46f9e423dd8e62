/**
 * Jira's 2026 rate limits as jira-sim enforces them: points (1 per request plus 1 per object returned),
 * hourly pools per tier (Tier 1: one per app across sites; Tier 2: per site and app), the burst limit per
 * endpoint, and the Beta-RateLimit headers (shared/reference/jira-cloud-api.md §3).
 */
import { createJiraClient } from '../../jira-cloud';
import { requestPoints } from '../../jira-sim/quota/points-quota';
import { CONFIG_SCOPES, startFixture, type HttpResult, type SimFixture } from './sim-fixture';

let fx: SimFixture;

beforeAll(async () => {
  fx = await startFixture({ size: 'small' });
});
afterAll(async () => {
  await fx.sim.close();
});
afterEach(async () => {
  await fx.admin.setQuota(undefined);
  await fx.admin.setClock(0);
});

/** `r=` and `t=` of the Beta-RateLimit header, and the policy's `q=`/`w=`. */
function limits(response: HttpResult) {
  const state = /^"([a-z-]+)";r=(\d+);t=(\d+)$/.exec(response.headers.get('beta-ratelimit') ?? '');
  const policy = /^"([a-z-]+)";q=(\d+);w=(\d+)$/.exec(response.headers.get('beta-ratelimit-policy') ?? '');
  if (!state || !policy) throw new Error(`no Beta-RateLimit headers on HTTP ${response.status}`);
  return { policy: policy[1], q: Number(policy[2]), w: Number(policy[3]), remaining: Number(state[2]), resetsIn: Number(state[3]) };
}

/** A second site consented to by the fixture's app (or another app's client). */
async function otherSite(name: string, client = fx.client) {
  const site = await fx.admin.createSite({ name, seed: 7, size: 'small' });
  const { tokens } = await fx.admin.consent(site.cloudId, client, { scopes: CONFIG_SCOPES });
  return { cloudId: site.cloudId, token: tokens.access_token };
}

/** The next window of the sim clock: advancing by a whole window always crosses one reset. */
async function nextWindow(windowSeconds: number) {
  const { offsetSec } = await fx.admin.getClock();
  await fx.admin.setClock(offsetSec + windowSeconds);
}

describe('points per request', () => {
  it('charges 1 plus one point per object returned, and states what is left', async () => {
    await fx.admin.setQuota({ tier: 'tenant', pointsPerWindow: 10_000, windowSeconds: 600 });
    const first = await fx.jira('role');
    expect(first.status).toBe(200);
    const before = limits(first);
    expect(before).toMatchObject({ policy: 'tenant-app-quota', q: 10_000, w: 600 });
    expect(before.remaining).toBe(10_000 - (1 + first.body.length));

    const page = await fx.jira('field/search?maxResults=7');
    expect(page.body.values).toHaveLength(7);
    expect(limits(page).remaining).toBe(before.remaining - 8);

    const projects = await fx.jira('project/search');
    const one = await fx.jira(`project/${projects.body.values[0].id}/permissionscheme`);
    expect(one.status).toBe(200);
    expect(limits(one).remaining).toBe(limits(projects).remaining - 2);
    const usage = await fx.admin.getQuota();
    expect(usage.pools).toHaveLength(1);
    expect(usage.pools[0]!.requests).toBe(4);
    expect(limits(one).remaining).toBe(10_000 - usage.pools[0]!.used);
    expect(limits(one).resetsIn).toBeGreaterThan(0);
    expect(limits(one).resetsIn).toBeLessThanOrEqual(600);
  });

  it('charges an error answer and a refused write the base point only', async () => {
    await fx.admin.setQuota({ tier: 'tenant', pointsPerWindow: 1_000, windowSeconds: 600 });
    const missing = await fx.jira('nosuchresource');
    expect(missing.status).toBe(404);
    expect(limits(missing).remaining).toBe(999);
    const write = await fx.jira('role', { method: 'PUT', body: {} });
    expect(write.status).toBe(405);
    expect(limits(write).remaining).toBe(998);
  });

  it('counts the objects of lists, pages and wrappers; one for a single object', () => {
    expect(requestPoints(undefined)).toBe(1);
    expect(requestPoints([{}, {}, {}])).toBe(4);
    expect(requestPoints({ isLast: true, total: 2, values: [{}, {}] })).toBe(3);
    expect(requestPoints({ workflows: [{}, {}], statuses: [{}] })).toBe(4);
    expect(requestPoints({ gadgets: [] })).toBe(1);
    expect(requestPoints({ id: '1', name: 'A project', lead: { accountId: 'x' }, issueTypes: [{}, {}] })).toBe(2);
  });

  it('sends no quota headers while the quota is off (the default)', async () => {
    const response = await fx.jira('role');
    expect(response.status).toBe(200);
    expect(response.headers.get('beta-ratelimit')).toBeNull();
    expect(response.headers.get('beta-ratelimit-policy')).toBeNull();
  });
});

describe('an exhausted pool', () => {
  it('answers 429 with Retry-After until the window resets, and marks the request as throttled', async () => {
    await fx.admin.setQuota({ tier: 'tenant', pointsPerWindow: 20, windowSeconds: 60 });
    await fx.admin.clearRequests();
    let last = await fx.jira('role');
    while (last.status === 200) last = await fx.jira('role');
    expect(last.status).toBe(429);
    const retryAfter = Number(last.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(last.headers.get('x-beta-ratelimit-reason')).toBe('jira-quota-tenant-based');
    expect(new Date(last.headers.get('x-beta-ratelimit-reset')!).getTime()).toBeGreaterThan(Date.parse((await fx.admin.getClock()).now));
    expect(limits(last).remaining).toBe(0);
    expect(last.body.errorMessages).toEqual(['Rate limit exceeded.']);
    const log = await fx.admin.requests({ cloudId: fx.site.cloudId });
    expect(log.entries.filter((e) => e.throttled === 'quota')).toHaveLength(1);
    expect((await fx.admin.getQuota()).pools[0]!.throttled).toBe(1);

    // Still refused within the window; served again after it.
    expect((await fx.jira('issuetype')).status).toBe(429);
    await nextWindow(60);
    const again = await fx.jira('role');
    expect(again.status).toBe(200);
    expect(limits(again).remaining).toBe(20 - (1 + again.body.length));
  });

  it('adds the near-limit header once less than 20% of the quota is left', async () => {
    await fx.admin.setQuota({ tier: 'tenant', pointsPerWindow: 100, windowSeconds: 600 });
    const seen: Array<{ remaining: number; near: boolean }> = [];
    for (let r = await fx.jira('role'); r.status === 200; r = await fx.jira('role')) {
      seen.push({ remaining: limits(r).remaining, near: r.headers.get('x-beta-ratelimit-nearlimit') === 'true' });
    }
    expect(seen.some((s) => !s.near)).toBe(true);
    expect(seen.some((s) => s.near)).toBe(true);
    for (const s of seen) expect(s.near).toBe(s.remaining < 20);
  });
});

describe('pool tiers', () => {
  it('Tier 2: each site has a pool of its own, so one exhausted site does not stop another', async () => {
    await fx.admin.setQuota({ tier: 'tenant', pointsPerWindow: 15, windowSeconds: 600 });
    const other = await otherSite('tier2-other');
    while ((await fx.jira('role')).status === 200);
    const elsewhere = await fx.jira('role', { cloudId: other.cloudId, token: other.token });
    expect(elsewhere.status).toBe(200);
    expect((await fx.admin.getQuota()).pools.map((p) => p.pool)).toHaveLength(2);
  });

  it('Tier 1: one pool for every site of the app; another app has its own', async () => {
    await fx.admin.setQuota({ tier: 'global', pointsPerWindow: 15, windowSeconds: 600 });
    const sameApp = await otherSite('tier1-same-app');
    const otherClient = await fx.admin.createOAuthClient();
    const otherApp = await otherSite('tier1-other-app', otherClient);
    let last = await fx.jira('role');
    while (last.status === 200) last = await fx.jira('role');
    expect(last.headers.get('x-beta-ratelimit-reason')).toBe('jira-quota-global-based');
    expect(limits(last).policy).toBe('global-app-quota');
    expect((await fx.jira('role', { cloudId: sameApp.cloudId, token: sameApp.token })).status).toBe(429);
    expect((await fx.jira('role', { cloudId: otherApp.cloudId, token: otherApp.token })).status).toBe(200);
  });
});

describe('burst limit', () => {
  it('refuses more than burstPerSecond calls of one endpoint in a second, not other endpoints', async () => {
    await fx.admin.setQuota({ tier: 'tenant', pointsPerWindow: 100_000, windowSeconds: 3600, burstPerSecond: 2 });
    // Five calls at once span at most two seconds: at most four are admitted.
    const answers = await Promise.all(Array.from({ length: 5 }, () => fx.jira('role')));
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) {
      expect(r.headers.get('ratelimit-reason')).toBe('jira-burst-based');
      expect(r.headers.get('retry-after')).toBe('1');
    }
    expect((await fx.jira('issuetype')).status).toBe(200);
    // A burst refusal costs no points: only admitted calls were charged.
    const admitted = answers.filter((a) => a.status === 200).length;
    expect((await fx.admin.getQuota()).pools[0]!.requests).toBe(admitted + 1);
  });
});

describe('admin API', () => {
  it('refuses a malformed quota with 400 and keeps the previous settings', async () => {
    await fx.admin.setQuota({ tier: 'global', pointsPerWindow: 500, windowSeconds: 60 });
    const bad = await fx.http('/admin/quota', { method: 'POST', body: { tier: 'tier9', pointsPerWindow: -1 } });
    expect(bad.status).toBe(400);
    expect((await fx.admin.getQuota()).settings).toEqual({ tier: 'global', pointsPerWindow: 500, windowSeconds: 60 });
  });
});

describe('the Jira client against the quota', () => {
  it('knows its pool from the headers: what is left matches the pool the sim charged', async () => {
    await fx.admin.setQuota({ tier: 'tenant', pointsPerWindow: 5_000, windowSeconds: 600 });
    const client = createJiraClient({ apiBaseUrl: fx.sim.url, cloudId: fx.site.cloudId, getAccessToken: async () => fx.tokens.access_token });
    expect(client.quota()).toBeUndefined();
    await Promise.all([client.getJson('/rest/api/3/role'), client.getJson('/rest/api/3/issuetype'), client.getJson('/rest/api/3/priority')]);
    const pool = (await fx.admin.getQuota()).pools[0]!;
    expect(client.quota()).toMatchObject({
      policy: 'tenant-app-quota',
      quota: 5_000,
      windowSeconds: 600,
      remaining: 5_000 - pool.used,
      nearLimit: false,
    });
  });
});
