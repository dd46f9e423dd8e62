import { RingBuffer } from './ring-buffer';

/** One request as recorded by the sim. Never holds a token or a request body. */
export interface RequestEntry {
  seq: number;
  /** Simulated time (ms since epoch) when the request arrived. */
  at: number;
  method: string;
  /** Path without host and without query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** 0 when the sim deliberately dropped the connection (timeout fault). */
  status: number;
  cloudId?: string;
  grantId?: string;
  /** Simulated latency applied to this request (global latency plus latency faults). */
  appliedLatencyMs: number;
  isWrite: boolean;
  tokenExpired: boolean;
  fault?: string;
  tokenRefresh: boolean;
  invalidGrant: boolean;
  earlyRetry: boolean;
  /** Refused by the points quota or the burst limit (jira-sim/quota). */
  throttled?: 'quota' | 'burst';
  durationMs: number;
}

export interface Stats {
  requests: number;
  writes: number;
  expiredTokenCalls: number;
  unauthorizedCalls: number;
  rateLimited: number;
  earlyRetries: number;
  tokenRefreshes: number;
  invalidGrants: number;
  latencyMsTotal: number;
}

function emptyStats(): Stats {
  return {
    requests: 0,
    writes: 0,
    expiredTokenCalls: 0,
    unauthorizedCalls: 0,
    rateLimited: 0,
    earlyRetries: 0,
    tokenRefreshes: 0,
    invalidGrants: 0,
    latencyMsTotal: 0,
  };
}

export interface RequestQuery {
  cloudId?: string;
  /** Only entries with `at` >= since (ms). */
  since?: number;
  /** Only entries with `seq` > afterSeq. */
  afterSeq?: number;
  limit: number;
}

/**
 * The request log: the newest entries in a ring buffer (bounded memory), and exact counters kept apart
 * from it so statistics stay correct however many entries were dropped.
 */
export class RequestLog {
  private readonly entries: RingBuffer<RequestEntry>;
  private readonly totals = new Map<string, Stats>();
  private seq = 0;

  constructor(capacity: number) {
    this.entries = new RingBuffer(capacity);
  }

  record(entry: Omit<RequestEntry, 'seq'>): RequestEntry {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    this.count('', full);
    if (full.cloudId) this.count(full.cloudId, full);
    return full;
  }

  query(q: RequestQuery): { entries: RequestEntry[]; dropped: number; lastSeq: number } {
    const matching = this.entries
      .toArray()
      .filter(
        (e) =>
          (q.cloudId === undefined || e.cloudId === q.cloudId) &&
          (q.since === undefined || e.at >= q.since) &&
          (q.afterSeq === undefined || e.seq > q.afterSeq),
      );
    // The newest `limit` entries, oldest first.
    return { entries: matching.slice(-q.limit), dropped: this.entries.dropped, lastSeq: this.seq };
  }

  /** Totals for one site, or for the whole server when cloudId is omitted. */
  stats(cloudId?: string): Stats {
    return { ...(this.totals.get(cloudId ?? '') ?? emptyStats()) };
  }

  clear(): void {
    this.entries.clear();
    this.totals.clear();
  }

  private count(key: string, e: RequestEntry): void {
    let s = this.totals.get(key);
    if (!s) this.totals.set(key, (s = emptyStats()));
    s.requests++;
    if (e.isWrite) s.writes++;
    if (e.tokenExpired) s.expiredTokenCalls++;
    if (e.status === 401) s.unauthorizedCalls++;
    if (e.status === 429) s.rateLimited++;
    if (e.earlyRetry) s.earlyRetries++;
    if (e.tokenRefresh) s.tokenRefreshes++;
    if (e.invalidGrant) s.invalidGrants++;
    s.latencyMsTotal += e.appliedLatencyMs;
  }
}
