// Errors thrown by the Jira client. They carry only what an operator needs (method, API path,
// status, Jira's own messages) and never a host, query string, header or token: got's errors hold
// the full request options (including Authorization), so they are always translated into these
// and never attached as `cause`.

/** The API path without query string or fragment (query values can hold secrets). */
export function safePath(path: string): string {
  return path.split(/[?#]/, 1)[0] ?? '';
}

export abstract class JiraClientError extends Error {
  override readonly name: string = this.constructor.name;
  /** Worth retrying later (by the caller, e.g. a Temporal activity retry)? */
  abstract readonly retryable: boolean;
}

/** A request outside the read-only allowlist. Thrown before any network I/O. */
export class JiraWriteRefusedError extends JiraClientError {
  readonly retryable = false;
  constructor(
    readonly method: string,
    readonly path: string,
  ) {
    super(`refused ${method} ${safePath(path)}: not on the read-only allowlist`);
    this.path = safePath(path);
  }
}

export interface JiraHttpErrorDetails {
  method: string;
  path: string;
  /** HTTP status; undefined for network errors and timeouts. */
  status?: number;
  /** Node/got error code for network errors, e.g. ETIMEDOUT, ECONNRESET. */
  code?: string;
  retryable: boolean;
  /** Jira's `errorMessages` (and `errors` values / gateway `message`), joined. */
  jiraMessages?: string;
  /** Retry-After of the last response, in ms, when the server sent one. */
  retryAfterMs?: number;
}

/** A failed request after the client's own retries were exhausted or not applicable. */
export class JiraHttpError extends JiraClientError {
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly retryable: boolean;
  readonly jiraMessages: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(d: JiraHttpErrorDetails) {
    const what = d.status !== undefined ? `HTTP ${d.status}` : `network error ${d.code ?? 'unknown'}`;
    const jira = d.jiraMessages ? `: ${d.jiraMessages}` : '';
    super(`Jira ${d.method} ${safePath(d.path)} failed with ${what}${jira}`);
    this.method = d.method;
    this.path = safePath(d.path);
    this.status = d.status;
    this.code = d.code;
    this.retryable = d.retryable;
    this.jiraMessages = d.jiraMessages;
    this.retryAfterMs = d.retryAfterMs;
  }
}

/**
 * 401 even after a forced token refresh (the grant, scopes or user permission are wrong), or a 401 to a
 * credential that cannot be refreshed (the automation API token: wrong or revoked).
 */
export class JiraUnauthorizedError extends JiraClientError {
  readonly retryable = false;
  readonly status = 401;
  constructor(
    readonly method: string,
    readonly path: string,
    readonly jiraMessages?: string,
    afterRefresh = true,
  ) {
    super(`Jira ${method} ${safePath(path)} unauthorized${afterRefresh ? ' after a token refresh' : ''}${jiraMessages ? `: ${jiraMessages}` : ''}`);
    this.path = safePath(path);
  }
}

/**
 * A 2xx response whose body is not JSON, or JSON of the wrong shape. The body itself is never
 * quoted (it could echo anything). An unparsable body was already retried once by the client and
 * is `retryable` (a truncated body can be transient); a wrong shape is not.
 */
export class JiraMalformedResponseError extends JiraClientError {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly retryable: boolean = false,
  ) {
    super(`malformed Jira response from ${safePath(path)}: ${reason}`);
    this.path = safePath(path);
  }
}

/**
 * Pages of one resource do not add up (total changed, repeated objects, …): the configuration
 * changed while it was being read. Retryable: the caller redoes the whole resource.
 */
export class JiraPagingError extends JiraClientError {
  readonly retryable = true;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`inconsistent paging of ${safePath(path)}: ${reason}`);
    this.path = safePath(path);
  }
}

/**
 * Jira answered 404: for a child read, the parent was deleted since it was listed (or, for some
 * endpoints, has nothing of that kind). What that means is the caller's to say.
 */
export function isNotFound(err: unknown): boolean {
  return err instanceof JiraClientError && (err as { status?: number }).status === 404;
}
