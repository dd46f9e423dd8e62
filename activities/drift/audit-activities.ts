// Reads the audit log over a drift scan's interval into the store, page by page, and records what the
// scan learned from it. Idempotent (records are unique per tenant); heartbeats its offset and a retry
// resumes there. Only counts travel back through Temporal. An audit log the site or grant does not
// offer (Free plan, no Administer Jira, scope missing) is recorded as unavailable: not a failure.
import { Context } from '@temporalio/activity';
import { MalformedAuditRecordError, toAuditRecord } from '../../domain/audit/audit-record';
import { auditLinks, auditLookups, needsNames } from '../../domain/audit/audit-matching';
import { uncoveredPart } from '../../domain/audit/audit-interval';
import { isUnavailableStatus } from '../../domain/unavailable-area';
import { JiraClientError, ReauthRequiredError } from '../../jira-cloud';
import { AUDIT_LOG_SCOPES, grantOpensAuditLog, readAuditPage } from '../../jira-cloud/reads/audit-log';
import {
  getScanAudit,
  insertAuditRecords,
  oldestRecordIn,
  recordAttributionTotals,
  recordScanAudit,
  scanAuditInterval,
  type ScanAuditOutcome,
} from '../../store/audit-store';
import { candidateAuditRecords, countScanEvents, insertAuditLinks, scanEventPage } from '../../store/audit-links-store';
import { loadBodies } from '../../store/drift-store';
import { getTenant } from '../../store/tenant-store';
import type { ActivityDeps } from '../deps';
import { UnknownTenantError, withFailureMapping } from '../failures';

export interface IngestAuditInput {
  tenantId: string;
  scanId: string;
}

export interface IngestAuditResult {
  status: 'read' | 'unavailable';
  records: number;
  requests: number;
}

/** What the activity heartbeats after each stored page. */
interface IngestProgress {
  scanId: string;
  offset: number;
  records: number;
  requests: number;
}

export function createAuditActivities(deps: ActivityDeps) {
  return {
    async ingestAuditRecords(input: IngestAuditInput): Promise<IngestAuditResult> {
      return withFailureMapping(async () => {
        const { tenantId, scanId } = input;
        const ctx = Context.current();
        const tenant = await getTenant(deps.pool, tenantId);
        if (!tenant) throw new UnknownTenantError(`tenant ${tenantId} is not installed`);
        const interval = await scanAuditInterval(deps.pool, tenantId, scanId);
        const record = async (outcome: ScanAuditOutcome): Promise<IngestAuditResult> => {
          await recordScanAudit(deps.pool, { tenantId, scanId, interval, outcome });
          return { status: outcome.status, records: outcome.status === 'read' ? outcome.records : 0, requests: outcome.requests };
        };
        // Known from the grant: no request (and no token refresh on its 401) is spent finding out.
        if (tenant.grantedScopes.length > 0 && !grantOpensAuditLog(tenant.grantedScopes)) {
          return record({ status: 'unavailable', reason: `the grant lacks ${AUDIT_LOG_SCOPES.join(' and ')}`, requests: 0 });
        }
        const resumed = ctx.info.heartbeatDetails as Partial<IngestProgress> | undefined;
        const progress: IngestProgress =
          resumed?.scanId === scanId && Number.isSafeInteger(resumed.offset)
            ? { scanId, offset: resumed.offset!, records: resumed.records ?? 0, requests: resumed.requests ?? 0 }
            : { scanId, offset: 0, records: 0, requests: 0 };
        try {
          const client = await deps.jiraClients.forTenant(tenantId);
          // Newest first with a fixed `to`: records written meanwhile only push older ones to later
          // offsets, so a page may repeat a record (stored once) but never skips one.
          for (;;) {
            const page = await readAuditPage(client, { from: interval.from, to: interval.to, offset: progress.offset });
            progress.requests++;
            if (page.records.length === 0) break;
            const records = page.records.map(toAuditRecord);
            await insertAuditRecords(deps.pool, tenantId, records);
            progress.offset += records.length;
            progress.records += records.length;
            ctx.heartbeat(progress);
            if (progress.offset >= page.total) break;
          }
          // Jira drops the oldest records first: one record at or before `from` shows the log covers it all.
          const before = await readAuditPage(client, { to: interval.from, offset: 0, limit: 1 });
          progress.requests++;
          const uncovered = uncoveredPart(interval, before.total, await oldestRecordIn(deps.pool, tenantId, interval));
          return record({ status: 'read', records: progress.records, requests: progress.requests, uncovered });
        } catch (err) {
          // No usable grant (never consented, revoked, re-consent pending): the snapshots can still be
          // compared; the log is unavailable for that reason, and the scan does not fail for it.
          if (err instanceof ReauthRequiredError)
            return record({ status: 'unavailable', reason: err.message.slice(0, 500), requests: progress.requests });
          if (err instanceof MalformedAuditRecordError) return record({ status: 'unavailable', reason: err.message, requests: progress.requests });
          const status = (err as { status?: number }).status;
          if (!(err instanceof JiraClientError) || !isUnavailableStatus(status)) throw err;
          return record({ status: 'unavailable', reason: `HTTP ${status}: ${err.message}`.slice(0, 500), requests: progress.requests + 1 });
        }
      });
    },

    async attributeDriftEvents(input: AttributeInput): Promise<AttributeResult> {
      return withFailureMapping(async () => {
        const { tenantId, scanId } = input;
        const ctx = Context.current();
        const audit = await getScanAudit(deps.pool, tenantId, scanId);
        // Without the log every event stays unattributed; the scan row says why.
        if (!audit || audit.status !== 'read') {
          const events = await countScanEvents(deps.pool, tenantId, scanId);
          await recordAttributionTotals(deps.pool, { tenantId, scanId, attributed: 0, unattributed: events });
          return { attributed: 0, unattributed: events };
        }
        const interval = { from: audit.intervalFrom, to: audit.intervalTo };
        const resumed = ctx.info.heartbeatDetails as Partial<AttributeProgress> | undefined;
        const progress: AttributeProgress =
          resumed?.scanId === scanId && typeof resumed.afterEventId === 'string'
            ? { scanId, afterEventId: resumed.afterEventId, attributed: resumed.attributed ?? 0, unattributed: resumed.unattributed ?? 0 }
            : { scanId, afterEventId: '0', attributed: 0, unattributed: 0 };
        for (;;) {
          const page = await scanEventPage(deps.pool, { tenantId, scanId, afterEventId: progress.afterEventId, limit: input.pageSize ?? 500 });
          if (page.length === 0) break;
          const named = page.filter((e) => needsNames(e.objectType));
          const bodies = await loadBodies(
            deps.pool,
            tenantId,
            named.flatMap((e) => [e.beforeHash, e.afterHash]).filter((h): h is string => h !== null),
          );
          const lookups = page.flatMap((e) =>
            auditLookups({ eventId: e.id, objectKey: e.objectKey, objectType: e.objectType, names: namesOf(bodies, e.beforeHash, e.afterHash) }),
          );
          const links = auditLinks(lookups, await candidateAuditRecords(deps.pool, { tenantId, interval, lookups }));
          await insertAuditLinks(deps.pool, tenantId, links);
          const linked = new Set(links.map((l) => l.eventId)).size;
          progress.attributed += linked;
          progress.unattributed += page.length - linked;
          progress.afterEventId = page[page.length - 1]!.id;
          ctx.heartbeat(progress);
        }
        await recordAttributionTotals(deps.pool, { tenantId, scanId, attributed: progress.attributed, unattributed: progress.unattributed });
        return { attributed: progress.attributed, unattributed: progress.unattributed };
      });
    },
  };
}

export interface AttributeInput {
  tenantId: string;
  scanId: string;
  /** Events per page (default 500). */
  pageSize?: number;
}

export interface AttributeResult {
  attributed: number;
  unattributed: number;
}

interface AttributeProgress extends AttributeResult {
  scanId: string;
  afterEventId: string;
}

/** The `name` members of an object's bodies before and after (content-addressed, so looked up by hash). */
function namesOf(bodies: Map<string, string>, ...hashes: Array<string | null>): string[] {
  const names: string[] = [];
  for (const hash of hashes) {
    const body = hash ? bodies.get(hash) : undefined;
    const name = body ? (JSON.parse(body) as { name?: unknown }).name : undefined;
    if (typeof name === 'string') names.push(name);
  }
  return names;
}
