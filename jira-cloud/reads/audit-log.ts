// The audit log (GET /rest/api/3/auditing/record, reference §2.2 and §5.5): offset/limit paging, not
// startAt/maxResults; newest first; `from`/`to` bound the records' creation time. Needs Administer Jira
// and, with granular scopes, both of the scopes below (the spec's Beta set for the operation).
import { JiraMalformedResponseError } from '../errors';
import type { PagingClient } from '../pagination';

export const AUDIT_LOG_PATH = '/rest/api/3/auditing/record';

/** The operation's granular scopes in the spec (all needed together). */
export const AUDIT_LOG_SCOPES: readonly string[] = ['read:audit-log:jira', 'read:user:jira'];

/** The spec's default `limit`; Jira answers with the limit it applied. */
export const AUDIT_PAGE_LIMIT = 1000;

export interface AuditPage {
  records: unknown[];
  /** Records matching the query when this page was made (Jira recounts on every request). */
  total: number;
}

export async function readAuditPage(client: PagingClient, q: { from?: string; to?: string; offset: number; limit?: number }): Promise<AuditPage> {
  const query: Record<string, string | number> = { offset: q.offset, limit: q.limit ?? AUDIT_PAGE_LIMIT };
  if (q.from !== undefined) query['from'] = q.from;
  if (q.to !== undefined) query['to'] = q.to;
  const body = await client.getJson(AUDIT_LOG_PATH, query);
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { records?: unknown }).records)) {
    throw new JiraMalformedResponseError(AUDIT_LOG_PATH, 'expected {records: [...]}');
  }
  const { records, total } = body as { records: unknown[]; total?: unknown };
  return { records, total: typeof total === 'number' ? total : records.length };
}

/** The operation's classic scope (the spec's Current entry). */
const AUDIT_LOG_CLASSIC_SCOPE = 'manage:jira-configuration';

/** Whether a grant's scopes open the audit log: the classic scope, or every granular one. */
export function grantOpensAuditLog(granted: readonly string[]): boolean {
  const held = new Set(granted);
  return held.has(AUDIT_LOG_CLASSIC_SCOPE) || AUDIT_LOG_SCOPES.every((scope) => held.has(scope));
}
