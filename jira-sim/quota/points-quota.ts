// Jira Cloud's 2026 rate limits for OAuth apps, as the sim enforces them (shared/reference/jira-cloud-api.md §3):
// - a points quota per hourly window: each request costs a base of 1 point plus 1 per object it returns
//   (writes the base only), charged against a pool: Tier 1 is ONE pool for every site of an app (keyed by
//   the OAuth client), Tier 2 a pool per site and app;
// - a per-second burst limit per site, endpoint and method.
// Off until configured: Jira always enforces limits, but the sim's other users (tests, benchmarks that do
// not study the quota) must not be throttled by a quota they did not choose.
// Windows are fixed (aligned to multiples of the window on the sim clock): the observed `t=` of the
// Beta-RateLimit header counts down to a reset, not a sliding hour.

export type QuotaTier = 'global' | 'tenant';

export interface QuotaSettings {
  /** 'global' = Tier 1 (one pool per app across every site), 'tenant' = Tier 2 (a pool per site and app). */
  tier: QuotaTier;
  pointsPerWindow: number;
  /** 3600 in Jira; tests and benchmarks compress it. */
  windowSeconds: number;
  /** Requests per second per site, endpoint (route template) and method; none when absent. */
  burstPerSecond?: number;
}

export interface QuotaCaller {
  clientId: string;
  cloudId: string;
  method: string;
  /** The route template (`/rest/api/3/field/{fieldId}/context`): the burst limit's scope is the endpoint. */
  endpoint: string;
}

export type Admission =
  | { admitted: true; pool: string }
  | { admitted: false; limit: 'quota' | 'burst'; pool: string; retryAfterSec: number; headers: Record<string, string> };

interface PoolUse {
  windowStartMs: number;
  used: number;
  requests: number;
  throttled: number;
}

/** Names as observed on Jira Cloud for Tier 2; the Tier 1 names follow the same pattern (unverified). */
const POLICY: Record<QuotaTier, { policy: string; reason: string }> = {
  tenant: { policy: 'tenant-app-quota', reason: 'jira-quota-tenant-based' },
  global: { policy: 'global-app-quota', reason: 'jira-quota-global-based' },
};

/** Below this share of the quota left, Jira adds the near-limit header ("less than 20% of any budget remains"). */
const NEAR_LIMIT_SHARE = 0.2;

export class PointsQuota {
  private settings: QuotaSettings | undefined;
  private readonly pools = new Map<string, PoolUse>();
  private readonly bursts = new Map<string, { second: number; count: number }>();

  configure(settings: QuotaSettings | undefined): void {
    this.settings = settings;
    this.pools.clear();
    this.bursts.clear();
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  /** The pool a caller's requests are charged to. */
  poolOf(caller: Pick<QuotaCaller, 'clientId' | 'cloudId'>): string {
    return this.settings?.tier === 'tenant' ? `tenant:${caller.cloudId}:${caller.clientId}` : `app:${caller.clientId}`;
  }

  /** Whether a request may proceed now: the pool has points left and the endpoint's burst has room. */
  admit(caller: QuotaCaller, nowMs: number): Admission {
    const pool = this.poolOf(caller);
    const s = this.settings;
    if (!s) return { admitted: true, pool };
    const use = this.use(pool, nowMs);
    if (use.used >= s.pointsPerWindow) {
      use.throttled++;
      const retryAfterSec = this.secondsToReset(use, nowMs);
      return {
        admitted: false,
        limit: 'quota',
        pool,
        retryAfterSec,
        headers: {
          ...this.headers(pool, nowMs),
          'Retry-After': String(retryAfterSec),
          'X-Beta-RateLimit-Reason': POLICY[s.tier].reason,
          'X-Beta-RateLimit-Reset': new Date(use.windowStartMs + s.windowSeconds * 1000).toISOString(),
        },
      };
    }
    if (s.burstPerSecond !== undefined) {
      const key = `${caller.cloudId} ${caller.method} ${caller.endpoint}`;
      const second = Math.floor(nowMs / 1000);
      const burst = this.bursts.get(key);
      const count = burst?.second === second ? burst.count : 0;
      if (count >= s.burstPerSecond) {
        use.throttled++;
        return {
          admitted: false,
          limit: 'burst',
          pool,
          retryAfterSec: 1,
          headers: { 'Retry-After': '1', 'RateLimit-Reason': 'jira-burst-based', 'X-RateLimit-Reset': new Date((second + 1) * 1000).toISOString() },
        };
      }
      this.bursts.set(key, { second, count: count + 1 });
      if (this.bursts.size > 10_000) this.pruneBursts(second);
    }
    return { admitted: true, pool };
  }

  /** Charges an answered request: the base point, plus its objects for a read. */
  charge(pool: string, points: number, nowMs: number): void {
    if (!this.settings) return;
    const use = this.use(pool, nowMs);
    use.used += points;
    use.requests++;
  }

  /** The Beta-RateLimit headers Jira sends with every answer (none while the quota is off). */
  headers(pool: string, nowMs: number): Record<string, string> {
    const s = this.settings;
    if (!s) return {};
    const use = this.use(pool, nowMs);
    const remaining = Math.max(0, s.pointsPerWindow - use.used);
    const { policy } = POLICY[s.tier];
    const headers: Record<string, string> = {
      'Beta-RateLimit-Policy': `"${policy}";q=${s.pointsPerWindow};w=${s.windowSeconds}`,
      'Beta-RateLimit': `"${policy}";r=${remaining};t=${this.secondsToReset(use, nowMs)}`,
    };
    if (remaining < s.pointsPerWindow * NEAR_LIMIT_SHARE) headers['X-Beta-RateLimit-NearLimit'] = 'true';
    return headers;
  }

  /** Settings and every pool's use in its current window, for the admin API and tests. */
  describe(nowMs: number): {
    settings: QuotaSettings | null;
    pools: Array<{ pool: string; used: number; requests: number; throttled: number; resetsInSec: number }>;
  } {
    return {
      settings: this.settings ?? null,
      pools: [...this.pools.keys()].sort().map((pool) => {
        const use = this.use(pool, nowMs);
        return { pool, used: use.used, requests: use.requests, throttled: use.throttled, resetsInSec: this.secondsToReset(use, nowMs) };
      }),
    };
  }

  private use(pool: string, nowMs: number): PoolUse {
    const windowMs = (this.settings?.windowSeconds ?? 3600) * 1000;
    const windowStartMs = Math.floor(nowMs / windowMs) * windowMs;
    let use = this.pools.get(pool);
    if (!use || use.windowStartMs !== windowStartMs) {
      use = { windowStartMs, used: 0, requests: 0, throttled: 0 };
      this.pools.set(pool, use);
    }
    return use;
  }

  private secondsToReset(use: PoolUse, nowMs: number): number {
    const windowMs = (this.settings?.windowSeconds ?? 3600) * 1000;
    return Math.max(1, Math.ceil((use.windowStartMs + windowMs - nowMs) / 1000));
  }

  private pruneBursts(second: number): void {
    for (const [key, b] of this.bursts) if (b.second < second) this.bursts.delete(key);
  }
}

/**
 * Points for one answered request: 1, plus one per object a read returned (a list's items, a page's
 * `values`, a wrapper's arrays, otherwise the one object); an error or a refused write costs the base.
 * Jira documents "a base cost of 1 point, and additional points … for each object involved"; which
 * members count as objects is not published, so arrays nested inside one object are not counted.
 */
export function requestPoints(readBody: unknown): number {
  return readBody === undefined ? 1 : 1 + objectsIn(readBody);
}

function objectsIn(body: unknown): number {
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object' || body === null) return 0;
  const members = Object.values(body as Record<string, unknown>);
  const values = (body as Record<string, unknown>)['values'];
  if (Array.isArray(values)) return values.length;
  // A wrapper (`{gadgets: [...]}`, `{workflows: [...], statuses: [...]}`): arrays beside scalars only.
  const arrays = members.filter(Array.isArray);
  const wrapper = arrays.length > 0 && members.every((m) => Array.isArray(m) || typeof m !== 'object' || m === null);
  return wrapper ? arrays.reduce((sum, a) => sum + a.length, 0) : 1;
}
