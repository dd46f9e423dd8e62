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
import { isScheduleClock, windowForScheduledTime } from '../domain/snapshot-schedule';
import { isSnapshotType } from '../domain/snapshot-window';
import { isTenantId } from '../domain/tenant-id';
import { snapshotWorkflowId } from '../domain/workflow-ids';
import { failureReason } from './failure-reason';
import { SCHEDULED_SNAPSHOT_DEFAULTS, type ScheduledSnapshotInput, type ScheduledSnapshotResult } from './scheduled-snapshot-contract';
import { SNAPSHOT_TYPE, TENANT_ID, WINDOW_START } from './search-attributes';
import { snapshotWorkflow } from './snapshot';

/** Set by the server on every workflow a Schedule starts: the action's nominal time. */
const SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function invalid(problem: string): never {
  throw ApplicationFailure.nonRetryable(`invalid scheduled snapshot input: ${problem}`, 'InvalidInput');
}

function validate(input: ScheduledSnapshotInput): { attempts: number; retryDelayMs: number } {
  if (!isTenantId(input?.tenantId)) invalid('tenantId must match ^[a-z0-9][a-z0-9-]{0,62}$');
  if (!isSnapshotType(input.type)) invalid('type must be hourly, daily or weekly');
  if (input.scheduledAt !== undefined && !(typeof input.scheduledAt === 'string' && ISO_INSTANT.test(input.scheduledAt))) {
    invalid('scheduledAt must be a UTC ISO instant such as 2026-11-25T13:00:00Z');
  }
  if (input.clock !== undefined && !isScheduleClock(input.type, input.clock)) invalid('clock is malformed');
  const attempts = input.attempts ?? SCHEDULED_SNAPSHOT_DEFAULTS.attempts;
  const retryDelayMs = input.retryDelayMs ?? SCHEDULED_SNAPSHOT_DEFAULTS.retryDelayMs;
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20) invalid('attempts must be an integer from 1 to 20');
  if (!Number.isInteger(retryDelayMs) || retryDelayMs < 1000 || retryDelayMs > 86_400_000) invalid('retryDelayMs must be 1000..86400000');
  return { attempts, retryDelayMs };
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
  const windowStart = windowForScheduledTime(type, scheduledTimeMs(input), input.clock);
  const childId = snapshotWorkflowId(tenantId, type, windowStart);
  const attributes = [
    { key: TENANT_ID, value: tenantId },
    { key: SNAPSHOT_TYPE, value: type },
    { key: WINDOW_START, value: new Date(windowStart) },
  ];
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
