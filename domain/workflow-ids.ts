// Deterministic, readable workflow ids: the id itself is the deduplication key for a unit of work.
import type { SnapshotType } from './snapshot-window';

export function snapshotWorkflowId(tenantId: string, type: SnapshotType, windowStart: string): string {
  return `snapshot:${tenantId}:${type}:${windowStart}`;
}

export function tokenRefreshWorkflowId(tenantId: string): string {
  return `token-refresh:${tenantId}`;
}

export function driftScanWorkflowId(tenantId: string, baseSnapshotId: string, targetSnapshotId: string): string {
  return `drift:${tenantId}:${baseSnapshotId}..${targetSnapshotId}`;
}
