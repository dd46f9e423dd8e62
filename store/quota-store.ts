// The points-quota ledger in PostgreSQL, shared by every worker process (issue 12). A reservation
// locks its pool's row (SELECT … FOR UPDATE), so two workers never grant the same points; the
// decision itself is domain/quota-budget.ts. Reservations are keyed per part of a type read, so a
// retried activity gets its own grant back instead of a second one.
import { decideReservation, estimateRemaining, windowOf, type BudgetDecision, type PoolSettings } from '../domain/quota-budget';
import { withTransaction, type Pool, type Queryable } from './pool';

export interface ReservationRequest {
  pool: string;
  settings: PoolSettings;
  tenantId: string;
  snapshotId: string;
  configType: string;
  /** The read's part: 0 first, then one more each time it stopped part-way. */
  part: number;
  divisible: boolean;
}

export type Reservation = { granted: true; points: number; reservationKey: string } | { granted: false; retryAtMs: number; reason: string };

export const reservationKey = (r: Pick<ReservationRequest, 'snapshotId' | 'configType' | 'part'>) => `${r.snapshotId}:${r.configType}:${r.part}`;

export async function reserve(pool: Pool, r: ReservationRequest): Promise<Reservation> {
  const key = reservationKey(r);
  return withTransaction(pool, async (db) => {
    await db.query(
      `INSERT INTO quota_pools (pool, tier, points_per_window, window_seconds) VALUES ($1, $2, $3, $4)
       ON CONFLICT (pool) DO UPDATE SET tier = EXCLUDED.tier, points_per_window = EXCLUDED.points_per_window, window_seconds = EXCLUDED.window_seconds`,
      [r.pool, r.settings.tier, r.settings.pointsPerWindow, r.settings.windowSeconds],
    );
    // The lock every reservation of this pool waits for (the upsert above took it already; this reads the row under it).
    const locked = await db.query<{ observed_remaining: number | null; observed_reset: Date | null; now: Date }>(
      'SELECT observed_remaining, observed_reset, clock_timestamp() AS now FROM quota_pools WHERE pool = $1 FOR UPDATE',
      [r.pool],
    );
    const row = locked.rows[0]!;
    const existing = await db.query<{ reserved: number }>('SELECT reserved FROM quota_reservations WHERE pool = $1 AND reservation_key = $2', [
      r.pool,
      key,
    ]);
    if (existing.rows[0]) return { granted: true, points: existing.rows[0].reserved, reservationKey: key };

    const nowMs = row.now.getTime();
    const window = windowOf(nowMs, r.settings.windowSeconds);
    const windowStart = new Date(window.startMs);
    const estimate = estimateRemaining(
      await previousCost(db, r.tenantId, r.snapshotId, r.configType),
      await spentOnType(db, r.tenantId, r.snapshotId, r.configType),
      r.divisible,
    );
    const held = await db.query<{ tenant_id: string; points: number; unsettled: number }>(
      `SELECT tenant_id, sum(coalesce(charged, reserved))::int AS points, coalesce(sum(reserved) FILTER (WHERE charged IS NULL), 0)::int AS unsettled
         FROM quota_reservations WHERE pool = $1 AND window_start = $2 GROUP BY tenant_id`,
      [r.pool, windowStart],
    );
    const decision: BudgetDecision = decideReservation(
      {
        settings: r.settings,
        nowMs,
        heldByTenant: new Map(held.rows.map((h) => [h.tenant_id, h.points])),
        askingTenants: await askingTenants(db, r.pool, window.startMs - r.settings.windowSeconds * 1000),
        unsettled: held.rows.reduce((sum, h) => sum + h.unsettled, 0),
        observed:
          row.observed_remaining !== null && row.observed_reset
            ? { remaining: row.observed_remaining, resetMs: row.observed_reset.getTime() }
            : undefined,
      },
      r.tenantId,
      estimate,
      r.divisible,
    );
    if (decision.granted) {
      await db.query(
        `INSERT INTO quota_reservations (pool, reservation_key, window_start, tenant_id, snapshot_id, config_type, reserved)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [r.pool, key, windowStart, r.tenantId, r.snapshotId, r.configType, decision.points],
      );
      await db.query('DELETE FROM quota_waits WHERE tenant_id = $1 AND snapshot_id = $2 AND config_type = $3', [
        r.tenantId,
        r.snapshotId,
        r.configType,
      ]);
      return { granted: true, points: decision.points, reservationKey: key };
    }
    await db.query(
      `INSERT INTO quota_waits (pool, tenant_id, snapshot_id, config_type, until) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (snapshot_id, config_type) DO UPDATE SET pool = EXCLUDED.pool, until = EXCLUDED.until`,
      [r.pool, r.tenantId, r.snapshotId, r.configType, new Date(decision.retryAtMs)],
    );
    return { granted: false, retryAtMs: decision.retryAtMs, reason: decision.reason };
  });
}

/**
 * Tenants asking for the pool: those waiting for it, and those whose still-running snapshot reserved
 * from it in this window or the last (between two type reads a tenant holds nothing but still asks).
 * Waits and runs older than that are abandoned (a terminated workflow), not demand.
 */
async function askingTenants(db: Queryable, pool: string, sinceMs: number): Promise<Set<string>> {
  const { rows } = await db.query<{ tenant_id: string }>(
    `SELECT DISTINCT r.tenant_id FROM quota_reservations r JOIN snapshots s ON s.id = r.snapshot_id AND s.tenant_id = r.tenant_id
      WHERE r.pool = $1 AND r.window_start >= $2 AND s.status = 'running'
     UNION
     SELECT DISTINCT tenant_id FROM quota_waits WHERE pool = $1 AND until >= $2`,
    [pool, new Date(sinceMs)],
  );
  return new Set(rows.map((row) => row.tenant_id));
}

/**
 * Points the type cost in the tenant's latest complete snapshot that read it: what the ledger charged
 * it, or, for a snapshot read before the quota was configured, its requests + objects stored.
 */
async function previousCost(db: Queryable, tenantId: string, snapshotId: string, configType: string): Promise<number | undefined> {
  const { rows } = await db.query<{ cost: number }>(
    `SELECT coalesce(
              (SELECT sum(r.charged) FROM quota_reservations r WHERE r.tenant_id = $1 AND r.snapshot_id = st.snapshot_id AND r.config_type = $2),
              st.objects + st.requests)::int AS cost
       FROM snapshot_types st JOIN snapshots s ON s.id = st.snapshot_id
      WHERE st.tenant_id = $1 AND st.config_type = $2 AND s.status = 'complete' AND st.snapshot_id <> $3
      ORDER BY s.completed_at DESC LIMIT 1`,
    [tenantId, configType, snapshotId],
  );
  return rows[0]?.cost;
}

async function spentOnType(db: Queryable, tenantId: string, snapshotId: string, configType: string): Promise<number> {
  const { rows } = await db.query<{ spent: number }>(
    `SELECT coalesce(sum(coalesce(charged, reserved)), 0)::int AS spent FROM quota_reservations
      WHERE tenant_id = $1 AND snapshot_id = $2 AND config_type = $3`,
    [tenantId, snapshotId, configType],
  );
  return rows[0]!.spent;
}

export interface Settlement {
  pool: string;
  reservationKey: string;
  tenantId: string;
  /** Points the part really cost (requests + objects, every attempt); the rest of the grant is released. */
  charged: number;
  /** What Jira's headers said during the read, when they said anything. */
  observed?: { remaining: number; resetMs: number };
}

export async function settle(db: Queryable, s: Settlement): Promise<void> {
  await db.query('UPDATE quota_reservations SET charged = $3 WHERE pool = $1 AND reservation_key = $2 AND tenant_id = $4', [
    s.pool,
    s.reservationKey,
    s.charged,
    s.tenantId,
  ]);
  if (s.observed) await observe(db, s.pool, s.observed);
}

/** Jira's view of the pool: a later reset is a new window; within one window the least remaining wins. */
export async function observe(db: Queryable, pool: string, o: { remaining: number; resetMs: number }): Promise<void> {
  await db.query(
    `UPDATE quota_pools SET observed_remaining = $2, observed_reset = $3
      WHERE pool = $1 AND (observed_reset IS NULL OR $3 > observed_reset + interval '1 second' OR $2 < observed_remaining)`,
    [pool, o.remaining, new Date(o.resetMs)],
  );
}

export interface PoolReport {
  pool: string;
  tier: string;
  pointsPerWindow: number;
  windowSeconds: number;
  window: { start: string; end: string };
  /** Points held in the current window: charged where settled, reserved where still reading. */
  used: number;
  observed: { remaining: number; reset: string } | null;
  tenants: Array<{ tenantId: string; usedThisWindow: number; estimate: number | null }>;
  waiting: Array<{ tenantId: string; snapshotId: string; configType: string; until: string }>;
}

/**
 * Every pool's state for `jira-drift quota`: use in the current window, each tenant's use and estimate
 * (its latest complete snapshot's cost: requests + objects), and the type reads waiting for a reset.
 */
export async function describeQuota(db: Queryable): Promise<PoolReport[]> {
  const pools = await db.query<{
    pool: string;
    tier: string;
    points_per_window: number;
    window_seconds: number;
    observed_remaining: number | null;
    observed_reset: Date | null;
    now: Date;
  }>('SELECT *, clock_timestamp() AS now FROM quota_pools ORDER BY pool');
  const reports: PoolReport[] = [];
  for (const p of pools.rows) {
    const window = windowOf(p.now.getTime(), p.window_seconds);
    const since = new Date(window.startMs - p.window_seconds * 1000);
    const tenants = await db.query<{ tenant_id: string; used: number; estimate: number | null }>(
      `WITH members AS (
         SELECT tenant_id FROM quota_reservations WHERE pool = $1 UNION SELECT tenant_id FROM quota_waits WHERE pool = $1
       ), latest AS (
         SELECT DISTINCT ON (s.tenant_id) s.tenant_id, s.id FROM snapshots s JOIN members m ON m.tenant_id = s.tenant_id
          WHERE s.status = 'complete' ORDER BY s.tenant_id, s.completed_at DESC
       )
       SELECT m.tenant_id,
              coalesce((SELECT sum(coalesce(charged, reserved)) FROM quota_reservations r
                         WHERE r.pool = $1 AND r.tenant_id = m.tenant_id AND r.window_start = $2), 0)::int AS used,
              (SELECT sum(st.objects + st.requests) FROM snapshot_types st JOIN latest l ON l.id = st.snapshot_id AND l.tenant_id = st.tenant_id
                WHERE st.tenant_id = m.tenant_id)::int AS estimate
         FROM members m ORDER BY m.tenant_id`,
      [p.pool, new Date(window.startMs)],
    );
    const waiting = await db.query<{ tenant_id: string; snapshot_id: string; config_type: string; until: Date }>(
      'SELECT tenant_id, snapshot_id, config_type, until FROM quota_waits WHERE pool = $1 AND until >= $2 ORDER BY until, tenant_id, config_type',
      [p.pool, since],
    );
    reports.push({
      pool: p.pool,
      tier: p.tier,
      pointsPerWindow: p.points_per_window,
      windowSeconds: p.window_seconds,
      window: { start: new Date(window.startMs).toISOString(), end: new Date(window.endMs).toISOString() },
      used: tenants.rows.reduce((sum, t) => sum + t.used, 0),
      observed:
        p.observed_remaining !== null && p.observed_reset && p.observed_reset.getTime() > p.now.getTime()
          ? { remaining: p.observed_remaining, reset: p.observed_reset.toISOString() }
          : null,
      tenants: tenants.rows.map((t) => ({ tenantId: t.tenant_id, usedThisWindow: t.used, estimate: t.estimate })),
      waiting: waiting.rows.map((w) => ({
        tenantId: w.tenant_id,
        snapshotId: String(w.snapshot_id),
        configType: w.config_type,
        until: w.until.toISOString(),
      })),
    });
  }
  return reports;
}
