// A compressed schedule clock, for tests and benchmarks only: every `tickMs` of schedule time is one
// whole window, counted from `originMs` (which maps to `originWindowStart`). Pure, so the workflow
// interceptor (interceptor.ts, inside the workflow sandbox) and the Node side share it.
import { formatWindowStart, windowLengthMs, type SnapshotType } from '../../../domain/snapshot-window';

export interface CompressedClock {
  tickMs: number;
  originMs: number;
  originWindowStart: string;
}

/** The memo key under which the compressed schedule's actions carry their clock. */
export const COMPRESSED_CLOCK_MEMO = 'testCompressedClock';

/** The window a schedule action with this nominal time stands for under the compressed clock. */
export function compressedWindowStart(type: SnapshotType, scheduledMs: number, clock: CompressedClock): string {
  const ticks = Math.floor((scheduledMs - clock.originMs) / clock.tickMs);
  return formatWindowStart(Date.parse(clock.originWindowStart) + ticks * windowLengthMs(type));
}

export function isCompressedClock(value: unknown): value is CompressedClock {
  const c = value as CompressedClock | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    Number.isInteger(c.tickMs) &&
    c.tickMs > 0 &&
    Number.isInteger(c.originMs) &&
    typeof c.originWindowStart === 'string'
  );
}
