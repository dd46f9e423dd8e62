// The points budget's decisions: margin, fair share, Jira's headers, whole vs divisible reads, estimates.
import fc from 'fast-check';
import {
  decideReservation,
  estimateRemaining,
  FIRST_ESTIMATE_POINTS,
  MIN_GRANT_POINTS,
  poolName,
  windowOf,
  type WindowState,
} from '../../../domain/quota-budget';

const settings = { tier: 'global' as const, pointsPerWindow: 10_000, windowSeconds: 3600 };
const NOW = Date.parse('2026-03-02T10:20:00Z');
const WINDOW_END = Date.parse('2026-03-02T11:00:00Z');

function state(held: Record<string, number> = {}, asking: string[] = [], observed?: WindowState['observed']): WindowState {
  return { settings, nowMs: NOW, heldByTenant: new Map(Object.entries(held)), askingTenants: new Set(asking), observed };
}

test('pools: Tier 1 is one per OAuth app, Tier 2 one per site and app', () => {
  const a = { oauthClientId: 'app-1', cloudId: 'site-a' };
  const b = { oauthClientId: 'app-1', cloudId: 'site-b' };
  expect(poolName('global', a)).toBe(poolName('global', b));
  expect(poolName('tenant', a)).not.toBe(poolName('tenant', b));
});

test('windows are aligned to their length', () => {
  expect(windowOf(NOW, 3600)).toEqual({ startMs: Date.parse('2026-03-02T10:00:00Z'), endMs: WINDOW_END });
  expect(windowOf(Date.parse('2026-03-02T10:00:00Z'), 60).startMs).toBe(Date.parse('2026-03-02T10:00:00Z'));
});

test('a tenant alone gets its estimate, and at most the window less its 5% margin', () => {
  expect(decideReservation(state(), 'a', 3000, true)).toEqual({ granted: true, points: 3000 });
  expect(decideReservation(state(), 'a', 50_000, true)).toEqual({ granted: true, points: 9500 });
  expect(decideReservation(state({ a: 9000 }), 'a', 5000, true)).toEqual({ granted: true, points: 500 });
});

test('a spent pool refuses until the window resets, or sooner while running reads may give points back', () => {
  expect(decideReservation(state({ a: 9400 }), 'a', 1000, true)).toEqual({ granted: false, retryAtMs: WINDOW_END, reason: 'pool-spent' });
  // 1/20 of the hour: three minutes.
  expect(decideReservation({ ...state({ a: 9400 }), unsettled: 3000 }, 'a', 1000, true)).toEqual({
    granted: false,
    retryAtMs: NOW + 180_000,
    reason: 'pool-spent',
  });
  // A small read fits what is left, even under the minimum grant.
  expect(decideReservation(state({ a: 9400 }), 'a', 40, false)).toEqual({ granted: true, points: 40 });
});

test('with others asking, a tenant gets at most its equal share; the others still get theirs', () => {
  // Two asking: shares of 4750.
  expect(decideReservation(state({ a: 4000 }, ['b']), 'a', 5000, true)).toEqual({ granted: true, points: 750 });
  expect(decideReservation(state({ a: 4750 }, ['b']), 'a', 5000, true)).toMatchObject({ granted: false, reason: 'fair-share' });
  expect(decideReservation(state({ a: 4750 }, ['a', 'b']), 'b', 5000, true)).toEqual({ granted: true, points: 4750 });
  // A tenant that took the whole pool while alone cannot be topped up by a latecomer's share.
  expect(decideReservation(state({ a: 9500 }, ['a']), 'b', 1000, true)).toMatchObject({ granted: false, reason: 'pool-spent' });
});

test('a list type is granted whole or not at all; a per-parent type may get part of its estimate', () => {
  expect(decideReservation(state({ a: 8000 }), 'a', 2000, false)).toMatchObject({ granted: false, reason: 'pool-spent' });
  expect(decideReservation(state({ a: 8000 }), 'a', 2000, true)).toEqual({ granted: true, points: 1500 });
  // A list type bigger than a whole window still runs (alone, in a fresh window).
  expect(decideReservation(state(), 'a', 20_000, false)).toEqual({ granted: true, points: 9500 });
});

test("Jira's headers win when they say less is left than the ledger thinks", () => {
  const reset = NOW + 120_000;
  expect(decideReservation(state({}, [], { remaining: 600, resetMs: reset }), 'a', 1000, true)).toEqual({
    granted: false,
    retryAtMs: reset,
    reason: 'jira-headers',
  });
  // An observation of an earlier window says nothing about this one.
  expect(decideReservation(state({}, [], { remaining: 0, resetMs: NOW - 1 }), 'a', 1000, true)).toEqual({ granted: true, points: 1000 });
});

test('estimates: the previous snapshot’s cost, less what this snapshot already spent on the type', () => {
  expect(estimateRemaining(undefined, 0, false)).toBe(FIRST_ESTIMATE_POINTS.list);
  expect(estimateRemaining(undefined, 0, true)).toBe(FIRST_ESTIMATE_POINTS.perParent);
  expect(estimateRemaining(12, 0, false)).toBe(12);
  expect(estimateRemaining(5000, 3000, true)).toBe(2000);
  expect(estimateRemaining(5000, 4990, true)).toBe(MIN_GRANT_POINTS);
});

test('whatever the demand, grants never exceed the window less its margin, nor a share while others ask', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 6000 })),
      fc.subarray(['a', 'b', 'c', 'd']),
      fc.integer({ min: 1, max: 30_000 }),
      fc.boolean(),
      (held, asking, estimate, divisible) => {
        const total = Object.values(held).reduce((x, y) => x + y, 0);
        fc.pre(total <= 9500);
        const d = decideReservation(state(held, asking), 'a', estimate, divisible);
        if (!d.granted) return;
        expect(total + d.points).toBeLessThanOrEqual(9500);
        const others = new Set(asking.filter((t) => t !== 'a'));
        if (others.size > 0) expect((held['a'] ?? 0) + d.points).toBeLessThanOrEqual(Math.floor(9500 / (others.size + 1)));
      },
    ),
  );
});
