// The fleet's budget for one points pool in one window (issue 12): whether a type read may spend, and
// how much. Pure: the store gathers the window's state under a row lock and applies the decision.
//
// Rules:
// - A window keeps a margin unspent (the reads stop at a page or parent boundary, so they overshoot a
//   little, and Jira's own count can differ from ours).
// - Fairness: a tenant may take at most an equal share of the window while other tenants are asking
//   (they hold unfinished reservations or are waiting for this pool); alone, it may take the rest.
// - Jira's headers win when they say less is left than the ledger thinks (other apps of the same
//   client, misestimates): then nothing more is granted until the reset they announce.
// - A grant smaller than a useful unit is a refusal: a part-way read must still make progress.

export type QuotaTier = 'global' | 'tenant';

export interface PoolSettings {
  tier: QuotaTier;
  pointsPerWindow: number;
  windowSeconds: number;
}

/** Share of a window never granted. */
export const MARGIN_SHARE = 0.05;
/** The smallest grant worth a read (two pages of a hundred objects); smaller is a refusal. */
export const MIN_GRANT_POINTS = 250;
/**
 * What a type costs before any snapshot of the tenant has read it: a list type about two pages (most
 * are small; a list type is granted whole, so a large guess would hold points it does not use), a
 * per-parent type more (it stops when its grant is spent, so a small guess only costs a part more).
 */
export const FIRST_ESTIMATE_POINTS = { list: 200, perParent: 1_000 };

/** The pool a tenant's requests are charged to: Tier 1 is one per OAuth app, Tier 2 one per site and app. */
export function poolName(tier: QuotaTier, tenant: { oauthClientId: string; cloudId: string }): string {
  return tier === 'global' ? `app:${tenant.oauthClientId}` : `site:${tenant.cloudId}:${tenant.oauthClientId}`;
}

/** Fixed windows aligned to multiples of their length since the epoch. */
export function windowOf(nowMs: number, windowSeconds: number): { startMs: number; endMs: number } {
  const length = windowSeconds * 1000;
  const startMs = Math.floor(nowMs / length) * length;
  return { startMs, endMs: startMs + length };
}

export interface WindowState {
  settings: PoolSettings;
  nowMs: number;
  /** Points each tenant holds in this window: charged where settled, reserved where still reading. */
  heldByTenant: ReadonlyMap<string, number>;
  /** Other tenants still asking for this pool (reading or waiting), whatever they hold. */
  askingTenants: ReadonlySet<string>;
  /** Jira's last word on the pool, when it is about the current window. */
  observed?: { remaining: number; resetMs: number };
  /** Points reserved in this window by reads still running: they come back when those settle. */
  unsettled?: number;
}

export type BudgetDecision =
  { granted: true; points: number } | { granted: false; retryAtMs: number; reason: 'pool-spent' | 'fair-share' | 'jira-headers' };

/**
 * `divisible`: the read can stop at a boundary when its grant is spent (per-parent types). A list type
 * is read whole, so it is granted its whole estimate or nothing (at most the window, so it can run).
 */
export function decideReservation(state: WindowState, tenantId: string, estimate: number, divisible: boolean): BudgetDecision {
  const { settings, nowMs, heldByTenant } = state;
  const window = windowOf(nowMs, settings.windowSeconds);
  const margin = Math.ceil(settings.pointsPerWindow * MARGIN_SHARE);
  const capacity = settings.pointsPerWindow - margin;
  let held = 0;
  for (const points of heldByTenant.values()) held += points;
  const free = capacity - held;
  const wanted = Math.max(1, Math.ceil(estimate));
  const minimum = divisible ? Math.min(wanted, MIN_GRANT_POINTS) : Math.min(wanted, capacity);

  const observed = state.observed && state.observed.resetMs > nowMs ? state.observed : undefined;
  if (observed && observed.remaining - margin < minimum) {
    return { granted: false, retryAtMs: Math.max(observed.resetMs, nowMs + 1000), reason: 'jira-headers' };
  }
  // While reads still hold reservations, their unused points come back when they settle: ask again
  // sooner than the reset (at most 20 times a window), not only when the window turns.
  const retryAtMs = (state.unsettled ?? 0) > 0 ? Math.min(window.endMs, nowMs + Math.max(1000, (settings.windowSeconds * 1000) / 20)) : window.endMs;
  if (free < minimum) return { granted: false, retryAtMs, reason: 'pool-spent' };

  const others = new Set(state.askingTenants);
  others.delete(tenantId);
  let allowance = free;
  if (others.size > 0) {
    const share = Math.floor(capacity / (others.size + 1));
    allowance = Math.min(free, share - (heldByTenant.get(tenantId) ?? 0));
  }
  if (allowance < minimum) return { granted: false, retryAtMs, reason: 'fair-share' };
  return { granted: true, points: Math.min(wanted, allowance) };
}

/** The next part of a type read: what the type cost last time, less what this snapshot already spent on it. */
export function estimateRemaining(previousCost: number | undefined, spentSoFar: number, divisible: boolean): number {
  const whole = previousCost && previousCost > 0 ? previousCost : divisible ? FIRST_ESTIMATE_POINTS.perParent : FIRST_ESTIMATE_POINTS.list;
  return spentSoFar === 0 ? whole : Math.max(MIN_GRANT_POINTS, whole - spentSoFar);
}
