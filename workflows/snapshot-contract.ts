// The public contract of snapshotWorkflow: its input, result and query, shared with clients.
import { defineQuery } from '@temporalio/workflow';
import type { SnapshotType } from '../domain/snapshot-window';

export interface SnapshotWorkflowInput {
  tenantId: string;
  type: SnapshotType;
  /** Canonical window start, e.g. `2026-11-25T00:00:00Z` (see domain/snapshot-window.ts). */
  windowStart: string;
}

export type SnapshotStatus = 'COMPLETED' | 'SKIPPED';

export interface SnapshotWorkflowResult {
  snapshotId: string;
  status: SnapshotStatus;
  rootHash: string | null;
  objectCount: number | null;
  /** Why the window was skipped (already snapshotted, tenant needs re-consent, ...). */
  reason?: string;
  /** The drift scan against the previous complete snapshot of the same type, when there is one. */
  driftScanWorkflowId?: string;
  /** Configuration types the site or grant does not offer, with the reason (HTTP status, Jira's message). */
  unavailable?: Array<{ configType: string; reason: string }>;
  /** Per type read: objects stored and requests made (runs recorded before per-type counts have none). */
  types?: Record<string, TypeCounts>;
}

export interface TypeCounts {
  objects: number;
  requests: number;
}

export interface SnapshotProgress {
  phase: 'claiming' | 'fetching' | 'waiting-for-quota' | 'finalizing' | 'done' | 'failed';
  /** While a type read waits for Jira's points quota: when the pool's window resets (ISO 8601). */
  waitingForQuotaUntil?: string;
  snapshotId: string | null;
  resourcesDone: number;
  resourcesTotal: number;
  pages: number;
  objects: number;
  newObjects: number;
  /** Types read so far that the site or grant does not offer. */
  unavailable?: Array<{ configType: string; reason: string }>;
  /** Per type read so far: objects stored and requests made. */
  types?: Record<string, TypeCounts>;
}

export const snapshotProgressQuery = defineQuery<SnapshotProgress>('progress');
