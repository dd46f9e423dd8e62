// The Jira Cloud HTTP client: read-only JSON reads of one site's REST API v3 via the 3LO gateway
// (`{apiBaseUrl}/ex/jira/{cloudId}/rest/api/3/...`, reference §1.7), and of its Automation REST API
// (`{apiBaseUrl}/automation/public/jira/{cloudId}/rest/v1/...`), addressed as `/automation/rest/v1/...`.
// The automation API takes the tenant's API token as HTTP Basic (automation-auth.ts); the rest the
// OAuth bearer token.
import type { Logger } from 'pino';
import { AutomationTokenMissingError, basicAuthorization, type AutomationToken } from './automation-auth';
import { createJsonRequester, type GetAccessToken, type QueryValue, type RetryInfo } from './json-requester';
import { DEFAULT_RETRY, type RetryConfig } from './retry-policy';
import type { QuotaObservation } from './rate-limit-headers';

export { getAccessibleResources, type AccessibleResource } from './accessible-resources';

export interface JiraClientOptions {
  /** e.g. https://api.atlassian.com (or jira-sim's base URL). */
  apiBaseUrl: string;
  cloudId: string;
  /** Called before every attempt; `forceRefresh` after a 401. Its errors propagate unchanged. */
  getAccessToken: GetAccessToken;
  /**
   * The tenant's API token for the Automation REST API, asked before each automation request (so a
   * token set or cleared meanwhile counts); undefined when none is set: those requests then fail with
   * AutomationTokenMissingError before anything is sent.
   */
  getAutomationToken?: () => Promise<AutomationToken | undefined>;
  /** Max in-flight HTTP requests for this client, shared by all its calls and retries. Default 4. */
  concurrency?: number;
  /** Per HTTP attempt. Default 30 000. */
  timeoutMs?: number;
  retry?: Partial<RetryConfig>;
  /** Called when a retry is scheduled, before the wait. */
  onRetry?: (info: RetryInfo) => void;
  logger?: Logger;
}

export interface JiraClient {
  /** GET an allowlisted path such as '/rest/api/3/field'; resolves with the parsed JSON body. */
  getJson(path: string, query?: Record<string, QueryValue>): Promise<unknown>;
  /** POST to an allowlisted read-only bulk-read endpoint (readWorkflows, workflowscheme/read). */
  postReadJson(path: string, body: unknown): Promise<unknown>;
  /** HTTP requests sent so far, retries included. */
  requestCount(): number;
  /** The points pool as Jira's quota headers last described it (undefined when Jira sent none). */
  quota(): QuotaObservation | undefined;
  /** The in-flight cap (pagination sizes its window of outstanding pages from it). */
  readonly concurrency: number;
}

const CLOUD_ID = /^[A-Za-z0-9-]+$/;

/** How read plans address the Automation REST API (jira-sim/README.md: base URL and its source). */
export const AUTOMATION_PREFIX = '/automation';

export function createJiraClient(opts: JiraClientOptions): JiraClient {
  if (!CLOUD_ID.test(opts.cloudId)) throw new TypeError('cloudId must be letters, digits and dashes');
  const concurrency = opts.concurrency ?? 4;
  const apiBase = opts.apiBaseUrl.replace(/\/+$/, '');
  const requester = createJsonRequester({
    baseUrl: `${apiBase}/ex/jira/${opts.cloudId}`,
    gateways: [
      {
        prefix: AUTOMATION_PREFIX,
        basePath: `${new URL(apiBase).pathname.replace(/\/+$/, '')}/automation/public/jira/${opts.cloudId}`,
        authorization: async () => {
          const token = await opts.getAutomationToken?.();
          if (!token) throw new AutomationTokenMissingError();
          return basicAuthorization(token);
        },
      },
    ],
    getAccessToken: opts.getAccessToken,
    refreshOnUnauthorized: true,
    concurrency,
    timeoutMs: opts.timeoutMs ?? 30_000,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    onRetry: opts.onRetry,
    logger: opts.logger,
  });
  return {
    getJson: (path, query) => requester.requestJson('GET', path, { query }),
    postReadJson: (path, body) => requester.requestJson('POST', path, { body }),
    requestCount: () => requester.requestCount(),
    quota: () => requester.quota(),
    concurrency,
  };
}
