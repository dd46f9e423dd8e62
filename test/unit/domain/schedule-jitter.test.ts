// Schedule jitter configuration (domain/snapshot-schedule.ts, JIRA_DRIFT_SCHEDULE_JITTER) and what
// install puts in the schedule.
import { snapshotScheduleOptions } from '../../../client/snapshot-schedules';
import { loadEnv } from '../../../config/env';
import { DEFAULT_SCHEDULE_JITTER_MS, MAX_SCHEDULE_JITTER_MS, parseScheduleJitter } from '../../../domain/snapshot-schedule';

test('unset means the default of a few minutes; 0 turns jitter off; durations up to half an hour', () => {
  expect(DEFAULT_SCHEDULE_JITTER_MS).toBe(5 * 60_000);
  expect(parseScheduleJitter(undefined)).toBe(DEFAULT_SCHEDULE_JITTER_MS);
  expect(parseScheduleJitter('')).toBe(DEFAULT_SCHEDULE_JITTER_MS);
  expect(parseScheduleJitter('0')).toBe(0);
  expect(parseScheduleJitter(0)).toBe(0);
  expect(parseScheduleJitter('90s')).toBe(90_000);
  expect(parseScheduleJitter('30m')).toBe(MAX_SCHEDULE_JITTER_MS);
});

test.each(['31m', '2h', '-5m', 'five minutes', '5 min', '1e3', 'NaN'])('jitter %j is refused', (value) => {
  expect(parseScheduleJitter(value)).toBeUndefined();
});

test('JIRA_DRIFT_SCHEDULE_JITTER is read once at start; a bad value is one line naming the key', () => {
  expect(loadEnv({}).JIRA_DRIFT_SCHEDULE_JITTER).toBe(DEFAULT_SCHEDULE_JITTER_MS);
  expect(loadEnv({ JIRA_DRIFT_SCHEDULE_JITTER: '2m' }).JIRA_DRIFT_SCHEDULE_JITTER).toBe(120_000);
  expect(() => loadEnv({ JIRA_DRIFT_SCHEDULE_JITTER: '2h' })).toThrow(
    /^invalid environment configuration: JIRA_DRIFT_SCHEDULE_JITTER: schedule jitter must be/,
  );
});

test('install puts the jitter in the spec and in the fingerprint (a changed jitter updates the schedule)', () => {
  const target = { tenantId: 'acme', siteUrl: 'https://acme.atlassian.net', taskQueue: 'jira-drift' };
  const fingerprint = (o: ReturnType<typeof snapshotScheduleOptions>) => (o.action.memo as Record<string, unknown>).scheduleConfig;
  const byDefault = snapshotScheduleOptions(target, 'hourly');
  expect(byDefault.spec.jitter).toBe(DEFAULT_SCHEDULE_JITTER_MS);
  const off = snapshotScheduleOptions({ ...target, jitterMs: 0 }, 'hourly');
  expect(off.spec.jitter).toBe(0);
  expect(fingerprint(off)).not.toBe(fingerprint(byDefault));
  expect(fingerprint(snapshotScheduleOptions({ ...target, jitterMs: DEFAULT_SCHEDULE_JITTER_MS }, 'hourly'))).toBe(fingerprint(byDefault));
  // The interval (and so each action's nominal time, which makes the window) does not depend on jitter.
  expect(off.spec.intervals).toEqual(byDefault.spec.intervals);
});
