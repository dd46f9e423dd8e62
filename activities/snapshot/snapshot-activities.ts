// Activities of snapshotWorkflow: thin adapters between the workflow, the Jira client and the store.
// They return counts and hashes only; page bodies never travel through Temporal.
import { Context } from '@temporalio/activity';
import type { ConfigType } from '../../domain/config-catalogue';
import { RootHasher } from '../../domain/hashing';
import type { SnapshotType } from '../../domain/snapshot-window';
import { claimSnapshot as claimSnapshotRow, completeSnapshot, endSnapshotIncomplete, streamEntries } from '../../store/snapshot-store';
import { recordTypeRead } from '../../store/snapshot-types-store';
import { getTenant } from '../../store/tenant-store';
import type { ActivityDeps } from '../deps';
import { UnknownTenantError, withFailureMapping } from '../failures';
import { readConfigType, type ReadBudget } from './read-config-type';
import { MARGIN_SHARE } from '../../domain/quota-budget';
import type { JiraClient } from '../../jira-cloud';
import { settle } from '../../store/quota-store';
import { configSecretHasher } from './secret-hasher';

export interface ClaimSnapshotInput {
  tenantId: string;
  type: SnapshotType;
  windowStart: string;
  workflowId: string;
  runId: string;
}

export type ClaimSnapshotResult =
  | { outcome: 'claimed'; snapshotId: string; attempt: number; siteUrl: string }
  | { outcome: 'already-complete'; snapshotId: string; rootHash: string; objectCount: number; siteUrl: string }
  | { outcome: 'tenant-inactive'; snapshotId: string; reason: string; siteUrl: string };

export interface SnapshotResourceInput {
  tenantId: string;
  snapshotId: string;
  runId: string;
  configType: ConfigType;
  /** A part of the read paid by a quota reservation (workflows/quota-gate.ts); absent = read it all. */
  quota?: QuotaPart;
}

export interface QuotaPart {
  pool: string;
  reservationKey: string;
  points: number;
  /** Leading parents earlier parts finished (a per-parent read resumes there). */
  parentsDone?: number;
  /** Requests earlier parts made, so the type's recorded cost is the whole read's. */
  requestsBefore?: number;
}

export interface SnapshotResourceResult {
  configType: ConfigType;
  objects: number;
  pages: number;
  newObjects: number;
  /** Set when the site or grant does not offer this type (recorded in the snapshot, not a failure). */
  unavailable?: string;
  /** Points this part spent (requests + objects); with a quota part only. */
  points?: number;
  /** Set when the reservation ran out part-way: the next part resumes after this many parents. */
  parentsDone?: number;
}

export interface FinalizeSnapshotInput {
  tenantId: string;
  snapshotId: string;
  runId: string;
  pages: number;
}

/** A read stops at its next boundary when its grant is spent or Jira says the pool is within its margin. */
function readBudget(quota: QuotaPart, client: JiraClient, pointsPerWindow: number | undefined): ReadBudget {
  const margin = Math.ceil((client.quota()?.quota ?? pointsPerWindow ?? 0) * MARGIN_SHARE);
  return {
    points: quota.points,
    parentsDone: quota.parentsDone,
    poolNearlySpent: () => {
      const seen = client.quota();
      return seen !== undefined && seen.resetsAtMs > Date.now() && seen.remaining <= margin;
    },
  };
}

function observedPool(client: JiraClient): { remaining: number; resetMs: number } | undefined {
  const seen = client.quota();
  return seen && { remaining: seen.remaining, resetMs: seen.resetsAtMs };
}

export function createSnapshotActivities(deps: ActivityDeps) {
  return {
    async claimSnapshot(input: ClaimSnapshotInput): Promise<ClaimSnapshotResult> {
      return withFailureMapping(async () => {
        const tenant = await getTenant(deps.pool, input.tenantId);
        if (!tenant) throw new UnknownTenantError(`tenant ${input.tenantId} is not installed`);
        const claim = await claimSnapshotRow(deps.pool, input);
        const snapshotId = claim.snapshot.id;
        if (claim.outcome === 'already-complete') {
          return {
            outcome: 'already-complete',
            snapshotId,
            rootHash: claim.snapshot.rootHash!,
            objectCount: claim.snapshot.objectCount!,
            siteUrl: tenant.siteUrl,
          };
        }
        if (tenant.status !== 'active') {
          const reason = `tenant ${tenant.status}${tenant.statusReason ? `: ${tenant.statusReason}` : ''}`;
          await endSnapshotIncomplete(deps.pool, { tenantId: input.tenantId, snapshotId, runId: input.runId, status: 'skipped', reason });
          return { outcome: 'tenant-inactive', snapshotId, reason, siteUrl: tenant.siteUrl };
        }
        return { outcome: 'claimed', snapshotId, attempt: claim.snapshot.attempt, siteUrl: tenant.siteUrl };
      });
    },

    async snapshotResource(input: SnapshotResourceInput): Promise<SnapshotResourceResult> {
      return withFailureMapping(async () => {
        const client = await deps.jiraClients.forTenant(input.tenantId);
        const { quota, ...target } = input;
        const budget = quota && readBudget(quota, client, deps.quota?.pointsPerWindow);
        const read = await readConfigType(deps.pool, client, { ...target, budget }, configSecretHasher(deps.secretBox, input.tenantId));
        const requests = (quota?.requestsBefore ?? 0) + read.pages;
        const { objects } = await recordTypeRead(deps.pool, { ...target, requests, unavailable: read.unavailable });
        if (quota) await settle(deps.pool, { ...quota, tenantId: input.tenantId, charged: read.points, observed: observedPool(client) });
        const { points, parentsDone, ...counts } = read;
        const result: SnapshotResourceResult = { configType: input.configType, ...counts, objects };
        // Only a quota-paid part reports points, so results of unbudgeted reads stay as they were.
        if (quota) result.points = points;
        if (parentsDone !== undefined) result.parentsDone = parentsDone;
        return result;
      });
    },

    async finalizeSnapshot(input: FinalizeSnapshotInput): Promise<{ rootHash: string; objectCount: number }> {
      return withFailureMapping(async () => {
        const hasher = new RootHasher();
        for await (const batch of streamEntries(deps.pool, input.tenantId, input.snapshotId)) {
          for (const entry of batch) hasher.add(entry.key, entry.hash);
          Context.current().heartbeat(hasher.count);
        }
        const row = await completeSnapshot(deps.pool, {
          tenantId: input.tenantId,
          snapshotId: input.snapshotId,
          runId: input.runId,
          rootHash: hasher.digest(),
          objectCount: hasher.count,
          requestCount: input.pages,
        });
        return { rootHash: row.rootHash!, objectCount: row.objectCount! };
      });
    },

    async endSnapshotIncomplete(input: {
      tenantId: string;
      snapshotId: string;
      runId: string;
      status: 'failed' | 'skipped';
      reason: string;
    }): Promise<void> {
      return withFailureMapping(() => endSnapshotIncomplete(deps.pool, input));
    },
  };
}
