// Writes the audit record of one admin change (if Jira audits that type) into the site's log.
import { createHash } from 'node:crypto';
import { auditRecordOf, type Mutation } from '../site/audit-events';
import type { Site } from '../site/site';

/** The account id audit records name when a change does not say who made it: the site's admin. */
export function siteAdminAccountId(site: Site): string {
  return `557058:${createHash('sha256').update(`admin:${site.cloudId}`).digest('hex').slice(0, 24)}`;
}

export function recordAudit(site: Site, change: Omit<Mutation, 'authorAccountId' | 'lookup'> & { author?: string }, nowMs: number): void {
  const { author, ...mutation } = change;
  const draft = auditRecordOf({
    ...mutation,
    authorAccountId: author ?? siteAdminAccountId(site),
    lookup: (type, id) => site.get(type, id),
  });
  if (draft) site.auditLog.append(draft, nowMs);
}
