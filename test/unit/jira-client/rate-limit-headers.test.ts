/** Jira's quota headers read into the client's view of its points pool (jira-cloud/rate-limit-headers.ts). */
import fc from 'fast-check';
import { createQuotaTracker, quotaFromHeaders } from '../../../jira-cloud/rate-limit-headers';

const NOW = 1_800_000_000_000;

it('reads the observed Tier 2 headers', () => {
  expect(
    quotaFromHeaders(
      {
        'beta-ratelimit-policy': '"tenant-app-quota";q=100100;w=3600',
        'beta-ratelimit': '"tenant-app-quota";r=17842;t=2107',
        'x-beta-ratelimit-nearlimit': 'true',
      },
      NOW,
    ),
  ).toEqual({ policy: 'tenant-app-quota', quota: 100100, windowSeconds: 3600, remaining: 17842, resetsAtMs: NOW + 2107_000, nearLimit: true });
});

it('takes the tightest of several pools, and the state without its policy', () => {
  const seen = quotaFromHeaders(
    { 'beta-ratelimit': '"global-app-quota";r=900;t=60, "tenant-app-quota";r=50;t=30', 'beta-ratelimit-policy': '"global-app-quota";q=65000;w=3600' },
    NOW,
  );
  expect(seen).toEqual({
    policy: 'tenant-app-quota',
    quota: undefined,
    windowSeconds: undefined,
    remaining: 50,
    resetsAtMs: NOW + 30_000,
    nearLimit: false,
  });
});

it('ignores absent and unreadable headers instead of failing', () => {
  expect(quotaFromHeaders({}, NOW)).toBeUndefined();
  expect(quotaFromHeaders({ 'beta-ratelimit': 'tenant-app-quota;r=1;t=2' }, NOW)).toBeUndefined();
  expect(quotaFromHeaders({ 'beta-ratelimit': '"p";r=-1;t=2' }, NOW)).toBeUndefined();
  expect(quotaFromHeaders({ 'beta-ratelimit': '"p";t=2' }, NOW)).toBeUndefined();
  fc.assert(
    fc.property(fc.string(), fc.string(), (state, policy) => {
      const seen = quotaFromHeaders({ 'beta-ratelimit': state, 'beta-ratelimit-policy': policy }, NOW);
      if (seen) expect(Number.isSafeInteger(seen.remaining) && seen.remaining >= 0).toBe(true);
    }),
  );
});

describe('the tracker', () => {
  const at = (r: number, t: number) => ({ 'beta-ratelimit': `"tenant-app-quota";r=${r};t=${t}` });

  it('keeps the least remaining within a window, whatever order the answers arrive in', () => {
    let now = NOW;
    const tracker = createQuotaTracker(() => now);
    tracker.observe(at(500, 100));
    now += 400;
    tracker.observe(at(520, 100)); // an answer charged earlier, arriving later
    expect(tracker.latest()).toMatchObject({ remaining: 500, resetsAtMs: NOW + 100_000 });
    tracker.observe(at(480, 99));
    expect(tracker.latest()).toMatchObject({ remaining: 480, resetsAtMs: NOW + 100_000 });
  });

  it('starts over when a later reset shows a new window', () => {
    let now = NOW;
    const tracker = createQuotaTracker(() => now);
    tracker.observe(at(3, 10));
    now += 11_000;
    tracker.observe(at(9_000, 3600));
    expect(tracker.latest()).toMatchObject({ remaining: 9_000, resetsAtMs: now + 3_600_000 });
  });
});
