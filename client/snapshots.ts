// Programmatic API for snapshots: start (or attach to) the one snapshot of a tenant's window.
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { floorToWindow, formatWindowStart, resolveWindowStart } from '../domain/snapshot-window';
import { snapshotWorkflowId } from '../domain/workflow-ids';
import { workloadTaskQueue } from '../domain/workloads';
import { windowSearchAttributes } from '../workflows/search-attributes';
import type { SnapshotWorkflowResult } from '../workflows/snapshot-contract';
import { InvalidInputError } from './errors';
import { parseInput, snapshotTypeSchema, taskQueueSchema, tenantIdSchema } from './input-schemas';

export const DEFAULT_TASK_QUEUE = 'jira-drift';

const startSnapshotSchema = z.object({
  tenantId: tenantIdSchema,
  type: snapshotTypeSchema,
  /** Any instant inside the window (ISO-8601 text or Date); defaults to now. */
  window: z.union([z.string().max(64), z.date()]).optional(),
  taskQueue: taskQueueSchema.optional(),
});

export type StartSnapshotOptions = z.input<typeof startSnapshotSchema>;

export interface SnapshotStart {
  workflowId: string;
  windowStart: string;
  /** Resolves when the window's snapshot ends; a window that was already complete reports SKIPPED. */
  result(): Promise<SnapshotWorkflowResult>;
  handle: WorkflowHandle;
}

/** Validates and resolves snapshot options (window → canonical window start) without any I/O. */
export function parseSnapshotOptions(options: StartSnapshotOptions) {
  const { tenantId, type, window, taskQueue } = parseInput(startSnapshotSchema, options);
  let windowStart: string;
  try {
    windowStart =
      window === undefined
        ? formatWindowStart(floorToWindow(type, Date.now()))
        : window instanceof Date
          ? formatWindowStart(floorToWindow(type, window.getTime()))
          : resolveWindowStart(type, window);
  } catch (err) {
    throw new InvalidInputError((err as Error).message);
  }
  return { tenantId, type: type, windowStart, taskQueue: taskQueue ?? DEFAULT_TASK_QUEUE };
}

/**
 * Starts the snapshot of one window, or attaches to it when it is already running. However many
 * callers race, the deterministic workflow id plus USE_EXISTING give one execution; a window whose
 * run already completed is reported as SKIPPED with the existing snapshot. A failed window is redone.
 */
export async function startSnapshot(client: Client, options: StartSnapshotOptions): Promise<SnapshotStart> {
  const { tenantId, type, windowStart, taskQueue } = parseSnapshotOptions(options);
  const workflowId = snapshotWorkflowId(tenantId, type, windowStart);
  try {
    const handle = await client.workflow.start('snapshotWorkflow', {
      workflowId,
      taskQueue: workloadTaskQueue(taskQueue, 'snapshots'),
      args: [{ tenantId, type, windowStart }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      typedSearchAttributes: windowSearchAttributes(tenantId, type, windowStart),
      memo: { tenantId },
    });
    return { workflowId, windowStart, handle, result: () => handle.result() as Promise<SnapshotWorkflowResult> };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    // A completed run owns this window: report its snapshot instead of making another.
    const handle = client.workflow.getHandle(workflowId);
    return {
      workflowId,
      windowStart,
      handle,
      result: async () => {
        const previous = (await handle.result()) as SnapshotWorkflowResult;
        return { ...previous, status: 'SKIPPED', reason: previous.reason ?? 'window already has a complete snapshot' };
      },
    };
  }
}

export async function runSnapshot(client: Client, options: StartSnapshotOptions): Promise<SnapshotWorkflowResult> {
  return (await startSnapshot(client, options)).result();
}
