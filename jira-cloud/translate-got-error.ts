// Turns whatever got rejected with into one of our errors. got's errors carry the request options
// (Authorization header included) and full URLs, so they are never rethrown or kept as `cause`.
import { HTTPError, RequestError } from 'got';
import { JiraClientError, JiraHttpError, JiraMalformedResponseError, JiraUnauthorizedError } from './errors';
import { BODY_PARSE_FAILURE, isRetryableLater } from './retry-policy';
import { retryAfterMs } from './retry-after';

export interface TranslateContext {
  method: string;
  path: string;
  /** Tokens sent by this call, scrubbed from anything quoted from the server. */
  secrets: ReadonlySet<string>;
  /** Whether a 401 was answered to a refreshed token (false for credentials that cannot be refreshed). */
  afterRefresh?: boolean;
}

const MAX_JIRA_MESSAGE_CHARS = 500;

export function translateGotError(error: unknown, ctx: TranslateContext): Error {
  // Our own errors thrown inside hooks arrive wrapped by got.
  const inner = error instanceof RequestError ? error.cause : undefined;
  if (inner instanceof JiraClientError) return inner;
  if (error instanceof JiraClientError) return error;

  if (error instanceof HTTPError) {
    const status = error.response.statusCode;
    const jiraMessages = jiraMessagesOf(error.response.body, ctx.secrets);
    if (status === 401) return new JiraUnauthorizedError(ctx.method, ctx.path, jiraMessages, ctx.afterRefresh ?? true);
    return new JiraHttpError({
      method: ctx.method,
      path: ctx.path,
      status,
      retryable: isRetryableLater(status, undefined),
      jiraMessages,
      retryAfterMs: retryAfterMs(error.response.headers['retry-after']),
    });
  }

  if (error instanceof RequestError) {
    if (error.code === BODY_PARSE_FAILURE) {
      const bytes = error.response?.rawBody?.length ?? 0;
      const type = error.response?.headers['content-type'] ?? 'none';
      return new JiraMalformedResponseError(ctx.path, `body is not valid JSON (${bytes} bytes, content-type ${type}) after one retry`, true);
    }
    return new JiraHttpError({
      method: ctx.method,
      path: ctx.path,
      code: error.code,
      retryable: isRetryableLater(undefined, error.code),
    });
  }

  const name = error instanceof Error ? error.name : typeof error;
  return new JiraHttpError({ method: ctx.method, path: ctx.path, code: `UNEXPECTED_${name}`, retryable: false });
}

/** Jira's `errorMessages`, `errors` values, or the gateway's `message`, joined and scrubbed. */
export function jiraMessagesOf(body: unknown, secrets: ReadonlySet<string>): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const parts: string[] = [];
  if (Array.isArray(b.errorMessages)) parts.push(...b.errorMessages.filter((m): m is string => typeof m === 'string'));
  if (typeof b.errors === 'object' && b.errors !== null) {
    for (const [key, value] of Object.entries(b.errors)) if (typeof value === 'string') parts.push(`${key}: ${value}`);
  }
  if (typeof b.message === 'string') parts.push(b.message);
  if (parts.length === 0) return undefined;
  let text = parts.join('; ');
  for (const secret of secrets) if (secret) text = text.split(secret).join('[redacted]');
  return text.length > MAX_JIRA_MESSAGE_CHARS ? `${text.slice(0, MAX_JIRA_MESSAGE_CHARS)}…` : text;
}
