// The part of the audit log a drift scan reads: from the base snapshot's start to the target
// snapshot's completion, widened on both sides by a margin for clock skew between Jira and us.
import { MINUTE_MS } from '../time';

/** Jira's clock and ours may disagree; records this close outside the interval are still read. */
export const AUDIT_CLOCK_SKEW_MS = 5 * MINUTE_MS;

export interface AuditInterval {
  from: string;
  to: string;
}

export function auditInterval(baseStartedAt: Date, targetCompletedAt: Date, skewMs = AUDIT_CLOCK_SKEW_MS): AuditInterval {
  return {
    from: new Date(baseStartedAt.getTime() - skewMs).toISOString(),
    to: new Date(targetCompletedAt.getTime() + skewMs).toISOString(),
  };
}

/**
 * Which part of [from, to] the log may no longer cover. Jira drops the oldest records first, so a log
 * holding any record at or before `from` covers the whole interval; otherwise nothing is known before
 * its oldest record in the interval (or at all, when it holds none there).
 */
export function uncoveredPart(
  interval: AuditInterval,
  recordsAtOrBeforeFrom: number,
  oldestInInterval: string | null,
): { from: string; until: string } | null {
  if (recordsAtOrBeforeFrom > 0) return null;
  return { from: interval.from, until: oldestInInterval ?? interval.to };
}
