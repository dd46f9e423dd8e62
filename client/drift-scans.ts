// Programmatic API for drift scans: start (or attach to) the scan of two snapshots of a tenant, e.g.
// a pinned baseline against the latest snapshot. Scans after each snapshot start on their own.
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { driftPairProblem } from '../domain/drift-pair';
import { LIMITS } from '../domain/input-rules';
import { snapshotPairFacts } from '../store/drift-store';
import type { Queryable } from '../store/pool';
import { InvalidInputError } from './errors';
import { requireInstalledTenant } from './installed-tenant';
import { driftScanWorkflowId } from '../domain/workflow-ids';
import type { DriftScanResult } from '../workflows/drift-scan-contract';
import { TENANT_ID } from '../workflows/search-attributes';
import { workloadTaskQueue } from '../domain/workloads';
import { DEFAULT_TASK_QUEUE } from './snapshots';
import { countSchema, parseInput, recordIdSchema, taskQueueSchema, tenantIdSchema } from './input-schemas';

const startDriftScanSchema = z
  .object({
    tenantId: tenantIdSchema,
    baseSnapshotId: recordIdSchema('snapshot'),
    targetSnapshotId: recordIdSchema('snapshot'),
    pageSize: countSchema(LIMITS.driftPageSize).optional(),
    pagesPerActivity: countSchema(LIMITS.driftPagesPerActivity).optional(),
    activitiesPerRun: countSchema(LIMITS.driftActivitiesPerRun).optional(),
    taskQueue: taskQueueSchema.optional(),
  })
  .strict()
  .refine((o) => o.baseSnapshotId !== o.targetSnapshotId, { message: 'base and target snapshots must differ', path: ['targetSnapshotId'] });

export type StartDriftScanOptions = z.input<typeof startDriftScanSchema>;

export interface DriftScanStart {
  workflowId: string;
  handle: WorkflowHandle;
  result(): Promise<DriftScanResult>;
}

/** Validates scan options without any I/O. */
export function parseDriftScanOptions(options: StartDriftScanOptions) {
  return parseInput(startDriftScanSchema, options);
}

/**
 * Refuses, before any workflow starts, a pair the scan would refuse (domain/drift-pair.ts): unknown
 * tenant or snapshot, not complete, different types, base not earlier than target.
 */
export async function checkDriftScanPair(db: Queryable, options: StartDriftScanOptions): Promise<void> {
  const { tenantId, baseSnapshotId, targetSnapshotId } = parseDriftScanOptions(options);
  await requireInstalledTenant(db, tenantId);
  const [base, target] = await snapshotPairFacts(db, tenantId, baseSnapshotId, targetSnapshotId);
  const problem = driftPairProblem(tenantId, baseSnapshotId, targetSnapshotId, base, target);
  if (problem) throw new InvalidInputError(problem);
}

export async function startDriftScan(client: Client, options: StartDriftScanOptions): Promise<DriftScanStart> {
  const { taskQueue, ...input } = parseDriftScanOptions(options);
  const workflowId = driftScanWorkflowId(input.tenantId, input.baseSnapshotId, input.targetSnapshotId);
  try {
    const handle = await client.workflow.start('driftScanWorkflow', {
      workflowId,
      taskQueue: workloadTaskQueue(taskQueue ?? DEFAULT_TASK_QUEUE, 'drift'),
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      typedSearchAttributes: [{ key: TENANT_ID, value: input.tenantId }],
      memo: { tenantId: input.tenantId },
    });
    return { workflowId, handle, result: () => handle.result() as Promise<DriftScanResult> };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    // Scanned before: the earlier run's result stands (a pair is never scanned twice; a failed scan is redone).
    const handle = client.workflow.getHandle(workflowId);
    return { workflowId, handle, result: () => handle.result() as Promise<DriftScanResult> };
  }
}
