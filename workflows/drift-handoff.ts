// After a snapshot completes: start the drift scan against the previous complete snapshot of the same
// tenant and type, as an abandoned child (the snapshot does not wait for the scan). The scan's id is
// derived from the two snapshots, so a pair is never scanned twice.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, patched, startChild, workflowInfo, WorkflowIdReusePolicy } from '@temporalio/workflow';
import { storeActivities as store } from './store-activities';
import { driftScanWorkflowId } from '../domain/workflow-ids';
import { baseTaskQueueOf, workloadTaskQueue } from '../domain/workloads';
import { driftScanWorkflow } from './drift-scan';

/** Returns the scan's workflow id, or undefined for a tenant's first snapshot of this type. */
export async function handOffToDriftScan(s: { tenantId: string; snapshotId: string; siteUrl: string }): Promise<string | undefined> {
  const { baseSnapshotId } = await store.findPreviousSnapshot({ tenantId: s.tenantId, snapshotId: s.snapshotId });
  if (!baseSnapshotId) return undefined;
  const workflowId = driftScanWorkflowId(s.tenantId, baseSnapshotId, s.snapshotId);
  try {
    await startChild(driftScanWorkflow, {
      workflowId,
      args: [{ tenantId: s.tenantId, baseSnapshotId, targetSnapshotId: s.snapshotId }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      memo: { tenantId: s.tenantId, site: s.siteUrl },
      // On the drift queue, so scans never wait behind snapshots (before the marker: the parent's queue).
      ...(patched('workload-task-queues') ? { taskQueue: workloadTaskQueue(baseTaskQueueOf(workflowInfo().taskQueue), 'drift') } : {}),
    });
  } catch (err) {
    // Already scanned (e.g. on demand): nothing to do.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return workflowId;
}
