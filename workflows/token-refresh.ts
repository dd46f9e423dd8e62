// tokenRefreshWorkflow: one per tenant (workflow id token-refresh:{tenant}), for the tenant's life.
// Loop: check the access token (refresh when it expires within refreshWithin), then wait checkEvery on
// a durable timer or until signalled. A revoked grant parks the loop quietly until credentialsUpdated.
// Continues as new every maxChecksPerRun checks with its state and any undelivered signals in the input.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  makeContinueAsNewFunc,
  patched,
  proxyLocalActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CheckTokenResult } from '../activities/credentials/token-activities';
import { LIMITS } from '../domain/input-rules';
import { DAY_MS } from '../domain/time';
import { failureReason } from './failure-reason';
import { workflowNowMs } from './workflow-clock';
import { TENANT_ID, TOKEN_STATE } from './search-attributes';
import {
  credentialsUpdatedSignal,
  refreshNowSignal,
  tokenStatusQuery,
  type PendingSignals,
  type TokenRefreshInput,
  type TokenState,
  type TokenStatus,
} from './token-refresh-contract';
import { tokenRefreshInputCheck } from './workflow-inputs';
import { baseTaskQueueOf, workloadTaskQueue } from '../domain/workloads';

// A local activity: a check is a few milliseconds of SQL (plus one token call when due), and one check
// per tenant every checkEvery is the service's steadiest load. Inside the workflow task a check costs
// one workflow task and a marker instead of an activity task's extra round trips through the server.
// Local activities are at-least-once per workflow task: a task that fails to complete (a signal racing
// continue-as-new) runs the check again, which may refresh once more. That is harmless here: the
// refresh is single-flight and its rotation is committed before anyone uses it.
const tokens = proxyLocalActivities<Activities>({
  // The token endpoint call has its own 15 s timeout; the rest is waiting for the tenant's row lock.
  startToCloseTimeout: '1 minute',
  // Retrying is safe: a lost answer leaves the old refresh token in the store, usable inside the
  // 10-minute reuse interval. Past that the grant is revoked and the tenant becomes reauth_required.
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 5 },
});

const GRANT_LIFETIME_MS = 365 * DAY_MS;
/** After a failed check, try again sooner than checkEvery (doubling from this, capped at checkEvery). */
const FAILURE_RETRY_MS = 30_000;

interface Settings {
  checkEveryMs: number;
  refreshWithinMs: number;
  maxChecksPerRun: number;
}

function validate(input: TokenRefreshInput): Settings {
  // maxChecksPerRun had no upper bound in the workflow before it shared the client's: a run started
  // with a larger value replays as it ran (no marker), new runs get the bound.
  const aboveBound = typeof input?.maxChecksPerRun === 'number' && input.maxChecksPerRun > LIMITS.tokenMaxChecksPerRun.max;
  const legacyUnboundedMaxChecks = aboveBound && !patched('token-max-checks-bounded');
  const { problems, settings } = tokenRefreshInputCheck(input, workflowInfo().workflowId, { legacyUnboundedMaxChecks });
  if (!settings) throw ApplicationFailure.nonRetryable(`invalid token refresh input: ${problems.join('; ')}`, 'InvalidInput');
  return settings;
}

function initialStatus(tenantId: string): TokenStatus {
  return {
    tenantId,
    state: 'starting',
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
    credentialVersion: null,
    refreshes: 0,
    signalsReceived: { refreshNow: 0, credentialsUpdated: 0 },
    runs: 1,
  };
}

const STATE_BY_OUTCOME: Record<CheckTokenResult['outcome'], TokenState> = {
  refreshed: 'active',
  'still-valid': 'active',
  'reauth-required': 'reauth_required',
  'write-scopes-refused': 'write_scopes_refused',
  'tenant-disabled': 'tenant_disabled',
  'tenant-missing': 'tenant_removed',
};

function applyCheck(status: TokenStatus, result: CheckTokenResult): void {
  status.state = STATE_BY_OUTCOME[result.outcome];
  status.accessExpiresAt = result.accessExpiresAt;
  status.lastRefreshAt = result.lastRefreshAt;
  status.grantIssuedAt = result.grantIssuedAt;
  status.grantExpiresAt = result.grantIssuedAt ? new Date(Date.parse(result.grantIssuedAt) + GRANT_LIFETIME_MS).toISOString() : null;
  status.credentialVersion = result.credentialVersion;
  status.writeScopes = result.writeScopes;
  status.writeScopesAllowed = result.writeScopesAllowed;
  status.reason = status.state === 'active' ? null : result.reason;
  status.consecutiveFailures = 0;
  status.lastError = null;
  if (result.outcome === 'refreshed') status.refreshes++;
}

function nextWaitMs(status: TokenStatus, s: Settings): number {
  if (status.state !== 'refresh_failing') return s.checkEveryMs;
  return Math.min(s.checkEveryMs, FAILURE_RETRY_MS * 2 ** Math.min(status.consecutiveFailures - 1, 10));
}

export async function tokenRefreshWorkflow(input: TokenRefreshInput): Promise<TokenStatus> {
  const settings = validate(input);
  const status: TokenStatus = input.carried ? { ...input.carried.status, runs: input.carried.status.runs + 1 } : initialStatus(input.tenantId);
  // Signals only set flags; the loop consumes them. Unconsumed flags travel through continue-as-new.
  const pending: PendingSignals = { ...(input.carried?.pending ?? { refreshNow: false, credentialsUpdated: false }) };
  setHandler(refreshNowSignal, () => {
    pending.refreshNow = true;
    status.signalsReceived.refreshNow++;
  });
  setHandler(credentialsUpdatedSignal, () => {
    pending.credentialsUpdated = true;
    status.signalsReceived.credentialsUpdated++;
  });
  setHandler(tokenStatusQuery, () => ({
    ...status,
    daysUntilGrantExpiry: status.grantExpiresAt === null ? null : Math.floor((Date.parse(status.grantExpiresAt) - workflowNowMs()) / DAY_MS),
  }));

  let taggedState: TokenState | undefined = workflowInfo().typedSearchAttributes.get(TOKEN_STATE) as TokenState | undefined;
  const tag = () => {
    if (taggedState === status.state && workflowInfo().typedSearchAttributes.get(TENANT_ID) !== undefined) return;
    upsertSearchAttributes([
      { key: TENANT_ID, value: input.tenantId },
      { key: TOKEN_STATE, value: status.state },
    ]);
    taggedState = status.state;
  };
  if (!input.carried) upsertMemo({ tenantId: input.tenantId });
  tag();

  // A fresh start checks at once; a continued run first waits out the interval (unless signalled).
  let checkNow = !input.carried;
  for (let checks = 0; ;) {
    if (!checkNow) {
      const waitMs = nextWaitMs(status, settings);
      status.nextCheckAt = new Date(workflowNowMs() + waitMs).toISOString();
      await condition(() => pending.refreshNow || pending.credentialsUpdated, waitMs);
    }
    checkNow = false;
    const force = pending.refreshNow;
    if (pending.credentialsUpdated) status.consecutiveFailures = 0;
    pending.refreshNow = false;
    pending.credentialsUpdated = false;

    const previousState = status.state;
    status.lastCheckAt = new Date(workflowNowMs()).toISOString();
    status.nextCheckAt = null;
    try {
      applyCheck(status, await tokens.checkAndRefreshToken({ tenantId: input.tenantId, refreshWithinMs: settings.refreshWithinMs, force }));
    } catch (err) {
      // Token endpoint down or misconfigured: keep the loop alive; on-demand refreshes still try.
      status.state = 'refresh_failing';
      status.consecutiveFailures++;
      status.lastError = failureReason(err);
    }
    if (status.state !== previousState) log.info('token state changed', { tenantId: input.tenantId, from: previousState, to: status.state });
    tag();
    if (status.state === 'tenant_removed') return status;

    checks++;
    if (checks >= settings.maxChecksPerRun || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      // Anything signalled up to this point is in `pending`; a signal that arrives while this task
      // completes makes the server reject the completion and replay with the signal included.
      // A run started on the shared queue before the split moves to the tokens queue here.
      const next = patched('workload-task-queues')
        ? makeContinueAsNewFunc<typeof tokenRefreshWorkflow>({ taskQueue: workloadTaskQueue(baseTaskQueueOf(workflowInfo().taskQueue), 'tokens') })
        : continueAsNew<typeof tokenRefreshWorkflow>;
      await next({
        tenantId: input.tenantId,
        checkEvery: settings.checkEveryMs,
        refreshWithin: settings.refreshWithinMs,
        maxChecksPerRun: settings.maxChecksPerRun,
        carried: { status, pending },
      });
    }
  }
}
