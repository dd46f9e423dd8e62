// GET /rest/api/3/auditing/record: the site's audit log, newest first, paged with offset/limit (not
// startAt/maxResults), filtered by `filter`, `from` and `to` as the spec describes. Needs Administer
// Jira (403 otherwise, ErrorCollection as the spec says; the exact message is the sim's).
import { first, integer } from './query-params';
import { RestError } from './jira-error';
import type { Resource } from './resource-kit';

/** The spec's default `limit`; the spec names no maximum, the sim clamps to the same 1000 (UNVERIFIED). */
export const AUDIT_LIMIT = { default: 1000, cap: 1000 };

function instant(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const ms = Date.parse(raw.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  if (Number.isNaN(ms)) throw new RestError(400, `The '${name}' parameter is not a valid date.`);
  return ms;
}

export const AUDIT_RESOURCES: Record<string, Resource> = {
  'auditing/record': {
    get: ({ site, query, caller, nowMs }) => {
      if (caller && !caller.administerJira) throw new RestError(403, 'You do not have the permission to see the specified audit records.');
      const offset = Math.max(0, integer(query, 'offset') ?? 0);
      const requested = integer(query, 'limit') ?? AUDIT_LIMIT.default;
      const limit = Math.min(Math.max(requested, 0), AUDIT_LIMIT.cap);
      const filter = (first(query, 'filter') ?? '').split(' ').filter((t) => t !== '');
      const page = site.auditLog.query(
        { offset, limit, fromMs: instant(first(query, 'from'), 'from'), toMs: instant(first(query, 'to'), 'to'), filter },
        nowMs ?? Date.now(),
      );
      return { offset, limit, total: page.total, records: page.records };
    },
  },
};
