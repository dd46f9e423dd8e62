// The snapshot Schedules of a tenant: one Temporal Schedule per tenant and snapshot type
// (id snapshot-schedule:{tenant}:{type}), each starting scheduledSnapshotWorkflow, which makes the
// canonical snapshot:{tenant}:{type}:{window} workflow (workflows/scheduled-snapshot.ts).
//
// Overlap policy: BUFFER_ALL, not SKIP. When every worker is down the scheduler still starts each
// action on time, but the run cannot make progress, so it stays Running. Under SKIP every later action
// would be dropped while that first run waits ("skipped due to overlap"), and windows 2..N of the outage
// would never be made. Under BUFFER_ALL they queue up and run one after another, in window order, once a
// worker is back, each making its own window. "Skip" still holds where it matters — per window: the
// canonical workflow id and the database's unique key make a window that already has a snapshot end
// SKIPPED (or ALREADY_STARTED) instead of being made twice. The catch-up window covers the other case,
// actions the scheduler itself missed while the Temporal server was down (domain/snapshot-schedule.ts).
import crypto from 'node:crypto';
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleDescription, type ScheduleOptions } from '@temporalio/client';
import {
  catchupWindowMs,
  DEFAULT_SCHEDULE_JITTER_MS,
  scheduledSnapshotWorkflowIdBase,
  scheduleInterval,
  snapshotScheduleId,
} from '../domain/snapshot-schedule';
import { workloadTaskQueue } from '../domain/workloads';
import { SNAPSHOT_TYPES, type SnapshotType } from '../domain/snapshot-window';
import { SNAPSHOT_TYPE, TENANT_ID } from '../workflows/search-attributes';
import type { ScheduledSnapshotInput } from '../workflows/scheduled-snapshot-contract';

export const SCHEDULE_OVERLAP_POLICY = 'BUFFER_ALL' as const;

export interface SnapshotScheduleTarget {
  tenantId: string;
  siteUrl: string;
  /** The deployment's base queue (the snapshots workload's queue is derived from it). */
  taskQueue: string;
  /** Spread of each action after its nominal time (domain/snapshot-schedule.ts); default DEFAULT_SCHEDULE_JITTER_MS. */
  jitterMs?: number;
}

export type ScheduleOutcome = 'created' | 'updated' | 'unchanged' | 'deleted' | 'paused' | 'resumed';

export interface ScheduleChange {
  type: SnapshotType;
  scheduleId: string;
  outcome: ScheduleOutcome;
}

/** What install makes of one schedule (exported for the unit tests of its spec, queue and fingerprint). */
export function snapshotScheduleOptions(t: SnapshotScheduleTarget, type: SnapshotType): ScheduleOptions {
  const interval = scheduleInterval(type);
  const args: ScheduledSnapshotInput = { tenantId: t.tenantId, type };
  const spec = { intervals: [{ every: interval.everyMs, offset: interval.offsetMs }], jitter: t.jitterMs ?? DEFAULT_SCHEDULE_JITTER_MS };
  const taskQueue = workloadTaskQueue(t.taskQueue, 'snapshots');
  const policies = { overlap: SCHEDULE_OVERLAP_POLICY, catchupWindow: catchupWindowMs(type), pauseOnFailure: false };
  // The fingerprint of everything install decides, so a second install can tell "unchanged" from "updated".
  const fingerprint = crypto
    .createHash('sha256')
    .update(JSON.stringify({ spec, args, policies, taskQueue, site: t.siteUrl, v: 1 }))
    .digest('hex')
    .slice(0, 16);
  return {
    scheduleId: snapshotScheduleId(t.tenantId, type),
    spec,
    action: {
      type: 'startWorkflow',
      workflowType: 'scheduledSnapshotWorkflow',
      workflowId: scheduledSnapshotWorkflowIdBase(t.tenantId, type),
      taskQueue,
      args: [args],
      memo: { tenantId: t.tenantId, site: t.siteUrl, scheduleConfig: fingerprint },
      typedSearchAttributes: [
        { key: TENANT_ID, value: t.tenantId },
        { key: SNAPSHOT_TYPE, value: type },
      ],
    },
    policies,
    memo: { tenantId: t.tenantId, site: t.siteUrl },
    state: { note: `jira-drift ${type} snapshots of ${t.tenantId}` },
  };
}

async function describeOrUndefined(client: Client, scheduleId: string): Promise<ScheduleDescription | undefined> {
  try {
    return await client.schedule.getHandle(scheduleId).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return undefined;
    throw err;
  }
}

function fingerprintOf(d: ScheduleDescription): unknown {
  return (d.action as { memo?: Record<string, unknown> }).memo?.scheduleConfig;
}

async function ensureOne(client: Client, t: SnapshotScheduleTarget, type: SnapshotType): Promise<ScheduleOutcome> {
  const desired = snapshotScheduleOptions(t, type);
  let existing = await describeOrUndefined(client, desired.scheduleId);
  if (!existing) {
    try {
      await client.schedule.create(desired);
      return 'created';
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      existing = await describeOrUndefined(client, desired.scheduleId); // a concurrent install won the race
      if (!existing) throw err;
    }
  }
  if (fingerprintOf(existing) === (desired.action.memo as Record<string, unknown>).scheduleConfig) return 'unchanged';
  const { scheduleId: _id, memo: _memo, state: _state, ...update } = desired;
  // Keep the operator's pause (tenant pause) across a re-install.
  await client.schedule.getHandle(desired.scheduleId).update((previous) => ({ ...update, state: previous.state }));
  return 'updated';
}

/** Makes the tenant's schedules exactly `types`: creates, updates or deletes; reports what changed. */
export async function ensureSnapshotSchedules(client: Client, t: SnapshotScheduleTarget, types: readonly SnapshotType[]): Promise<ScheduleChange[]> {
  const changes: ScheduleChange[] = [];
  for (const type of SNAPSHOT_TYPES) {
    const scheduleId = snapshotScheduleId(t.tenantId, type);
    if (types.includes(type)) {
      changes.push({ type, scheduleId, outcome: await ensureOne(client, t, type) });
    } else if (await deleteOne(client, scheduleId)) {
      changes.push({ type, scheduleId, outcome: 'deleted' });
    }
  }
  return changes;
}

async function deleteOne(client: Client, scheduleId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(scheduleId).delete();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}

/** Deletes every snapshot schedule of the tenant (runs they started are not touched). */
export async function deleteSnapshotSchedules(client: Client, tenantId: string): Promise<ScheduleChange[]> {
  const changes: ScheduleChange[] = [];
  for (const type of SNAPSHOT_TYPES) {
    const scheduleId = snapshotScheduleId(tenantId, type);
    if (await deleteOne(client, scheduleId)) changes.push({ type, scheduleId, outcome: 'deleted' });
  }
  return changes;
}

/** Pauses or unpauses the tenant's schedules; a schedule already in that state is left as it is. */
export async function setSnapshotSchedulesPaused(client: Client, tenantId: string, paused: boolean, note: string): Promise<ScheduleChange[]> {
  const changes: ScheduleChange[] = [];
  for (const type of SNAPSHOT_TYPES) {
    const scheduleId = snapshotScheduleId(tenantId, type);
    const d = await describeOrUndefined(client, scheduleId);
    if (!d) continue;
    if (d.state.paused === paused) {
      changes.push({ type, scheduleId, outcome: 'unchanged' });
      continue;
    }
    const handle = client.schedule.getHandle(scheduleId);
    await (paused ? handle.pause(note) : handle.unpause(note));
    changes.push({ type, scheduleId, outcome: paused ? 'paused' : 'resumed' });
  }
  return changes;
}

export interface SnapshotScheduleState {
  type: SnapshotType;
  scheduleId: string;
  paused: boolean;
  note: string | null;
  overlap: string;
  catchupWindowMs: number;
  nextActionTimes: string[];
  recentActions: Array<{ scheduledAt: string; workflowId: string }>;
  actionsTaken: number;
  skippedOverlap: number;
  missedCatchupWindow: number;
}

export async function describeSnapshotSchedules(client: Client, tenantId: string): Promise<SnapshotScheduleState[]> {
  const states: SnapshotScheduleState[] = [];
  for (const type of SNAPSHOT_TYPES) {
    const scheduleId = snapshotScheduleId(tenantId, type);
    const d = await describeOrUndefined(client, scheduleId);
    if (!d) continue;
    states.push({
      type,
      scheduleId,
      paused: d.state.paused,
      note: d.state.note ?? null,
      overlap: d.policies.overlap ?? 'SKIP',
      catchupWindowMs: d.policies.catchupWindow,
      nextActionTimes: d.info.nextActionTimes.slice(0, 3).map((t) => t.toISOString()),
      recentActions: d.info.recentActions
        .slice(-5)
        .map((a) => ({ scheduledAt: a.scheduledAt.toISOString(), workflowId: a.action.workflow.workflowId })),
      actionsTaken: d.info.numActionsTaken,
      skippedOverlap: d.info.numActionsSkippedOverlap,
      missedCatchupWindow: d.info.numActionsMissedCatchupWindow,
    });
  }
  return states;
}
