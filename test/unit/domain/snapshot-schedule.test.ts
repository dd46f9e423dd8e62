// Schedule ids, intervals aligned with the snapshot windows, and action time → window mapping.
import { compressedWindowStart } from '../../workflows/compressed-clock/clock';
import fc from 'fast-check';
import {
  catchupWindowMs,
  parseSnapshotScheduleId,
  scheduleInterval,
  snapshotScheduleId,
  windowForScheduledTime,
} from '../../../domain/snapshot-schedule';
import { floorToWindow, formatWindowStart, SNAPSHOT_TYPES } from '../../../domain/snapshot-window';

test('schedule ids round-trip', () => {
  for (const type of SNAPSHOT_TYPES) expect(parseSnapshotScheduleId(snapshotScheduleId('acme-1', type))).toEqual({ tenantId: 'acme-1', type });
  expect(parseSnapshotScheduleId('snapshot-schedule:acme:monthly')).toBeUndefined();
  expect(parseSnapshotScheduleId('other')).toBeUndefined();
});

test('every interval action time is the start of a window (weekly on Mondays)', () => {
  for (const type of SNAPSHOT_TYPES) {
    const { everyMs, offsetMs } = scheduleInterval(type);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (k) => {
        const t = 1_700_000_000_000 - (1_700_000_000_000 % everyMs) + offsetMs + k * everyMs;
        return floorToWindow(type, t) === t && windowForScheduledTime(type, t) === formatWindowStart(t);
      }),
    );
  }
  expect(new Date(scheduleInterval('weekly').offsetMs).getUTCDay()).toBe(1);
  expect(catchupWindowMs('hourly')).toBe(7 * 86_400_000);
  expect(catchupWindowMs('weekly')).toBe(14 * 86_400_000);
});

test('an action time inside a window (e.g. jittered) maps to that window', () => {
  expect(windowForScheduledTime('daily', Date.parse('2026-11-25T00:04:59.123Z'))).toBe('2026-11-25T00:00:00Z');
  expect(windowForScheduledTime('weekly', Date.parse('2026-11-26T10:00:00Z'))).toBe('2026-11-23T00:00:00Z');
});

test('the compressed clock the schedule tests inject maps consecutive ticks to consecutive windows', () => {
  const clock = { tickMs: 5000, originMs: 1_000_000, originWindowStart: '2026-03-02T00:00:00Z' };
  expect([0, 5000, 10_000, 12_500].map((d) => compressedWindowStart('hourly', 1_000_000 + d, clock))).toEqual([
    '2026-03-02T00:00:00Z',
    '2026-03-02T01:00:00Z',
    '2026-03-02T02:00:00Z',
    '2026-03-02T02:00:00Z',
  ]);
});
