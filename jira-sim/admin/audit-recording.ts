// Writes the audit record of one admin change (if Jira audits that type) into the site's log.
import { auditRecordOf, type Mutation } from '../site/audit-events';
import type { Site } from '../site/site';
import { siteAdminAccountId } from '../site/site-users';

export function recordAudit(site: Site, change: Omit<Mutation, 'authorAccountId' | 'lookup'> & { author?: string }, nowMs: number): void {
  const { author, ...mutation } = change;
  const draft = auditRecordOf({
    ...mutation,
    authorAccountId: author ?? siteAdminAccountId(site.cloudId),
    lookup: (type, id) => site.get(type, id),
  });
  if (draft) site.auditLog.append(draft, nowMs);
}
