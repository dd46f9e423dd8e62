// Every rule an input to jira-drift must satisfy, each with its one message: the programmatic client
// (wrapped for zod in client/input-schemas.ts), the CLI and the workflow input validators
// (workflows/workflow-inputs.ts) all use these, so a limit cannot differ between the client and the
// workflow. Pure and cheap to load: workflows import it, and every cached workflow pays for its top level.
import { parseDuration } from './duration';
import { isRecordId } from './record-id';
import { isSnapshotType, SNAPSHOT_TYPES } from './snapshot-window';
import { isTenantId } from './tenant-id';
import { DAY_MS, MINUTE_MS } from './time';

export interface ValueRule<T> {
  // A property, not a method: callers pass `rule.test` around unbound (zod refinements, filters).
  test: (value: unknown) => value is T;
  message: string;
}

export interface CountRule {
  min: number;
  max: number;
  default: number;
  message: string;
}

function countRule(name: string, min: number, max: number, defaultValue: number): CountRule {
  return { min, max, default: defaultValue, message: `${name} must be an integer from ${min} to ${max}` };
}

export const isCountIn = (rule: Pick<CountRule, 'min' | 'max'>, value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= rule.min && (value as number) <= rule.max;

export const TENANT_ID_RULE: ValueRule<string> = {
  test: isTenantId,
  message: 'tenant id must be 1-63 characters of a-z, 0-9 and "-", starting with a letter or digit',
};

export const SNAPSHOT_TYPE_RULE: ValueRule<(typeof SNAPSHOT_TYPES)[number]> = {
  test: isSnapshotType,
  message: `snapshot type must be one of ${SNAPSHOT_TYPES.join(', ')}`,
};

/** Database ids (snapshots, drift scans, drift events): positive integers, as text. */
export function recordIdRule(what: 'snapshot' | 'scan' | 'event'): ValueRule<string> {
  return { test: isRecordId, message: `${what} id must be a positive integer` };
}

export const DURATION_RULE: ValueRule<string | number> = {
  test: (v): v is string | number => parseDuration(v) !== undefined,
  message: 'must be a duration such as "12h", "15s" or milliseconds, at most a year',
};

export const WINDOW_START_MESSAGE = (type: string) => `windowStart must be the UTC start of a ${type} window, e.g. 2026-11-25T00:00:00Z`;

/** A task queue name as Temporal accepts it (non-empty, bounded). */
export const TASK_QUEUE_LENGTH = { min: 1, max: 200 } as const;

export const LIMITS = {
  /** Object keys compared per drift page. */
  driftPageSize: countRule('pageSize', 1, 500, 500),
  /** Pages per scan activity (each page heartbeats its cursor). */
  driftPagesPerActivity: countRule('pagesPerActivity', 1, 10_000, 100),
  /** Scan activities per run before continuing as new. */
  driftActivitiesPerRun: countRule('activitiesPerRun', 1, 1_000, 100),
  /** Drift events per page of `drift list`. */
  driftListPageSize: countRule('pageSize', 1, 500, 100),
  /** Token checks per run before continuing as new. */
  tokenMaxChecksPerRun: countRule('maxChecksPerRun', 1, 10_000, 100),
  /** Starts of a scheduled window's snapshot when earlier starts failed. */
  scheduledAttempts: countRule('attempts', 1, 20, 3),
  /** Durable wait between those starts. */
  scheduledRetryDelayMs: countRule('retryDelayMs', 1000, DAY_MS, 10 * MINUTE_MS),
  /** Windows one backfill may make. */
  backfillWindows: countRule('windows', 1, 1000, 1000),
} as const;

export const TOKEN_DEFAULTS = { checkEvery: '12h', refreshWithin: '24h' } as const;
