// jira-cloud: a read-only HTTP client for Jira Cloud's REST API v3 and Atlassian's OAuth 2.0 (3LO)
// endpoints. It knows nothing of Temporal (no @temporalio import): activities, the tenant install and
// benchmarks all use it the same way.
//
// What it does, and where:
// - Every request passes one read-only allowlist (read-only-allowlist.ts): a method/path pair Jira
//   could treat as a write is refused before it leaves the process (JiraWriteRefusedError).
// - Requests go through `https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/...` with a bearer
//   token from `getAccessToken`; a 401 forces one refresh and one retry (json-requester.ts). Paths
//   under `/automation/` go to the Automation REST API at `/automation/public/jira/{cloudId}/...` with
//   the tenant's API token as HTTP Basic instead, which that API requires (automation-auth.ts).
// - Per-site concurrency cap (concurrency.ts, limited-request.ts) and a per-client pause: one 429 or
//   503 with Retry-After pauses every request of that client, not just the one that got it
//   (pause-gate.ts, retry-after.ts). Other transient failures back off with jitter (retry-policy.ts).
// - Pagination of PageBean (`startAt`/`maxResults`/`isLast`), plain-array and wrapper endpoints, with
//   checks that pages are well-formed and that `total` does not shift under the reader (pagination.ts,
//   page-shapes.ts). Pages are handed to a callback: nothing holds a whole resource in memory.
// - Errors carry status, path and Jira's own message with secrets redacted (errors.ts).
// - OAuth: authorization-code exchange and rotating refresh tokens (oauth/token-endpoint.ts), and an
//   access-token provider that refreshes single-flight per tenant and commits the rotated refresh
//   token before anyone uses the new access token (oauth/access-token-provider.ts).
// - One client per tenant per process, so a tenant's activities share its cap and pause
//   (tenant-clients.ts).
export { createJiraClient, type JiraClient, type JiraClientOptions } from './jira-client';
export { quotaFromHeaders, type QuotaObservation } from './rate-limit-headers';
export { meteredClient, responsePoints } from './request-points';
export { getAccessibleResources, type AccessibleResource } from './accessible-resources';
export {
  fetchAllPages,
  type FetchAllResult,
  type OnPage,
  type PageInfo,
  type PagingClient,
  type ResourceDefinition,
  type ResourceShape,
} from './pagination';
export { ALLOWED_REQUESTS, assertAllowedRequest, isAllowedRequest } from './read-only-allowlist';
export {
  isNotFound,
  JiraClientError,
  JiraHttpError,
  JiraMalformedResponseError,
  JiraPagingError,
  JiraUnauthorizedError,
  JiraWriteRefusedError,
} from './errors';
export { JiraClientRegistry, type AutomationTokenSource, type JiraClientSettings } from './tenant-clients';
export { AUTOMATION_TOKEN_NEEDED, AutomationTokenMissingError, type AutomationToken } from './automation-auth';
export {
  exchangeAuthorizationCode,
  GrantRevokedError,
  OAuthClientRejectedError,
  refreshTokens,
  TokenEndpointError,
  type TokenResponse,
} from './oauth/token-endpoint';
export {
  AccessTokenProvider,
  ReauthRequiredError,
  WriteScopesRefusedError,
  writeScopesRefusedReason,
  type AccessTokenProviderOptions,
  type RefreshOutcome,
} from './oauth/access-token-provider';
export { CONFIG_RESOURCES, type DetailListPlan, type ListPlan, type PerParentPlan, type ReadPlan, type EmitPage } from './config-reads';
export { REQUESTED_SCOPES } from './requested-scopes';
export { grantReadsUserNames, readDisplayNames, USER_NAME_SCOPES } from './reads/user-names';
