// scheduledSnapshotWorkflow: what a snapshot Schedule starts (id scheduled-snapshot:{tenant}:{type}-{time}).
// The server appends the action time to a scheduled workflow's id, so this workflow maps the action's
// nominal time to its window and starts the canonical snapshot:{tenant}:{type}:{window} workflow as a
// child — the same id a manual start uses — then waits for it, so a schedule runs one window at a time
// and drift scans see windows in order. A failed window is started again (ALLOW_DUPLICATE_FAILED_ONLY);
// a window that is running or complete already is left alone.
import { defineSearchAttributeKey, SearchAttributeType, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ApplicationFailure,
  log,
  ParentClosePolicy,
  sleep,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { snapshotWorkflowId } from '../domain/workflow-ids';
import { failureReason } from './failure-reason';
import type { ScheduledSnapshotInput, ScheduledSnapshotResult } from './scheduled-snapshot-contract';
import { windowSearchAttributes } from './search-attributes';
import { snapshotWorkflow } from './snapshot';
import { scheduledSnapshotInputCheck, scheduledWindow, type ScheduledSnapshotSettings } from './workflow-inputs';

/** Set by the server on every workflow a Schedule starts: the action's nominal time. */
const SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

function validate(input: ScheduledSnapshotInput): ScheduledSnapshotSettings {
  const { problem, settings } = scheduledSnapshotInputCheck(input);
  if (!settings) throw ApplicationFailure.nonRetryable(`invalid scheduled snapshot input: ${problem}`, 'InvalidInput');
  return settings;
}

/** The action's nominal time: explicit input, else the schedule's search attribute, else this run's start. */
function scheduledTimeMs(input: ScheduledSnapshotInput): number {
  if (input.scheduledAt) return Date.parse(input.scheduledAt);
  const fromSchedule = workflowInfo().typedSearchAttributes.get(SCHEDULED_START_TIME);
  if (fromSchedule instanceof Date) return fromSchedule.getTime();
  return workflowInfo().runStartTime.getTime();
}

export async function scheduledSnapshotWorkflow(input: ScheduledSnapshotInput): Promise<ScheduledSnapshotResult> {
  const { attempts, retryDelayMs } = validate(input);
  const { tenantId, type } = input;
  const { windowStart, problem } = scheduledWindow(type, scheduledTimeMs(input));
  if (!windowStart) throw ApplicationFailure.nonRetryable(`invalid scheduled snapshot input: ${problem}`, 'InvalidInput');
  const childId = snapshotWorkflowId(tenantId, type, windowStart);
  const attributes = windowSearchAttributes(tenantId, type, windowStart);
  upsertSearchAttributes(attributes);
  log.info('scheduled snapshot', { tenantId, type, windowStart, snapshotWorkflowId: childId });

  for (let attempt = 1; ; attempt++) {
    try {
      const child = await startChild(snapshotWorkflow, {
        workflowId: childId,
        args: [{ tenantId, type, windowStart }],
        // The snapshot outlives this workflow if it is cancelled or terminated.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        typedSearchAttributes: attributes,
        memo: { tenantId },
      });
      const result = await child.result();
      return { windowStart, snapshotWorkflowId: childId, status: result.status, snapshotId: result.snapshotId, attempts: attempt };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        // Running (a manual start, a backfill) or complete already: one snapshot per window, not two.
        return { windowStart, snapshotWorkflowId: childId, status: 'ALREADY_STARTED', snapshotId: null, attempts: attempt };
      }
      const reason = failureReason(err);
      if (attempt >= attempts) {
        throw ApplicationFailure.nonRetryable(`snapshot of ${windowStart} failed ${attempt} time(s): ${reason}`, 'SnapshotFailed');
      }
      log.warn('scheduled snapshot failed; starting it again later', { tenantId, type, windowStart, attempt, reason });
      await sleep(retryDelayMs);
    }
  }
}
