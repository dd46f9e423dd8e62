// How long named activities took in one workflow execution, from its history: the time from each
// ActivityTaskScheduled event to its ActivityTaskCompleted event (queueing, retries and the call).
import type { WorkflowHandle } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';

/** Milliseconds from scheduled to completed, summed per activity type, for the given types. */
export async function activityMs(handle: WorkflowHandle, types: string[]): Promise<Record<string, number>> {
  const events = (await handle.fetchHistory()).events ?? [];
  const scheduled = new Map<string, { type: string; at: number }>();
  const totals: Record<string, number> = Object.fromEntries(types.map((t) => [t, 0]));
  for (const e of events) {
    const type = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (type && types.includes(type)) scheduled.set(String(e.eventId), { type, at: tsToMs(e.eventTime) });
    const done = e.activityTaskCompletedEventAttributes;
    const start = done ? scheduled.get(String(done.scheduledEventId)) : undefined;
    if (start) totals[start.type]! += tsToMs(e.eventTime) - start.at;
  }
  return totals;
}

/** When the last activity of each given type completed (ms since epoch), from the history. */
export async function lastCompletedAt(handle: WorkflowHandle, types: string[]): Promise<Record<string, number>> {
  const events = (await handle.fetchHistory()).events ?? [];
  const typeOf = new Map<string, string>();
  const last: Record<string, number> = {};
  for (const e of events) {
    const type = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (type && types.includes(type)) typeOf.set(String(e.eventId), type);
    const done = e.activityTaskCompletedEventAttributes;
    const doneType = done ? typeOf.get(String(done.scheduledEventId)) : undefined;
    if (doneType) last[doneType] = tsToMs(e.eventTime);
  }
  return last;
}
