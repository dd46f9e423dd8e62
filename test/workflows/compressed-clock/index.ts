// Compressed time for snapshot Schedules, injected by the test or benchmark that needs it (production
// schedules and workflow inputs know nothing of it):
//   1. `compressSchedule` updates a schedule made by the normal install so that it ticks every
//      `tickMs` between startAt and endAt, and puts the clock into the action's memo;
//   2. `writeCompressedClockBundle` bundles the production workflows plus interceptor.ts, which maps each
//      action's nominal time to its compressed window by setting the production input `scheduledAt`.
//      Workers that should run the compressed schedule load that bundle (WORKFLOW_BUNDLE_PATH).
import fs from 'node:fs';
import path from 'node:path';
import type { ScheduleHandle } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { COMPRESSED_CLOCK_MEMO, type CompressedClock } from './clock';

export { compressedWindowStart, type CompressedClock } from './clock';

const WORKFLOWS_PATH = path.join(__dirname, '..', '..', '..', 'workflows', 'index.ts');
const INTERCEPTOR = path.join(__dirname, 'interceptor.ts');
const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Writes the workflow bundle with the compressed-clock interceptor to `outFile`; returns outFile. */
export async function writeCompressedClockBundle(outFile: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, workflowInterceptorModules: [INTERCEPTOR], logger: silent });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, code);
  return outFile;
}

/**
 * Makes an installed snapshot schedule tick every `clock.tickMs` from startAt (inclusive) to endAt,
 * its actions carrying the clock; policies, task queue, arguments and state stay as installed.
 */
export async function compressSchedule(handle: ScheduleHandle, clock: CompressedClock, bounds: { startAt: Date; endAt: Date }): Promise<void> {
  await handle.update((previous) => ({
    ...previous,
    spec: { intervals: [{ every: clock.tickMs, offset: clock.originMs % clock.tickMs }], startAt: bounds.startAt, endAt: bounds.endAt },
    action: {
      ...previous.action,
      searchAttributes: undefined,
      memo: { ...previous.action.memo, [COMPRESSED_CLOCK_MEMO]: clock },
    },
  }));
}
