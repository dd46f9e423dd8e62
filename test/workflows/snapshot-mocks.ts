// Mock activities for snapshotWorkflow (and the drift scan it hands off to), recording every call.
import { ApplicationFailure } from '@temporalio/common';
import type {
  ClaimSnapshotInput,
  ClaimSnapshotResult,
  SnapshotResourceInput,
  SnapshotResourceResult,
} from '../../activities/snapshot/snapshot-activities';
import type { MockActivities } from './workflow-test-env';

export const ROOT_HASH = 'ab'.repeat(32);

export interface SnapshotMockOptions {
  /** Answer of the n-th claim (1-based); default: claimed with snapshot id n. */
  claim?: (input: ClaimSnapshotInput, n: number) => Promise<ClaimSnapshotResult> | ClaimSnapshotResult;
  /** Throw to fail a resource; `claims` is how many claims came before (the attempt). */
  resource?: (input: SnapshotResourceInput, claims: number) => void;
  /** The previous complete snapshot, for the drift hand-off (default: none). */
  previousSnapshotId?: string | null;
}

export function snapshotMocks(opts: SnapshotMockOptions = {}) {
  const calls = {
    claims: [] as ClaimSnapshotInput[],
    resources: [] as SnapshotResourceInput[],
    finalized: [] as Array<{ snapshotId: string; pages: number }>,
    incomplete: [] as Array<{ snapshotId: string; status: string; reason: string }>,
    driftScans: [] as Array<{ baseSnapshotId: string; targetSnapshotId: string }>,
  };
  const activities: MockActivities = {
    async claimSnapshot(input) {
      calls.claims.push(input);
      const n = calls.claims.length;
      if (opts.claim) return opts.claim(input, n);
      return { outcome: 'claimed', snapshotId: String(n), attempt: n, siteUrl: 'https://sim.example.net' };
    },
    async snapshotResource(input): Promise<SnapshotResourceResult> {
      calls.resources.push(input);
      opts.resource?.(input, calls.claims.length);
      return { configType: input.configType, objects: 2, pages: 1, newObjects: 1 };
    },
    // No points quota configured: reads go ungated (the quota gate has its own workflow test).
    async quotaPoolFor() {
      return { pool: null };
    },
    async finalizeSnapshot(input) {
      calls.finalized.push({ snapshotId: input.snapshotId, pages: input.pages });
      return { rootHash: ROOT_HASH, objectCount: 24 };
    },
    async endSnapshotIncomplete(input) {
      calls.incomplete.push({ snapshotId: input.snapshotId, status: input.status, reason: input.reason });
    },
    async findPreviousSnapshot() {
      return { baseSnapshotId: opts.previousSnapshotId ?? null };
    },
    // The hand-off's scan: an empty comparison.
    async beginDriftScan(input) {
      calls.driftScans.push({ baseSnapshotId: input.baseSnapshotId, targetSnapshotId: input.targetSnapshotId });
      return { scanId: '900', snapshotType: 'hourly', windowStart: '2026-03-02T05:00:00Z', completedTotals: null };
    },
    async scanDriftChunk() {
      return { compared: 24, added: 0, removed: 0, modified: 0, cursor: 'zz', done: true, pagesRead: 1 };
    },
    async completeDriftScan() {},
    // The scan's audit log read and attribution (drift-audit-attribution): nothing to attribute.
    async ingestAuditRecords() {
      return { status: 'read', records: 0, requests: 1 };
    },
    async attributeDriftEvents() {
      return { attributed: 0, unattributed: 0 };
    },
  };
  return { calls, activities };
}

/** A Jira read that fails for good (what the workflow sees after the activity's last attempt). */
export function jiraNotFound(path: string): never {
  throw ApplicationFailure.nonRetryable(`Jira answered 404 for ${path}`, 'JiraNotFoundError');
}
