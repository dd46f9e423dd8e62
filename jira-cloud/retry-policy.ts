// When and how long the Jira client waits before retrying one failed attempt (reference §3.3).
// Pure, so it is easy to reason about; got calls it through `retry.calculateDelay`.

export interface RetryConfig {
  /** Retries per call (attempts = limit + 1). */
  limit: number;
  /** First exponential-backoff delay when there is no Retry-After. */
  baseDelayMs: number;
  /** Cap of the exponential backoff (not of Retry-After, which is never shortened). */
  maxDelayMs: number;
  /**
   * A Retry-After longer than this is not slept inside the request: the call fails with a
   * retryable JiraHttpError carrying `retryAfterMs`, and the caller (a Temporal activity retry)
   * comes back later instead of holding an activity open for the points-quota's hour.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryConfig = {
  limit: 4,
  baseDelayMs: 5_000, // Atlassian's and jira2py's starting delay: 5 s, 10 s, 20 s, 30 s
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/** Rate limiting and gateway trouble: always worth another try. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** got's network error codes (timeouts surface as ETIMEDOUT) plus a response cut short. */
export const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'ECONNRESET',
  'EADDRINUSE',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

export const BODY_PARSE_FAILURE = 'ERR_BODY_PARSE_FAILURE';

export interface FailedAttempt {
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  status?: number;
  code?: string;
  retryAfterMs?: number;
}

/** Per-call memory for the retry-once cases. */
export interface CallRetryState {
  serverErrorRetried: boolean;
  parseFailureRetried: boolean;
}

export function newCallRetryState(): CallRetryState {
  return { serverErrorRetried: false, parseFailureRetried: false };
}

/**
 * Delay in ms before the next attempt, or 0 to give up. Mutates `state` for the retry-once cases:
 * - 429/502/503/504 and network errors/timeouts: retried up to `limit`.
 * - 500: retried once per call (it usually reproduces; one retry of an idempotent read is harmless).
 * - unparsable 2xx body: retried once per call (a truncated body can be transient).
 * - everything else (4xx, 501, …): not retried.
 * Delay: Retry-After (on any retried status) plus 0–30 % additive jitter, never earlier; without
 * it, baseDelayMs·2^(attempt-1)·U(0.7, 1.3) capped at maxDelayMs.
 */
export function retryDelayMs(failed: FailedAttempt, state: CallRetryState, config: RetryConfig, random: () => number = Math.random): number {
  if (failed.attempt > config.limit) return 0;
  if (!isRetryable(failed, state)) return 0;

  if (failed.retryAfterMs !== undefined) {
    if (failed.retryAfterMs > config.maxRetryAfterMs) return 0;
    const retryAfter = Math.max(1, failed.retryAfterMs);
    return Math.ceil(retryAfter + retryAfter * 0.3 * random());
  }
  const exponential = config.baseDelayMs * 2 ** (failed.attempt - 1) * (0.7 + 0.6 * random());
  return Math.max(1, Math.round(Math.min(exponential, config.maxDelayMs)));
}

function isRetryable(failed: FailedAttempt, state: CallRetryState): boolean {
  if (failed.status !== undefined) {
    if (RETRYABLE_STATUSES.has(failed.status)) return true;
    if (failed.status === 500 && !state.serverErrorRetried) return (state.serverErrorRetried = true);
    return false;
  }
  if (failed.code === BODY_PARSE_FAILURE) {
    return state.parseFailureRetried ? false : (state.parseFailureRetried = true);
  }
  return failed.code !== undefined && RETRYABLE_ERROR_CODES.has(failed.code);
}

/** Whether a final failure is worth retrying later (by the caller's own retry policy). */
export function isRetryableLater(status: number | undefined, code: string | undefined): boolean {
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  return code !== undefined && (RETRYABLE_ERROR_CODES.has(code) || code === BODY_PARSE_FAILURE);
}
