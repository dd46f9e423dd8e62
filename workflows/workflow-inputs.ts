// Validation of every workflow's input. Inputs arrive from the service's own client, but also from
// `temporal workflow start --input '…'` typed by an operator: anything JSON can hold. A TypeError in
// workflow code does not fail the workflow, it fails the workflow task over and over (a stuck
// workflow), so every field is checked here, as plain functions without the SDK, and the workflows
// turn the problems into one non-retryable InvalidInput failure. Unit tests fuzz these functions.
import { parseDuration } from '../domain/duration';
import {
  DURATION_RULE,
  isCountIn,
  LIMITS,
  recordIdRule,
  SNAPSHOT_TYPE_RULE,
  TENANT_ID_RULE,
  TOKEN_DEFAULTS,
  WINDOW_START_MESSAGE,
} from '../domain/input-rules';
import { windowForScheduledTime } from '../domain/snapshot-schedule';
import { isCanonicalWindowStart, isSnapshotType, type SnapshotType } from '../domain/snapshot-window';
import { driftScanWorkflowId, snapshotWorkflowId, tokenRefreshWorkflowId } from '../domain/workflow-ids';
import { TOKEN_STATES, type TokenState } from './token-refresh-contract';

type Fields = Record<string, unknown>;

const SNAPSHOT_ID = recordIdRule('snapshot');
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const fieldsOf = (input: unknown): Fields => (isObject(input) ? input : {});
const isCount = (v: unknown, min: number, max: number) => isCountIn({ min, max }, v);
const isOptionalCount = (v: unknown, rule: { min: number; max: number }) => v === undefined || isCountIn(rule, v);

export function snapshotInputProblems(input: unknown, workflowId: string): string[] {
  const i = fieldsOf(input);
  const problems: string[] = [];
  if (!TENANT_ID_RULE.test(i.tenantId)) problems.push(TENANT_ID_RULE.message);
  if (!SNAPSHOT_TYPE_RULE.test(i.type)) problems.push(SNAPSHOT_TYPE_RULE.message);
  else if (typeof i.windowStart !== 'string' || !isCanonicalWindowStart(i.type, i.windowStart)) problems.push(WINDOW_START_MESSAGE(i.type));
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
    recordIdRule('scan').test(v.scanId) &&
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
  if (!TENANT_ID_RULE.test(i.tenantId)) problems.push(TENANT_ID_RULE.message);
  if (!SNAPSHOT_ID.test(i.baseSnapshotId) || !SNAPSHOT_ID.test(i.targetSnapshotId)) problems.push(`${SNAPSHOT_ID.message} (as text)`);
  else if (i.baseSnapshotId === i.targetSnapshotId) problems.push('base and target snapshots must differ');
  for (const [field, rule] of [
    ['pageSize', LIMITS.driftPageSize],
    ['pagesPerActivity', LIMITS.driftPagesPerActivity],
    ['activitiesPerRun', LIMITS.driftActivitiesPerRun],
  ] as const) {
    if (!isOptionalCount(i[field], rule)) problems.push(rule.message);
  }
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

/**
 * `legacyUnboundedMaxChecks`: runs started before maxChecksPerRun had the client's upper bound replay
 * without it (the workflow decides with patched()).
 */
export function tokenRefreshInputCheck(
  input: unknown,
  workflowId: string,
  opts: { legacyUnboundedMaxChecks?: boolean } = {},
): { problems: string[]; settings?: TokenRefreshSettings } {
  const i = fieldsOf(input);
  const problems: string[] = [];
  if (!TENANT_ID_RULE.test(i.tenantId)) problems.push(TENANT_ID_RULE.message);
  const checkEveryMs = parseDuration(i.checkEvery ?? TOKEN_DEFAULTS.checkEvery);
  const refreshWithinMs = parseDuration(i.refreshWithin ?? TOKEN_DEFAULTS.refreshWithin);
  const maxChecksPerRun = i.maxChecksPerRun ?? LIMITS.tokenMaxChecksPerRun.default;
  if (checkEveryMs === undefined) problems.push(`checkEvery ${DURATION_RULE.message}`);
  if (refreshWithinMs === undefined) problems.push(`refreshWithin ${DURATION_RULE.message}`);
  const maxChecksRule = opts.legacyUnboundedMaxChecks
    ? { ...LIMITS.tokenMaxChecksPerRun, max: Number.MAX_SAFE_INTEGER }
    : LIMITS.tokenMaxChecksPerRun;
  if (!isCountIn(maxChecksRule, maxChecksPerRun)) problems.push(LIMITS.tokenMaxChecksPerRun.message);
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
  if (!TENANT_ID_RULE.test(i.tenantId)) return { problem: TENANT_ID_RULE.message };
  if (!SNAPSHOT_TYPE_RULE.test(i.type)) return { problem: SNAPSHOT_TYPE_RULE.message };
  if (
    i.scheduledAt !== undefined &&
    !(typeof i.scheduledAt === 'string' && ISO_INSTANT.test(i.scheduledAt) && Number.isFinite(Date.parse(i.scheduledAt)))
  ) {
    return { problem: 'scheduledAt must be a UTC ISO instant such as 2026-11-25T13:00:00Z' };
  }
  const attempts = i.attempts ?? LIMITS.scheduledAttempts.default;
  const retryDelayMs = i.retryDelayMs ?? LIMITS.scheduledRetryDelayMs.default;
  if (!isCountIn(LIMITS.scheduledAttempts, attempts)) return { problem: LIMITS.scheduledAttempts.message };
  if (!isCountIn(LIMITS.scheduledRetryDelayMs, retryDelayMs)) return { problem: LIMITS.scheduledRetryDelayMs.message };
  return { settings: { attempts: attempts, retryDelayMs: retryDelayMs } };
}

/**
 * The window a scheduled action snapshots, or why there is none: a hand-made clock (or scheduledAt)
 * can map the action outside the dates JavaScript can represent, which would throw inside the workflow.
 */
export function scheduledWindow(type: SnapshotType, scheduledMs: number): { windowStart?: string; problem?: string } {
  const problem = 'the schedule time maps to no representable window';
  try {
    const windowStart = windowForScheduledTime(type, scheduledMs);
    // Years outside 0000-9999 print in the extended ISO form, which no snapshot accepts.
    return isCanonicalWindowStart(type, windowStart) ? { windowStart } : { problem };
  } catch {
    return { problem };
  }
}
