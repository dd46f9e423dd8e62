// Validation of every workflow's input. Inputs arrive from the service's own client, but also from
// `temporal workflow start --input '…'` typed by an operator: anything JSON can hold. A TypeError in
// workflow code does not fail the workflow, it fails the workflow task over and over (a stuck
// workflow), so every field is checked here, as plain functions without the SDK, and the workflows
// turn the problems into one non-retryable InvalidInput failure. Unit tests fuzz these functions.
import { parseDuration } from '../domain/duration';
import { isRecordId } from '../domain/record-id';
import { isScheduleClock, windowForScheduledTime, type ScheduleClock } from '../domain/snapshot-schedule';
import { isCanonicalWindowStart, isSnapshotType, type SnapshotType } from '../domain/snapshot-window';
import { isTenantId } from '../domain/tenant-id';
import { driftScanWorkflowId, snapshotWorkflowId, tokenRefreshWorkflowId } from '../domain/workflow-ids';
import { DRIFT_PAGE_SIZE } from './drift-scan-contract';
import { SCHEDULED_SNAPSHOT_DEFAULTS } from './scheduled-snapshot-contract';
import { DEFAULT_CHECK_EVERY, DEFAULT_MAX_CHECKS_PER_RUN, DEFAULT_REFRESH_WITHIN, TOKEN_STATES, type TokenState } from './token-refresh-contract';

type Fields = Record<string, unknown>;

const TENANT_PROBLEM = 'tenantId must match ^[a-z0-9][a-z0-9-]{0,62}$';
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const fieldsOf = (input: unknown): Fields => (isObject(input) ? input : {});
const isCount = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isOptionalCount = (v: unknown, min: number, max: number) => v === undefined || isCount(v, min, max);

export function snapshotInputProblems(input: unknown, workflowId: string): string[] {
  const i = fieldsOf(input);
  const problems: string[] = [];
  if (!isTenantId(i.tenantId)) problems.push(TENANT_PROBLEM);
  if (!isSnapshotType(i.type)) problems.push('type must be hourly, daily or weekly');
  else if (typeof i.windowStart !== 'string' || !isCanonicalWindowStart(i.type, i.windowStart)) {
    problems.push(`windowStart must be the UTC start of a ${i.type} window, e.g. 2026-11-25T00:00:00Z`);
  }
  if (problems.length === 0) {
    // Any other id would defeat the one-run-per-window guarantee.
    const expected = snapshotWorkflowId(i.tenantId as string, i.type as never, i.windowStart as string);
    if (workflowId !== expected) problems.push(`workflow id must be ${expected}`);
  }
  return problems;
}

function isDriftCarried(v: unknown): boolean {
  if (!isObject(v)) return false;
  const totals = v.totals;
  return (
    isRecordId(v.scanId) &&
    isSnapshotType(v.snapshotType) &&
    typeof v.windowStart === 'string' &&
    isCanonicalWindowStart(v.snapshotType, v.windowStart) &&
    typeof v.cursor === 'string' &&
    isCount(v.runs, 1, Number.MAX_SAFE_INTEGER) &&
    isObject(totals) &&
    ['compared', 'added', 'removed', 'modified'].every((k) => isCount(totals[k], 0, Number.MAX_SAFE_INTEGER))
  );
}

export function driftScanInputProblems(input: unknown, workflowId: string): string[] {
  const i = fieldsOf(input);
  const problems: string[] = [];
  if (!isTenantId(i.tenantId)) problems.push(TENANT_PROBLEM);
  if (!isRecordId(i.baseSnapshotId) || !isRecordId(i.targetSnapshotId)) problems.push('snapshot ids must be positive integers as strings');
  else if (i.baseSnapshotId === i.targetSnapshotId) problems.push('base and target snapshots must differ');
  if (!isOptionalCount(i.pageSize, DRIFT_PAGE_SIZE.min, DRIFT_PAGE_SIZE.max)) problems.push('pageSize must be an integer from 1 to 500');
  if (!isOptionalCount(i.pagesPerActivity, 1, 10_000)) problems.push('pagesPerActivity must be an integer from 1 to 10000');
  if (!isOptionalCount(i.activitiesPerRun, 1, 1_000)) problems.push('activitiesPerRun must be an integer from 1 to 1000');
  // Set only by continue-as-new; the scan's activities also check it belongs to this tenant and pair.
  if (i.carried !== undefined && !isDriftCarried(i.carried)) problems.push('carried is set by continue-as-new only and is malformed');
  if (problems.length === 0) {
    const expected = driftScanWorkflowId(i.tenantId as string, i.baseSnapshotId as string, i.targetSnapshotId as string);
    if (workflowId !== expected) problems.push(`workflow id must be ${expected}`);
  }
  return problems;
}

export interface TokenRefreshSettings {
  checkEveryMs: number;
  refreshWithinMs: number;
  maxChecksPerRun: number;
}

/**
 * The fields a continued run reads before it writes them: deliberately no stricter, so a state carried
 * by an older version of the workflow still passes.
 */
function isTokenCarried(v: unknown, tenantId: unknown): boolean {
  if (!isObject(v) || !isObject(v.status) || (v.pending !== undefined && !isObject(v.pending))) return false;
  const s = v.status;
  return (
    (s.tenantId === undefined || s.tenantId === tenantId) &&
    TOKEN_STATES.includes(s.state as TokenState) &&
    isCount(s.runs, 1, Number.MAX_SAFE_INTEGER) &&
    isCount(s.consecutiveFailures, 0, Number.MAX_SAFE_INTEGER) &&
    isObject(s.signalsReceived) &&
    isCount(s.signalsReceived.refreshNow, 0, Number.MAX_SAFE_INTEGER) &&
    isCount(s.signalsReceived.credentialsUpdated, 0, Number.MAX_SAFE_INTEGER)
  );
}

export function tokenRefreshInputCheck(input: unknown, workflowId: string): { problems: string[]; settings?: TokenRefreshSettings } {
  const i = fieldsOf(input);
  const problems: string[] = [];
  if (!isTenantId(i.tenantId)) problems.push(TENANT_PROBLEM);
  const checkEveryMs = parseDuration(i.checkEvery ?? DEFAULT_CHECK_EVERY);
  const refreshWithinMs = parseDuration(i.refreshWithin ?? DEFAULT_REFRESH_WITHIN);
  const maxChecksPerRun = i.maxChecksPerRun ?? DEFAULT_MAX_CHECKS_PER_RUN;
  if (checkEveryMs === undefined) problems.push('checkEvery must be a duration such as "12h" or "15s"');
  if (refreshWithinMs === undefined) problems.push('refreshWithin must be a duration such as "24h" or "30s"');
  if (!isCount(maxChecksPerRun, 1, Number.MAX_SAFE_INTEGER)) problems.push('maxChecksPerRun must be a positive integer');
  if (i.carried !== undefined && !isTokenCarried(i.carried, i.tenantId)) problems.push('carried is set by continue-as-new only and is malformed');
  if (problems.length === 0) {
    // One token workflow per tenant: any other id would allow two refresh loops for one grant.
    const expected = tokenRefreshWorkflowId(i.tenantId as string);
    if (workflowId !== expected) problems.push(`workflow id must be ${expected}`);
  }
  if (problems.length > 0) return { problems };
  return { problems, settings: { checkEveryMs: checkEveryMs!, refreshWithinMs: refreshWithinMs!, maxChecksPerRun: maxChecksPerRun as number } };
}

export interface ScheduledSnapshotSettings {
  attempts: number;
  retryDelayMs: number;
}

/** The first problem only (the workflow's failure message has always named one). */
export function scheduledSnapshotInputCheck(input: unknown): { problem?: string; settings?: ScheduledSnapshotSettings } {
  const i = fieldsOf(input);
  if (!isTenantId(i.tenantId)) return { problem: TENANT_PROBLEM };
  if (!isSnapshotType(i.type)) return { problem: 'type must be hourly, daily or weekly' };
  if (i.scheduledAt !== undefined && !(typeof i.scheduledAt === 'string' && ISO_INSTANT.test(i.scheduledAt) && Number.isFinite(Date.parse(i.scheduledAt)))) {
    return { problem: 'scheduledAt must be a UTC ISO instant such as 2026-11-25T13:00:00Z' };
  }
  if (i.clock !== undefined && !isScheduleClock(i.type, i.clock)) return { problem: 'clock is malformed' };
  const attempts = i.attempts ?? SCHEDULED_SNAPSHOT_DEFAULTS.attempts;
  const retryDelayMs = i.retryDelayMs ?? SCHEDULED_SNAPSHOT_DEFAULTS.retryDelayMs;
  if (!isCount(attempts, 1, 20)) return { problem: 'attempts must be an integer from 1 to 20' };
  if (!isCount(retryDelayMs, 1000, 86_400_000)) return { problem: 'retryDelayMs must be 1000..86400000' };
  return { settings: { attempts: attempts as number, retryDelayMs: retryDelayMs as number } };
}

/**
 * The window a scheduled action snapshots, or why there is none: a hand-made clock (or scheduledAt)
 * can map the action outside the dates JavaScript can represent, which would throw inside the workflow.
 */
export function scheduledWindow(type: SnapshotType, scheduledMs: number, clock?: ScheduleClock): { windowStart?: string; problem?: string } {
  const problem = 'the schedule time (or clock) maps to no representable window';
  try {
    const windowStart = windowForScheduledTime(type, scheduledMs, clock);
    // Years outside 0000-9999 print in the extended ISO form, which no snapshot accepts.
    return isCanonicalWindowStart(type, windowStart) ? { windowStart } : { problem };
  } catch {
    return { problem };
  }
}
