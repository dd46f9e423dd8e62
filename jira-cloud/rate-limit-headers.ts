// What Jira's 2026 quota headers say about the caller's points pool (shared/reference/jira-cloud-api.md §3.1):
//   Beta-RateLimit-Policy: "tenant-app-quota";q=100100;w=3600     (quota points per window of w seconds)
//   Beta-RateLimit: "tenant-app-quota";r=17842;t=2107              (r points left, t seconds to the reset)
//   X-Beta-RateLimit-NearLimit: true                               (less than 20% left)
// Header names are still "Beta" and may change: anything unreadable is ignored (no observation), never
// an error, so a renamed header degrades to reacting to 429s as before.

export interface QuotaObservation {
  /** The pool's policy name (`tenant-app-quota`: Tier 2; Tier 1 is one pool for every tenant of the app). */
  policy: string;
  /** Points per window, when the policy header came too. */
  quota?: number;
  windowSeconds?: number;
  remaining: number;
  /** When the window resets, on the caller's clock (ms since epoch). */
  resetsAtMs: number;
  nearLimit: boolean;
}

type HeaderValue = string | string[] | undefined;

/** One list member of a structured header: `"name";k=v;k=v`. */
function members(value: HeaderValue): Array<{ name: string; params: Map<string, number> }> {
  const text = Array.isArray(value) ? value.join(',') : value;
  if (!text) return [];
  const out: Array<{ name: string; params: Map<string, number> }> = [];
  for (const item of text.split(',')) {
    const [rawName, ...rawParams] = item.trim().split(';');
    const name = /^"([^"]+)"$/.exec(rawName?.trim() ?? '')?.[1];
    if (!name) continue;
    const params = new Map<string, number>();
    for (const p of rawParams) {
      const m = /^\s*([a-z]+)=(\d+)\s*$/.exec(p);
      if (m) params.set(m[1]!, Number(m[2]));
    }
    out.push({ name, params });
  }
  return out;
}

/**
 * The tightest pool the headers describe (least left), or undefined when they describe none.
 * `headers` as Node gives them: lower-case names.
 */
export function quotaFromHeaders(headers: Record<string, HeaderValue>, nowMs: number): QuotaObservation | undefined {
  const policies = new Map(members(headers['beta-ratelimit-policy']).map((m) => [m.name, m.params]));
  let tightest: QuotaObservation | undefined;
  for (const { name, params } of members(headers['beta-ratelimit'])) {
    const remaining = params.get('r');
    const resetIn = params.get('t');
    if (remaining === undefined || resetIn === undefined) continue;
    const policy = policies.get(name);
    const observation: QuotaObservation = {
      policy: name,
      quota: policy?.get('q'),
      windowSeconds: policy?.get('w'),
      remaining,
      resetsAtMs: nowMs + resetIn * 1000,
      nearLimit: String(headers['x-beta-ratelimit-nearlimit'] ?? '').toLowerCase() === 'true',
    };
    if (!tightest || observation.remaining < tightest.remaining) tightest = observation;
  }
  return tightest;
}

export interface QuotaTracker {
  observe(headers: Record<string, HeaderValue>): void;
  /** The tightest state of the pool seen in its current window, or undefined before any header. */
  latest(): QuotaObservation | undefined;
}

/**
 * Keeps the client's view of its pool: answers arrive out of order, so within one window the least
 * remaining wins; a later reset time starts a new window.
 */
export function createQuotaTracker(now: () => number = Date.now): QuotaTracker {
  let last: QuotaObservation | undefined;
  return {
    observe(headers) {
      const seen = quotaFromHeaders(headers, now());
      if (!seen) return;
      // `t` has one-second resolution: a reset within a second of the known one is the same window.
      const newWindow = !last || seen.resetsAtMs > last.resetsAtMs + 1000;
      if (newWindow || seen.remaining < last!.remaining) last = newWindow ? seen : { ...seen, resetsAtMs: last!.resetsAtMs };
    },
    latest: () => last,
  };
}
