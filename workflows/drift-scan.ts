// driftScanWorkflow: compares two complete snapshots of a tenant (ID drift:{tenant}:{base}..{target}).
// A continue-as-new pagination loop: each activity compares the next chunk of the two key-sorted entry
// lists and writes the drift events; the workflow carries only the cursor and running totals, so
// history stays small and memory flat at any size.
import { ApplicationFailure, continueAsNew, patched, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { storeActivities as store } from './store-activities';
import {
  driftScanProgressQuery,
  type DriftAttributionTotals,
  type DriftScanCarriedState,
  type DriftScanInput,
  type DriftScanProgress,
  type DriftScanResult,
} from './drift-scan-contract';
import { TENANT_ID, windowSearchAttributes } from './search-attributes';
import { driftScanInputProblems } from './workflow-inputs';
import { LIMITS } from '../domain/input-rules';
import type { IngestAuditResult } from '../activities/drift/audit-activities';

// A chunk heartbeats after every page and resumes from its last heartbeat when retried.
const scanner = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 20 },
});

function validate(input: DriftScanInput): void {
  const problems = driftScanInputProblems(input, workflowInfo().workflowId);
  if (problems.length > 0) throw ApplicationFailure.nonRetryable(`invalid drift scan input: ${problems.join('; ')}`, 'InvalidInput');
}

export async function driftScanWorkflow(input: DriftScanInput): Promise<DriftScanResult> {
  validate(input);
  const { tenantId, baseSnapshotId, targetSnapshotId } = input;
  const pageSize = input.pageSize ?? LIMITS.driftPageSize.default;
  const pagesPerActivity = input.pagesPerActivity ?? LIMITS.driftPagesPerActivity.default;
  const activitiesPerRun = input.activitiesPerRun ?? LIMITS.driftActivitiesPerRun.default;

  const progress: DriftScanProgress = {
    scanId: input.carried?.scanId ?? null,
    cursor: input.carried?.cursor ?? '',
    runs: input.carried?.runs ?? 1,
    done: false,
    ...(input.carried?.totals ?? { compared: 0, added: 0, removed: 0, modified: 0 }),
  };
  setHandler(driftScanProgressQuery, () => progress);

  let state: DriftScanCarriedState;
  if (input.carried) {
    state = input.carried;
  } else {
    const scan = await store.beginDriftScan({ tenantId, baseSnapshotId, targetSnapshotId, workflowId: workflowInfo().workflowId });
    if (workflowInfo().typedSearchAttributes.get(TENANT_ID) === undefined) {
      upsertSearchAttributes(windowSearchAttributes(tenantId, scan.snapshotType, scan.windowStart));
    }
    progress.scanId = scan.scanId;
    if (scan.completedTotals) {
      progress.done = true;
      Object.assign(progress, scan.completedTotals);
      return result(scan.scanId, scan.completedTotals, 1);
    }
    state = {
      scanId: scan.scanId,
      snapshotType: scan.snapshotType,
      windowStart: scan.windowStart,
      cursor: '',
      totals: { compared: 0, added: 0, removed: 0, modified: 0 },
      runs: 1,
    };
  }

  // Who changed it and when: the audit log over the scan's interval is read while the snapshots are
  // compared (it does not depend on the events), once per scan; a continued run carries its counts.
  let auditRead: Promise<IngestAuditResult> | undefined;
  if (patched('drift-audit-attribution')) {
    auditRead = state.auditRead ? Promise.resolve(state.auditRead) : scanner.ingestAuditRecords({ tenantId, scanId: state.scanId });
    auditRead.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled meanwhile
  }

  for (let activities = 0; ; activities++) {
    // Each run makes progress before it may hand over, so a standing suggestion cannot loop forever.
    if (activities > 0 && (activities >= activitiesPerRun || workflowInfo().continueAsNewSuggested)) {
      const carriedAudit = auditRead ? { auditRead: await auditRead } : {};
      await continueAsNew<typeof driftScanWorkflow>({ ...input, carried: { ...state, ...carriedAudit, runs: state.runs + 1 } });
    }
    const chunk = await scanner.scanDriftChunk({
      tenantId,
      scanId: state.scanId,
      baseSnapshotId,
      targetSnapshotId,
      snapshotType: state.snapshotType,
      windowStart: state.windowStart,
      cursor: state.cursor,
      pageSize,
      pages: pagesPerActivity,
    });
    state.cursor = chunk.cursor;
    state.totals = {
      compared: state.totals.compared + chunk.compared,
      added: state.totals.added + chunk.added,
      removed: state.totals.removed + chunk.removed,
      modified: state.totals.modified + chunk.modified,
    };
    Object.assign(progress, state.totals, { cursor: state.cursor });
    if (chunk.done) break;
  }

  // Then each event's records. Before completion, so a completed scan always has its attribution (or
  // the reason it has none).
  let attribution: DriftAttributionTotals | undefined;
  if (auditRead) {
    const read = await auditRead;
    const linked = await scanner.attributeDriftEvents({ tenantId, scanId: state.scanId });
    attribution = { auditLog: read.status, auditRecords: read.records, ...linked };
  }

  await store.completeDriftScan({ tenantId, scanId: state.scanId, totals: state.totals });
  progress.done = true;
  const done = result(state.scanId, state.totals, state.runs);
  return attribution ? { ...done, attribution } : done;
}

function result(scanId: string, totals: DriftScanResult | DriftScanCarriedState['totals'], runs: number): DriftScanResult {
  const { compared, added, removed, modified } = totals;
  return { scanId, compared, added, removed, modified, events: added + removed + modified, runs };
}
