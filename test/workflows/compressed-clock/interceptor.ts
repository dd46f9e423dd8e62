// Workflow interceptor module for tests and benchmarks that run snapshot Schedules in compressed time
// (bundled next to the production workflows by compressed-clock/index.ts, never by production).
// A scheduledSnapshotWorkflow started by a Schedule whose action memo carries a compressed clock gets
// `scheduledAt` — its ordinary production input — set to the window its nominal start time
// (TemporalScheduledStartTime) stands for under that clock. Everything else runs unchanged.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { isSnapshotType } from '../../../domain/snapshot-window';
import { COMPRESSED_CLOCK_MEMO, compressedWindowStart, isCompressedClock } from './clock';

const SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async execute(input, next) {
        const info = workflowInfo();
        const clock = info.memo?.[COMPRESSED_CLOCK_MEMO];
        const scheduled = info.typedSearchAttributes.get(SCHEDULED_START_TIME);
        const [first, ...rest] = input.args as [Record<string, unknown> | undefined, ...unknown[]];
        if (
          info.workflowType !== 'scheduledSnapshotWorkflow' ||
          !isCompressedClock(clock) ||
          !(scheduled instanceof Date) ||
          typeof first !== 'object' ||
          first === null ||
          first.scheduledAt !== undefined ||
          !isSnapshotType(first.type)
        ) {
          return next(input);
        }
        const scheduledAt = compressedWindowStart(first.type, scheduled.getTime(), clock);
        return next({ ...input, args: [{ ...first, scheduledAt }, ...rest] });
      },
    },
  ],
});
