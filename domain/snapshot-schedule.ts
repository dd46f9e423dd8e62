// Snapshot schedules: ids, the interval of each snapshot type, the catch-up window, and the mapping
// from a schedule action's time to the snapshot window it makes. Pure (no Node imports) so the
// scheduled workflow, the client and the tests share it.
import { parseDuration } from './duration';
import { DAY_MS } from './time';
import { floorToWindow, formatWindowStart, windowLengthMs, type SnapshotType } from './snapshot-window';

/** One Temporal Schedule per tenant and snapshot type. */
export function snapshotScheduleId(tenantId: string, type: SnapshotType): string {
  return `snapshot-schedule:${tenantId}:${type}`;
}

export const SNAPSHOT_SCHEDULE_PREFIX = 'snapshot-schedule:';

/** Parses a schedule id made by snapshotScheduleId (undefined for any other schedule). */
export function parseSnapshotScheduleId(scheduleId: string): { tenantId: string; type: SnapshotType } | undefined {
  const match = /^snapshot-schedule:([a-z0-9][a-z0-9-]{0,62}):(hourly|daily|weekly)$/.exec(scheduleId);
  return match ? { tenantId: match[1]!, type: match[2] as SnapshotType } : undefined;
}

/**
 * Base id of the small workflow a schedule starts; the server appends `-{action time}` to it, which is
 * why the schedule cannot start the canonical `snapshot:{tenant}:{type}:{window}` workflow itself.
 */
export function scheduledSnapshotWorkflowIdBase(tenantId: string, type: SnapshotType): string {
  return `scheduled-snapshot:${tenantId}:${type}`;
}

/**
 * Schedule intervals aligned with the windows of domain/snapshot-window.ts: Temporal interval specs are
 * aligned to the Unix epoch (a Thursday), so weekly actions take a 4-day offset to land on Monday 00:00 UTC.
 */
export function scheduleInterval(type: SnapshotType): { everyMs: number; offsetMs: number } {
  return { everyMs: windowLengthMs(type), offsetMs: type === 'weekly' ? 4 * DAY_MS : 0 };
}

/**
 * How late an action missed while the Temporal server (or its scheduler) was unavailable may still be
 * taken: at least a week, and at least two windows. (Workers being down does not make the scheduler
 * miss anything: it starts the action on time and the run waits in the task queue; see the overlap
 * policy in client/snapshot-schedules.ts.)
 */
export function catchupWindowMs(type: SnapshotType): number {
  return Math.max(7 * DAY_MS, 2 * windowLengthMs(type));
}

/** The window a schedule action with this (nominal) time snapshots: the window that contains it. */
export function windowForScheduledTime(type: SnapshotType, scheduledMs: number): string {
  return formatWindowStart(floorToWindow(type, scheduledMs));
}

/**
 * Schedule jitter: each action starts at a random moment up to this long after its nominal time, so a
 * fleet's hourly (or daily) actions do not all start at :00. The window still comes from the nominal
 * time (the server sets TemporalScheduledStartTime to it; workflows/scheduled-snapshot.ts).
 */
export const DEFAULT_SCHEDULE_JITTER_MS = 5 * 60_000;
/** Half the shortest window (hourly): an action always starts inside the window it snapshots. */
export const MAX_SCHEDULE_JITTER_MS = 30 * 60_000;

export const SCHEDULE_JITTER_MESSAGE = `schedule jitter must be 0 (off) or a duration such as "5m" of at most ${MAX_SCHEDULE_JITTER_MS / 60_000}m`;

/** The jitter in ms for a configured value (unset = the default), or undefined when it is not valid. */
export function parseScheduleJitter(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return DEFAULT_SCHEDULE_JITTER_MS;
  if (value === 0 || (typeof value === 'string' && value.trim() === '0')) return 0;
  const ms = parseDuration(value);
  return ms !== undefined && ms <= MAX_SCHEDULE_JITTER_MS ? ms : undefined;
}
