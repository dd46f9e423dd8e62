// Backfill: snapshot every window of a type that starts in [from, to), oldest first, one at a time (so
// each drift scan compares consecutive windows). Each window goes through startSnapshot, so a window
// that already has a snapshot is reported SKIPPED and nothing is made twice.
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { resolveWindowStart, windowStartsBetween, type SnapshotType } from '../domain/snapshot-window';
import { LIMITS } from '../domain/input-rules';
import type { SnapshotWorkflowResult } from '../workflows/snapshot-contract';
import { InvalidInputError } from './errors';
import { startSnapshot, type SnapshotStart } from './snapshots';
import { parseInput, snapshotTypeSchema, taskQueueSchema, tenantIdSchema } from './input-schemas';

export const MAX_BACKFILL_WINDOWS = LIMITS.backfillWindows.max;

const backfillSchema = z.object({
  tenantId: tenantIdSchema,
  type: snapshotTypeSchema,
  from: z.string().min(1).max(64),
  to: z.string().min(1).max(64),
  taskQueue: taskQueueSchema.optional(),
});

export type BackfillOptions = z.input<typeof backfillSchema>;

/** The canonical window starts a backfill makes; refuses bad or oversized ranges without any I/O. */
export function planBackfill(options: BackfillOptions): { tenantId: string; type: SnapshotType; windows: string[]; taskQueue?: string } {
  const { tenantId, type, from, to, taskQueue } = parseInput(backfillSchema, options);
  let fromMs: number;
  let toMs: number;
  try {
    // `from` is rounded down to its window; `to` is exclusive.
    fromMs = Date.parse(resolveWindowStart(type, from));
    toMs = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T00:00:00Z` : to);
    if (!Number.isFinite(toMs)) throw new Error(`--to "${to}" is not an ISO-8601 date or instant`);
  } catch (err) {
    throw new InvalidInputError((err as Error).message);
  }
  if (toMs <= fromMs) throw new InvalidInputError('--to must be after --from');
  if (toMs > Date.now() + 60_000) throw new InvalidInputError('--to must not be in the future');
  let windows: string[];
  try {
    windows = windowStartsBetween(type, fromMs, toMs, MAX_BACKFILL_WINDOWS);
  } catch (err) {
    throw new InvalidInputError((err as Error).message);
  }
  return { tenantId, type, windows, taskQueue };
}

export interface BackfillWindowResult extends SnapshotWorkflowResult {
  windowStart: string;
  workflowId: string;
}

export async function backfillSnapshots(
  client: Client,
  options: BackfillOptions,
  hooks: { onStart?: (start: SnapshotStart, index: number, total: number) => Promise<void> | void } = {},
): Promise<BackfillWindowResult[]> {
  const plan = planBackfill(options);
  const results: BackfillWindowResult[] = [];
  for (const [index, window] of plan.windows.entries()) {
    const start = await startSnapshot(client, { tenantId: plan.tenantId, type: plan.type, window, taskQueue: plan.taskQueue });
    await hooks.onStart?.(start, index, plan.windows.length);
    results.push({ windowStart: start.windowStart, workflowId: start.workflowId, ...(await start.result()) });
  }
  return results;
}
