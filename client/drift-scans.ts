// Programmatic API for drift scans: start (or attach to) the scan of two snapshots of a tenant, e.g.
// a pinned baseline against the latest snapshot. Scans after each snapshot start on their own.
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { RECORD_ID_PATTERN } from '../domain/record-id';
import { TENANT_ID_PATTERN } from '../domain/tenant-id';
import { driftScanWorkflowId } from '../domain/workflow-ids';
import { DRIFT_PAGE_SIZE, type DriftScanResult } from '../workflows/drift-scan-contract';
import { TENANT_ID } from '../workflows/search-attributes';
import { InvalidInputError } from './errors';
import { DEFAULT_TASK_QUEUE } from './snapshots';
import { zodProblems } from './validation';

const snapshotId = z.string().regex(RECORD_ID_PATTERN, 'must be a snapshot id (a positive integer)');

const startDriftScanSchema = z
  .object({
    tenantId: z.string().regex(TENANT_ID_PATTERN, 'tenant must be 1-63 chars of a-z, 0-9 and "-"'),
    baseSnapshotId: z.union([snapshotId, z.number().int().positive().transform(String)]),
    targetSnapshotId: z.union([snapshotId, z.number().int().positive().transform(String)]),
    pageSize: z.number().int().min(DRIFT_PAGE_SIZE.min).max(DRIFT_PAGE_SIZE.max).optional(),
    pagesPerActivity: z.number().int().min(1).max(10_000).optional(),
    activitiesPerRun: z.number().int().min(1).max(1_000).optional(),
    taskQueue: z.string().min(1).max(200).optional(),
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
  const parsed = startDriftScanSchema.safeParse(options);
  if (!parsed.success) throw new InvalidInputError(zodProblems(parsed.error));
  return parsed.data;
}

export async function startDriftScan(client: Client, options: StartDriftScanOptions): Promise<DriftScanStart> {
  const { taskQueue, ...input } = parseDriftScanOptions(options);
  const workflowId = driftScanWorkflowId(input.tenantId, input.baseSnapshotId, input.targetSnapshotId);
  try {
    const handle = await client.workflow.start('driftScanWorkflow', {
      workflowId,
      taskQueue: taskQueue ?? DEFAULT_TASK_QUEUE,
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
