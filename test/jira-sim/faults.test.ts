/** Fault injection: each kind, rule matching (count, afterRequests, probability), latency accounting. */
import { startFixture, type SimFixture } from './sim-fixture';

let fx: SimFixture;

beforeAll(async () => {
  fx = await startFixture({ size: 'small' });
});
afterAll(async () => {
  await fx.sim.close();
});
afterEach(async () => {
  await fx.admin.clearFaults();
  await fx.admin.setLatency(0);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('error faults', () => {
  it('rate-limit answers 429 with Atlassian headers and counts early retries', async () => {
    await fx.admin.addFault({ kind: 'rate-limit', pathPattern: '/rest/api/3/screens', retryAfterSec: 1, count: 1 });
    const before = await fx.admin.stats(fx.site.cloudId);
    const limited = await fx.jira('screens');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(new Date(limited.headers.get('x-ratelimit-reset') as string).getTime()).toBeGreaterThan(Date.now());
    expect(limited.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    // Calling again before Retry-After has passed fails again and is counted.
    const early = await fx.jira('role');
    expect(early.status).toBe(429);
    await sleep(1050);
    expect((await fx.jira('screens')).status).toBe(200);
    const after = await fx.admin.stats(fx.site.cloudId);
    expect(after.rateLimited - before.rateLimited).toBe(2);
    expect(after.earlyRetries - before.earlyRetries).toBe(1);
  });

  it('server-error answers 503 by default, with Retry-After when configured, or the given status', async () => {
    await fx.admin.addFault({ kind: 'server-error', pathPattern: 'role', count: 1, retryAfterSec: 3 });
    const unavailable = await fx.jira('role');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('3');
    expect(unavailable.body.errorMessages).toHaveLength(1);
    expect((await fx.jira('role')).status).toBe(200);
    await fx.admin.addFault({ kind: 'server-error', pathPattern: 'role', count: 1, status: 500 });
    expect((await fx.jira('role')).status).toBe(500);
  });

  it('not-found answers 404', async () => {
    await fx.admin.addFault({ kind: 'not-found', pathPattern: 'issuetype', count: 1 });
    const response = await fx.jira('issuetype');
    expect(response.status).toBe(404);
    expect(response.body.errorMessages).toHaveLength(1);
  });

  it('timeout holds the connection and then drops it without an answer', async () => {
    await fx.admin.addFault({ kind: 'timeout', pathPattern: 'field', latencyMs: 300, count: 1 });
    const started = Date.now();
    await expect(fx.jira('field')).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    const log = await fx.admin.requests({ cloudId: fx.site.cloudId, limit: 1 });
    expect(log.entries[0]).toMatchObject({ status: 0, fault: 'timeout' });
    expect((await fx.jira('field')).status).toBe(200);
  });
});

describe('body faults', () => {
  it('malformed answers 200 with invalid JSON', async () => {
    await fx.admin.addFault({ kind: 'malformed', pathPattern: 'project/search', count: 1 });
    const response = await fx.jira('project/search');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(response.text)).toThrow();
  });

  it('truncated-page cuts values short but keeps total', async () => {
    await fx.admin.addFault({ kind: 'truncated-page', pathPattern: 'screens', count: 1 });
    const cut = await fx.jira('screens?maxResults=20');
    const full = await fx.jira('screens?maxResults=20');
    expect(cut.body.total).toBe(full.body.total);
    expect(cut.body.values.length).toBeLessThan(full.body.values.length);
  });

  it('total-drift reports a different total', async () => {
    await fx.admin.addFault({ kind: 'total-drift', pathPattern: 'field/search', count: 1, totalDelta: -3 });
    const drifted = await fx.jira('field/search');
    const real = await fx.jira('field/search');
    expect(drifted.body.total).toBe(real.body.total - 3);
  });

  it('missing-islast omits isLast', async () => {
    await fx.admin.addFault({ kind: 'missing-islast', pathPattern: 'workflowscheme', count: 1 });
    const page = await fx.jira('workflowscheme');
    expect(page.body).not.toHaveProperty('isLast');
    expect((await fx.jira('workflowscheme')).body).toHaveProperty('isLast');
  });

  it('repeat-page returns the previous page values for this startAt', async () => {
    const firstPage = await fx.jira('field/search?startAt=0&maxResults=10');
    await fx.admin.addFault({ kind: 'repeat-page', pathPattern: 'field/search', count: 1 });
    const repeated = await fx.jira('field/search?startAt=10&maxResults=10');
    expect(repeated.body.startAt).toBe(10);
    expect(repeated.body.values).toEqual(firstPage.body.values);
  });
});

describe('rule matching', () => {
  it('afterRequests skips the first matches and count limits the firings', async () => {
    await fx.admin.addFault({ id: 'third-and-fourth', kind: 'server-error', pathPattern: 'priority/search', afterRequests: 2, count: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fx.jira('priority/search')).status);
    expect(statuses).toEqual([200, 200, 503, 503, 200, 200]);
    const [rule] = await fx.admin.listFaults();
    expect(rule).toMatchObject({ id: 'third-and-fourth', matched: 6, applied: 2 });
  });

  it('matches by regular expression, method and site', async () => {
    await fx.admin.addFault({ kind: 'not-found', pathPattern: 'resolution/search$', method: 'GET', cloudId: fx.site.cloudId });
    expect((await fx.jira('resolution/search')).status).toBe(404);
    expect((await fx.jira('priority/search')).status).toBe(200);
    await fx.admin.clearFaults();
    await fx.admin.addFault({ kind: 'not-found', cloudId: 'another-site' });
    expect((await fx.jira('resolution/search')).status).toBe(200);
  });

  it('fires with a seeded probability, the same way every time', async () => {
    const run = async () => {
      await fx.admin.clearFaults();
      await fx.admin.addFault({ kind: 'server-error', pathPattern: 'role', probability: 0.5, seed: 9 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await fx.jira('role')).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(3);
  });

  it('applies to the token endpoint too', async () => {
    await fx.admin.addFault({ kind: 'server-error', pathPattern: '/oauth/token', method: 'POST', count: 1 });
    const response = await fx.http('/oauth/token', {
      method: 'POST',
      body: {
        grant_type: 'refresh_token',
        client_id: fx.client.clientId,
        client_secret: fx.client.clientSecret,
        refresh_token: fx.tokens.refresh_token,
      },
    });
    expect(response.status).toBe(503);
  });
});

describe('latency', () => {
  it('adds global, per-site and fault latency and records what was applied', async () => {
    await fx.admin.setLatency(40);
    await fx.admin.clearRequests();
    const started = Date.now();
    await fx.jira('role');
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    await fx.admin.setLatency(60, fx.site.cloudId);
    await fx.admin.addFault({ kind: 'latency', pathPattern: 'role', latencyMs: 30, count: 1 });
    await fx.jira('role');
    const { entries } = await fx.admin.requests({ cloudId: fx.site.cloudId });
    expect(entries.map((e) => e.appliedLatencyMs)).toEqual([40, 90]);
    expect((await fx.admin.stats(fx.site.cloudId)).latencyMsTotal).toBe(130);
    await fx.admin.setLatency(0, fx.site.cloudId);
  });
});
