// got configured for jira-drift: allowlist check before every attempt, bearer token per attempt,
// one forced token refresh on 401, retries through retry-policy, per-request timeout, shared
// in-flight cap. Used by the Jira client and by the accessible-resources lookup.
import got, { HTTPError, ParseError, type OptionsOfJSONResponseBody, type Response } from 'got';
import type { Logger } from 'pino';
import { createSemaphore } from './concurrency';
import { JiraHttpError } from './errors';
import { createLimitedRequest } from './limited-request';
import { createPauseGate } from './pause-gate';
import { createQuotaTracker, type QuotaObservation } from './rate-limit-headers';
import { assertAllowedRequest, type AllowedMethod } from './read-only-allowlist';
import { newCallRetryState, retryDelayMs, type RetryConfig } from './retry-policy';
import { translateGotError } from './translate-got-error';

/** A query parameter's value; a list repeats the parameter. */
export type QueryValue = string | number | ReadonlyArray<string | number>;

export type GetAccessToken = (opts: { forceRefresh: boolean }) => Promise<string>;

export interface RetryInfo {
  status?: number;
  delayMs: number;
  attempt: number;
}

/**
 * Another API behind the same origin: a path starting with `prefix/` (`/automation/rest/v1/rule/summary`)
 * is sent under `basePath` instead of the base URL's path (`/automation/public/jira/<cloudId>/rest/v1/…`).
 * Callers and the allowlist only ever see the prefixed path.
 */
export interface ApiGateway {
  prefix: string;
  basePath: string;
  /**
   * The Authorization header for this API when it does not take the OAuth bearer token (the Automation
   * REST API takes HTTP Basic with an API token), with the secrets it holds. Asked once per call; its
   * errors propagate; a 401 there is final (nothing to refresh).
   */
  authorization?: () => Promise<{ header: string; secrets: readonly string[] }>;
}

export interface JsonRequesterOptions {
  /** Origin plus any base path, e.g. https://api.atlassian.com/ex/jira/<cloudId>. */
  baseUrl: string;
  /** Other APIs on the base URL's origin (the Automation REST API). */
  gateways?: readonly ApiGateway[];
  getAccessToken: GetAccessToken;
  /** Whether a 401 triggers one forced refresh and one retry (needs a refreshable token source). */
  refreshOnUnauthorized: boolean;
  concurrency: number;
  timeoutMs: number;
  retry: RetryConfig;
  onRetry?: (info: RetryInfo) => void;
  logger?: Logger;
}

export interface RequestJsonOptions {
  /** A list value repeats the parameter (`projectId=1&projectId=2`), as Jira's array parameters expect. */
  query?: Record<string, QueryValue>;
  body?: unknown;
}

export interface JsonRequester {
  requestJson(method: AllowedMethod, path: string, opts?: RequestJsonOptions): Promise<unknown>;
  /** HTTP requests actually sent, retries included. */
  requestCount(): number;
  /** The points pool as Jira's quota headers last described it (undefined when Jira sent none). */
  quota(): QuotaObservation | undefined;
}

export function createJsonRequester(o: JsonRequesterOptions): JsonRequester {
  const base = new URL(o.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const limiter = createSemaphore(o.concurrency);
  const gate = createPauseGate();
  const quota = createQuotaTracker();
  let sent = 0;

  const http = got.extend({
    request: createLimitedRequest(
      limiter,
      () => sent++,
      { gate, maxMs: o.retry.maxRetryAfterMs },
      (headers) => quota.observe(headers),
    ),
    timeout: { request: o.timeoutMs },
    // Jira's API does not redirect these reads; following one could carry the token elsewhere.
    followRedirect: false,
    responseType: 'json',
    headers: { accept: 'application/json', 'user-agent': 'jira-drift' },
    retry: { limit: o.retry.limit, methods: ['GET', 'POST'] },
  });

  const gateways = (o.gateways ?? []).map((g) => ({ ...g, prefix: g.prefix.replace(/\/+$/, ''), basePath: g.basePath.replace(/\/+$/, '') }));

  const gatewayOf = (path: string) => gateways.find((g) => path.startsWith(`${g.prefix}/`));

  /** Where a path is sent: its gateway's base path with the prefix replaced, else under the base path. */
  function wirePathOf(path: string): string {
    const gateway = gatewayOf(path);
    return gateway ? `${gateway.basePath}${path.slice(gateway.prefix.length)}` : `${basePath}${path}`;
  }

  /** The API path of an outgoing URL, or undefined when it is under no base path. */
  function apiPathOf(url: URL | string | undefined): string | undefined {
    if (!(url instanceof URL) || url.origin !== base.origin) return undefined;
    const gateway = gateways.find((g) => url.pathname.startsWith(`${g.basePath}/`));
    if (gateway) return `${gateway.prefix}${url.pathname.slice(gateway.basePath.length)}`;
    return url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : undefined;
  }

  async function requestJson(method: AllowedMethod, path: string, opts: RequestJsonOptions = {}): Promise<unknown> {
    assertAllowedRequest(method, path); // before any token lookup or I/O

    const url = new URL(wirePathOf(path), base.origin);
    for (const [key, value] of Object.entries(opts.query ?? {})) {
      if (Array.isArray(value)) {
        url.searchParams.delete(key);
        for (const item of value as ReadonlyArray<string | number>) url.searchParams.append(key, String(item));
      } else url.searchParams.set(key, String(value));
    }

    const retryState = newCallRetryState();
    const secrets = new Set<string>();
    let refreshedToken: string | undefined;
    let tokenError: unknown;
    // An API with its own credential (the automation API token) never sees the OAuth bearer token.
    const ownAuthorization = await gatewayOf(path)?.authorization?.();
    for (const secret of ownAuthorization?.secrets ?? []) secrets.add(secret);

    const token = async (forceRefresh: boolean): Promise<string> => {
      try {
        const value = await o.getAccessToken({ forceRefresh });
        secrets.add(value);
        return value;
      } catch (error) {
        tokenError = error;
        throw error;
      }
    };

    const callOptions: OptionsOfJSONResponseBody = {
      method,
      responseType: 'json',
      ...(opts.body !== undefined ? { json: opts.body } : {}),
      retry: {
        calculateDelay: ({ attemptCount, error, retryAfter }) => {
          if (error.name === 'RetryError') return 1; // the one retry after a forced token refresh
          if (tokenError !== undefined) return 0; // the OAuth module owns its own retries
          // Only an HTTPError's status counts: read and parse errors carry the 200 response too.
          const status = error instanceof HTTPError ? error.response.statusCode : undefined;
          const delayMs = retryDelayMs(
            { attempt: attemptCount, status, code: error.code, retryAfterMs: status !== undefined ? retryAfter : undefined },
            retryState,
            o.retry,
          );
          if (delayMs > 0) {
            o.logger?.debug({ method, path, status, code: error.code, attempt: attemptCount, delayMs }, 'jira request retry');
            o.onRetry?.({ status, delayMs, attempt: attemptCount });
          }
          return delayMs;
        },
      },
      hooks: {
        beforeRequest: [
          async (options) => {
            // Re-check the URL actually about to be sent, on every attempt.
            assertAllowedRequest(options.method, apiPathOf(options.url) ?? '(outside the API base)');
            options.headers.authorization = ownAuthorization?.header ?? `Bearer ${refreshedToken ?? (await token(false))}`;
          },
        ],
        afterResponse: [
          (response) => {
            if (response.statusCode >= 200 && response.statusCode < 300 && response.rawBody.length === 0) {
              // Every read we make returns a JSON body; treat an empty one like a truncated one.
              throw new ParseError(new Error('empty body'), response);
            }
            return response;
          },
          // Must stay last: got drops this hook and those after it for the retry, so a second
          // 401 becomes an HTTPError (-> JiraUnauthorizedError) while the check above still runs.
          async (response, retryWithMergedOptions) => {
            if (response.statusCode === 401 && o.refreshOnUnauthorized && !ownAuthorization && refreshedToken === undefined) {
              refreshedToken = await token(true);
              return retryWithMergedOptions({}); // beforeRequest sends the refreshed token
            }
            return response;
          },
        ],
      },
    };

    let response: Response<unknown>;
    try {
      response = await http<unknown>(url, callOptions);
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows the OAuth module's own rejection unchanged
      if (tokenError !== undefined) throw tokenError;
      throw translateGotError(error, { method, path, secrets, afterRefresh: o.refreshOnUnauthorized && !ownAuthorization });
    }
    if (response.statusCode < 200 || response.statusCode > 299) {
      // With redirects off, got resolves 3xx; nothing we read should answer with one.
      throw new JiraHttpError({ method, path, status: response.statusCode, retryable: false });
    }
    return response.body;
  }

  return { requestJson, requestCount: () => sent, quota: () => quota.latest() };
}
