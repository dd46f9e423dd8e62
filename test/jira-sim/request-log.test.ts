/** The request log keeps the newest entries only, while its counters stay exact. */
import { RequestLog } from '../../jira-sim/observe/request-log';

function entry(overrides: Partial<Parameters<RequestLog['record']>[0]> = {}): Parameters<RequestLog['record']>[0] {
  return {
    at: 1000,
    method: 'GET',
    path: '/ex/jira/c1/rest/api/3/role',
    query: {},
    status: 200,
    cloudId: 'c1',
    appliedLatencyMs: 25,
    isWrite: false,
    tokenExpired: false,
    tokenRefresh: false,
    invalidGrant: false,
    earlyRetry: false,
    durationMs: 1,
    ...overrides,
  };
}

it('drops the oldest entries beyond its capacity but counts every request', () => {
  const log = new RequestLog(3);
  for (let i = 0; i < 5; i++) log.record(entry({ at: i, isWrite: i === 0, status: i === 1 ? 401 : 200, tokenExpired: i === 1 }));
  log.record(entry({ cloudId: 'c2', status: 429, earlyRetry: true }));
  const page = log.query({ limit: 100 });
  expect(page.entries.map((e) => e.seq)).toEqual([4, 5, 6]);
  expect(page.dropped).toBe(3);
  expect(log.stats('c1')).toEqual({
    requests: 5,
    writes: 1,
    expiredTokenCalls: 1,
    unauthorizedCalls: 1,
    rateLimited: 0,
    earlyRetries: 0,
    tokenRefreshes: 0,
    invalidGrants: 0,
    latencyMsTotal: 125,
  });
  expect(log.stats()).toMatchObject({ requests: 6, rateLimited: 1, earlyRetries: 1 });
  log.clear();
  expect(log.stats().requests).toBe(0);
  expect(log.query({ limit: 10 }).entries).toEqual([]);
});
