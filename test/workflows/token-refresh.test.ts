// tokenRefreshWorkflow's own logic with a mocked check activity: failure backoff, reauth_required and
// the resume on credentialsUpdated, refreshNow, grant expiry, continue-as-new. Durations are an hour
// (so no timer fires during a test) or a second (to see the timer drive the loop); signals do the rest.
// End to end against jira-sim and PostgreSQL: test/integration/token-refresh.test.ts.
import { ApplicationFailure } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import type { CheckTokenInput, CheckTokenResult, TokenCheckOutcome } from '../../activities/credentials/token-activities';
import { TOKEN_STATE } from '../../workflows/search-attributes';
import type { TokenRefreshInput, TokenStatus } from '../../workflows/token-refresh-contract';
import { executionStatuses, resultWithin, useWorkflowTestEnv, waitForQuery, type MockActivities } from './workflow-test-env';

const t = useWorkflowTestEnv();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let tenants = 0;
const newTenant = () => `tok-${++tenants}`;

/** What the real activity returns, with `over` applied. */
function checkResult(outcome: TokenCheckOutcome, over: Partial<CheckTokenResult> = {}): CheckTokenResult {
  return {
    outcome,
    reason: null,
    accessExpiresAt: new Date(Date.now() + HOUR).toISOString(),
    lastRefreshAt: new Date().toISOString(),
    grantIssuedAt: new Date(Date.now() - DAY).toISOString(),
    credentialVersion: '1',
    writeScopes: [],
    writeScopesAllowed: false,
    ...over,
  };
}

/** A check activity whose next answer the test sets; every call is recorded. */
function scriptedCheck(initial: () => CheckTokenResult) {
  const calls: CheckTokenInput[] = [];
  let answer = initial;
  const activities: MockActivities = {
    async checkAndRefreshToken(input: CheckTokenInput) {
      calls.push(input);
      return answer();
    },
  };
  return { calls, activities, answer: (next: () => CheckTokenResult) => (answer = next) };
}

const tokenEndpointDown = () => {
  // Non-retryable so the local activity's own retries (seconds) do not slow the test: the workflow
  // sees the same thing as after the real activity's last attempt.
  throw ApplicationFailure.nonRetryable('token endpoint answered 503', 'TokenEndpointError');
};

function start(taskQueue: string, input: TokenRefreshInput): Promise<WorkflowHandle> {
  return t.client.workflow.start('tokenRefreshWorkflow', { workflowId: `token-refresh:${input.tenantId}`, taskQueue, args: [input] });
}

const status = (handle: WorkflowHandle, accept: (s: TokenStatus) => boolean, what: string) =>
  waitForQuery<TokenStatus>(handle, 'status', accept, what);
const waitMs = (s: TokenStatus) => Date.parse(s.nextCheckAt!) - Date.parse(s.lastCheckAt!);
const tokenState = async (handle: WorkflowHandle) => (await handle.describe()).typedSearchAttributes.get(TOKEN_STATE);

test('a failing token endpoint: refresh_failing, waits 30 s, 60 s, 120 s (capped at checkEvery), one success resets it', async () => {
  const check = scriptedCheck(tokenEndpointDown);
  await t.withWorker(check.activities, async (taskQueue) => {
    const handle = await start(taskQueue, { tenantId: newTenant(), checkEvery: '1h', refreshWithin: '1m' });
    let s = await status(handle, (x) => x.consecutiveFailures === 1 && x.nextCheckAt !== null, 'first failure');
    expect(s).toMatchObject({ state: 'refresh_failing', lastError: expect.stringMatching(/503/), refreshes: 0 });
    expect(waitMs(s)).toBeGreaterThanOrEqual(30_000);
    expect(waitMs(s)).toBeLessThan(60_000);
    expect(await tokenState(handle)).toBe('refresh_failing');

    // refreshNow stands in for the timer: the next failures double the wait.
    await handle.signal('refreshNow');
    s = await status(handle, (x) => x.consecutiveFailures === 2 && x.nextCheckAt !== null, 'second failure');
    expect(waitMs(s)).toBeGreaterThanOrEqual(60_000);
    expect(waitMs(s)).toBeLessThan(120_000);
    await handle.signal('refreshNow');
    s = await status(handle, (x) => x.consecutiveFailures === 3 && x.nextCheckAt !== null, 'third failure');
    expect(waitMs(s)).toBeGreaterThanOrEqual(120_000);
    expect(waitMs(s)).toBeLessThan(240_000);

    check.answer(() => checkResult('refreshed'));
    await handle.signal('refreshNow');
    s = await status(handle, (x) => x.state === 'active' && x.nextCheckAt !== null, 'recovered');
    expect(s).toMatchObject({ consecutiveFailures: 0, lastError: null, refreshes: 1 });
    expect(waitMs(s)).toBeGreaterThanOrEqual(HOUR);
    expect(await tokenState(handle)).toBe('active');
    await handle.terminate('test done');
  });

  // The backoff never waits longer than checkEvery.
  const capped = scriptedCheck(tokenEndpointDown);
  await t.withWorker(capped.activities, async (taskQueue) => {
    const handle = await start(taskQueue, { tenantId: newTenant(), checkEvery: '45s', refreshWithin: '1m' });
    await status(handle, (x) => x.consecutiveFailures === 1 && x.nextCheckAt !== null, 'first failure');
    await handle.signal('refreshNow');
    const s = await status(handle, (x) => x.consecutiveFailures === 2 && x.nextCheckAt !== null, 'second failure');
    expect(waitMs(s)).toBeGreaterThanOrEqual(45_000);
    expect(waitMs(s)).toBeLessThan(60_000);
    await handle.terminate('test done');
  });
});

test('the durable timer drives the checks: failing twice, then refreshed, with no signal', async () => {
  let calls = 0;
  const check = scriptedCheck(() => (++calls <= 2 ? tokenEndpointDown() : checkResult('refreshed')));
  await t.withWorker(check.activities, async (taskQueue) => {
    // A one-second checkEvery caps the failure backoff at one second too.
    const handle = await start(taskQueue, { tenantId: newTenant(), checkEvery: '1s', refreshWithin: '1m' });
    const s = await status(handle, (x) => x.refreshes === 1, 'refresh after two failed checks');
    expect(s).toMatchObject({ state: 'active', consecutiveFailures: 0, signalsReceived: { refreshNow: 0, credentialsUpdated: 0 } });
    expect(check.calls.length).toBeGreaterThanOrEqual(3);
    expect(check.calls.every((c) => c.force === false && c.refreshWithinMs === 60_000)).toBe(true);
    await handle.terminate('test done');
  });
});

test('refreshNow forces a refresh whatever the expiry', async () => {
  const check = scriptedCheck(() => checkResult('still-valid'));
  await t.withWorker(check.activities, async (taskQueue) => {
    const handle = await start(taskQueue, { tenantId: newTenant(), checkEvery: '1h', refreshWithin: '1m' });
    await status(handle, (x) => x.state === 'active' && x.nextCheckAt !== null, 'first check');
    expect(check.calls).toEqual([expect.objectContaining({ force: false })]);

    check.answer(() => checkResult('refreshed'));
    await handle.signal('refreshNow');
    const s = await status(handle, (x) => x.refreshes === 1 && x.nextCheckAt !== null, 'forced refresh');
    expect(s.signalsReceived).toEqual({ refreshNow: 1, credentialsUpdated: 0 });
    expect(check.calls.map((c) => c.force)).toEqual([false, true]);
    await handle.terminate('test done');
  });
});

test('reauth_required: quiet, loop alive, resumes on credentialsUpdated; credentialsUpdated also resets failures', async () => {
  const reason = 'invalid_grant: refresh token revoked by the user';
  const check = scriptedCheck(() => checkResult('reauth-required', { reason }));
  await t.withWorker(check.activities, async (taskQueue) => {
    const handle = await start(taskQueue, { tenantId: newTenant(), checkEvery: '1h', refreshWithin: '1m' });
    let s = await status(handle, (x) => x.state === 'reauth_required' && x.nextCheckAt !== null, 'reauth_required');
    // An answer, not a failure: no failure count, no backoff, the normal interval.
    expect(s).toMatchObject({ reason, consecutiveFailures: 0, lastError: null });
    expect(waitMs(s)).toBeGreaterThanOrEqual(HOUR);
    expect(await tokenState(handle)).toBe('reauth_required');

    // A refreshNow while re-consent is pending changes nothing.
    await handle.signal('refreshNow');
    s = await status(handle, (x) => x.signalsReceived.refreshNow === 1 && x.nextCheckAt !== null && check.calls.length === 2, 'forced check');
    expect(s.state).toBe('reauth_required');
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // The tenant re-consented.
    check.answer(() => checkResult('refreshed'));
    await handle.signal('credentialsUpdated');
    s = await status(handle, (x) => x.state === 'active' && x.nextCheckAt !== null, 'active after re-consent');
    expect(s).toMatchObject({ reason: null, refreshes: 1, signalsReceived: { refreshNow: 1, credentialsUpdated: 1 } });
    expect(await tokenState(handle)).toBe('active');

    // credentialsUpdated restarts the failure count (the endpoint is still down: one failure, not four).
    check.answer(tokenEndpointDown);
    for (const n of [1, 2, 3]) {
      await handle.signal('refreshNow');
      await status(handle, (x) => x.consecutiveFailures === n && x.nextCheckAt !== null, `failure ${n}`);
    }
    await handle.signal('credentialsUpdated');
    s = await status(handle, (x) => x.signalsReceived.credentialsUpdated === 2 && x.nextCheckAt !== null, 'failure after re-consent');
    expect(s).toMatchObject({ state: 'refresh_failing', consecutiveFailures: 1 });
    await handle.terminate('test done');
  });
});

test('grant expiry: 365 days after consent, whole days left in status', async () => {
  const issued = Date.now() - 360 * DAY + HOUR;
  const check = scriptedCheck(() => checkResult('still-valid', { grantIssuedAt: new Date(issued).toISOString() }));
  await t.withWorker(check.activities, async (taskQueue) => {
    const handle = await start(taskQueue, { tenantId: newTenant(), checkEvery: '1h', refreshWithin: '1m' });
    const s = await status(handle, (x) => x.state === 'active', 'first check');
    expect(s.grantIssuedAt).toBe(new Date(issued).toISOString());
    expect(s.grantExpiresAt).toBe(new Date(issued + 365 * DAY).toISOString());
    expect(s.daysUntilGrantExpiry).toBe(5);
    await handle.terminate('test done');
  });
});

test('continue-as-new every maxChecksPerRun checks carries the status; no signal is lost around the switch', async () => {
  const check = scriptedCheck(() => checkResult('refreshed'));
  await t.withWorker(check.activities, async (taskQueue) => {
    const tenantId = newTenant();
    // Every check ends the run, so the signals keep landing around a continue-as-new.
    const handle = await start(taskQueue, { tenantId, checkEvery: '1h', refreshWithin: '1m', maxChecksPerRun: 1 });
    await status(handle, (x) => x.refreshes === 1 && x.nextCheckAt !== null, 'first check');
    const signals = 12;
    for (let i = 0; i < signals; i++) {
      await handle.signal('refreshNow');
      if (i % 3 === 2) await new Promise((r) => setTimeout(r, 50));
    }
    const s = await status(handle, (x) => x.signalsReceived.refreshNow === signals && x.nextCheckAt !== null, 'all signals counted');
    expect(s.runs).toBeGreaterThan(2);
    // Signals coalesce into checks; every check refreshed and ended its run, and this run has not checked yet.
    expect(s.refreshes).toBe(s.runs - 1);
    expect(s.state).toBe('active');
    // One execution per run: every earlier one continued as new, the last one is running.
    const runs = [...Array.from({ length: s.runs - 1 }, () => 'CONTINUED_AS_NEW'), 'RUNNING'];
    expect(await executionStatuses(t.client, `WorkflowId = '${handle.workflowId}'`, runs)).toEqual(runs.sort());
    // The latest run still carries the tenant's search attributes.
    expect((await handle.describe()).typedSearchAttributes.get(TOKEN_STATE)).toBe('active');
    await handle.terminate('test done');
  });
});

test('a signal carried through continue-as-new is handled at once by the next run', async () => {
  const check = scriptedCheck(() => checkResult('refreshed'));
  await t.withWorker(check.activities, async (taskQueue) => {
    const tenantId = newTenant();
    // The input a run hands to the next one when refreshNow arrived after its last check.
    const carriedStatus = {
      tenantId,
      state: 'active',
      accessExpiresAt: null,
      lastRefreshAt: null,
      lastCheckAt: null,
      nextCheckAt: null,
      grantIssuedAt: null,
      grantExpiresAt: null,
      daysUntilGrantExpiry: null,
      consecutiveFailures: 0,
      lastError: null,
      reason: null,
      writeScopes: [],
      writeScopesAllowed: false,
      credentialVersion: '1',
      refreshes: 4,
      signalsReceived: { refreshNow: 3, credentialsUpdated: 0 },
      runs: 4,
    } satisfies TokenStatus;
    const handle = await start(taskQueue, {
      tenantId,
      checkEvery: '1h',
      refreshWithin: '1m',
      carried: { status: carriedStatus, pending: { refreshNow: true, credentialsUpdated: false } },
    });
    // Without the carried flag the run would wait its hour before checking.
    const s = await status(handle, (x) => x.refreshes === 5 && x.nextCheckAt !== null, 'the carried refreshNow');
    expect(s).toMatchObject({ runs: 5, signalsReceived: { refreshNow: 3, credentialsUpdated: 0 } });
    expect(check.calls).toEqual([expect.objectContaining({ force: true })]);
    await handle.terminate('test done');
  });
});

test('a removed tenant ends the workflow with its last status', async () => {
  const check = scriptedCheck(() => checkResult('tenant-missing', { accessExpiresAt: null, grantIssuedAt: null }));
  await t.withWorker(check.activities, async (taskQueue) => {
    const handle = await start(taskQueue, { tenantId: newTenant(), checkEvery: '1h', refreshWithin: '1m' });
    const result = await resultWithin<TokenStatus>(handle);
    expect(result).toMatchObject({ state: 'tenant_removed', grantExpiresAt: null });
  });
});
