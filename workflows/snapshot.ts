// snapshotWorkflow: one per tenant, type and window (workflow id snapshot:{tenant}:{type}:{window}).
// Claim the window, read every configuration type in parallel activities, finalise the root hash.
import {
  ApplicationFailure,
  CancellationScope,
  patched,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { storeActivities as store } from './store-activities';
import { CATALOGUE_V2_TYPES, CATALOGUE_V3_TYPES, LEGACY_CONFIG_TYPES, snapshotPhases, type ConfigType } from '../domain/config-catalogue';
import { handOffToDriftScan } from './drift-handoff';
import { quotaGate, quotaPool } from './quota-gate';
import { failureReason, failureType } from './failure-reason';
import { TENANT_ID, windowSearchAttributes } from './search-attributes';
import { snapshotProgressQuery, type SnapshotProgress, type SnapshotWorkflowInput, type SnapshotWorkflowResult } from './snapshot-contract';
import { snapshotInputProblems } from './workflow-inputs';

const jira = proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

/** Activity failure types that mean the tenant needs re-consent (activities/failures.ts). */
const REAUTH_FAILURES = new Set(['ReauthRequiredError', 'WriteScopesRefusedError']);

function validate(input: SnapshotWorkflowInput): void {
  const problems = snapshotInputProblems(input, workflowInfo().workflowId);
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(`invalid snapshot input: ${problems.join('; ')}`, 'InvalidInput');
  }
}

function tagWorkflow(input: SnapshotWorkflowInput): void {
  // Starts through the programmatic client already carry these; `temporal workflow start` may not.
  const current = workflowInfo().typedSearchAttributes;
  if (current.get(TENANT_ID) === undefined) {
    upsertSearchAttributes(windowSearchAttributes(input.tenantId, input.type, input.windowStart));
  }
}

/**
 * The types this run reads, in phases. Each widening of the catalogue is a marker: runs recorded
 * before it replay with the types they read then (never edit a frozen list; add a marker).
 */
function cataloguePhases(): ConfigType[][] {
  if (patched('config-catalogue-v4')) return snapshotPhases();
  if (patched('config-catalogue-v3')) return snapshotPhases(CATALOGUE_V3_TYPES);
  if (patched('config-catalogue-v2')) return snapshotPhases(CATALOGUE_V2_TYPES);
  return [[...LEGACY_CONFIG_TYPES]];
}

export async function snapshotWorkflow(input: SnapshotWorkflowInput): Promise<SnapshotWorkflowResult> {
  const progress: SnapshotProgress = {
    phase: 'claiming',
    snapshotId: null,
    resourcesDone: 0,
    resourcesTotal: LEGACY_CONFIG_TYPES.length,
    pages: 0,
    objects: 0,
    newObjects: 0,
  };
  setHandler(snapshotProgressQuery, () => progress);
  validate(input);
  tagWorkflow(input);

  const { workflowId, runId } = workflowInfo();
  const claim = await store.claimSnapshot({ ...input, workflowId, runId });
  progress.snapshotId = claim.snapshotId;
  upsertMemo({ tenantId: input.tenantId, site: claim.siteUrl });

  if (claim.outcome === 'already-complete') {
    progress.phase = 'done';
    const reason = 'window already has a complete snapshot';
    return { snapshotId: claim.snapshotId, status: 'SKIPPED', rootHash: claim.rootHash, objectCount: claim.objectCount, reason };
  }
  if (claim.outcome === 'tenant-inactive') {
    progress.phase = 'done';
    return { snapshotId: claim.snapshotId, status: 'SKIPPED', rootHash: null, objectCount: null, reason: claim.reason };
  }

  const ref = { tenantId: input.tenantId, snapshotId: claim.snapshotId, runId };
  let completed: SnapshotWorkflowResult;
  try {
    progress.phase = 'fetching';
    const phases = cataloguePhases();
    progress.resourcesTotal = phases.reduce((n, phase) => n + phase.length, 0);
    // Runs before the points budget (issue 12) replay reading freely; so does a fleet with no quota.
    const pool = patched('points-quota-budget') ? await quotaPool(input.tenantId) : null;
    const readType = pool ? quotaGate(pool, progress, jira.snapshotResource) : jira.snapshotResource;
    const results = [];
    // A phase's types run in parallel; a child type's phase starts once its parents are stored.
    for (const phase of phases) {
      results.push(
        ...(await Promise.all(
          phase.map(async (configType) => {
            const r = await readType({ ...ref, configType });
            progress.resourcesDone++;
            progress.pages += r.pages;
            progress.objects += r.objects;
            progress.newObjects += r.newObjects;
            (progress.types ??= {})[configType] = { objects: r.objects, requests: r.pages };
            if (r.unavailable) (progress.unavailable ??= []).push({ configType, reason: r.unavailable });
            return r;
          }),
        )),
      );
    }
    progress.phase = 'finalizing';
    const pages = results.reduce((sum, r) => sum + r.pages, 0);
    const final = await store.finalizeSnapshot({ ...ref, pages });
    completed = { snapshotId: claim.snapshotId, status: 'COMPLETED', rootHash: final.rootHash, objectCount: final.objectCount };
    if (progress.unavailable) completed.unavailable = progress.unavailable;
    if (progress.types) completed.types = progress.types;
  } catch (err) {
    if (REAUTH_FAILURES.has(failureType(err) ?? '') && patched('skip-window-on-reauth')) {
      // The grant died mid-snapshot (the tenant is now reauth_required): skipped, like a window that
      // starts while the tenant needs re-consent, instead of a failure that would be retried.
      progress.phase = 'done';
      const reason = `tenant reauth_required: ${failureReason(err)}`;
      await CancellationScope.nonCancellable(() => store.endSnapshotIncomplete({ ...ref, status: 'skipped', reason }));
      return { snapshotId: claim.snapshotId, status: 'SKIPPED', rootHash: null, objectCount: null, reason };
    }
    progress.phase = 'failed';
    const reason = failureReason(err);
    // Record the failure even if the workflow is being cancelled, so the window can be redone.
    await CancellationScope.nonCancellable(() => store.endSnapshotIncomplete({ ...ref, status: 'failed', reason }));
    throw err;
  }
  // Outside the try: the snapshot is complete whatever happens to the hand-off.
  // Executions recorded before drift scans existed replay without it.
  if (patched('drift-scan-handoff')) {
    const driftScanWorkflowId = await handOffToDriftScan({ tenantId: input.tenantId, snapshotId: claim.snapshotId, siteUrl: claim.siteUrl });
    if (driftScanWorkflowId) completed.driftScanWorkflowId = driftScanWorkflowId;
  }
  progress.phase = 'done';
  return completed;
}
