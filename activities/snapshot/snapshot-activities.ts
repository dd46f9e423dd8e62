// Activities of snapshotWorkflow: thin adapters between the workflow, the Jira client and the store.
// They return counts and hashes only; page bodies never travel through Temporal.
import { Context } from '@temporalio/activity';
import type { ConfigType } from '../../domain/config-catalogue';
import { toConfigObject } from '../../domain/config-object';
import { RootHasher } from '../../domain/hashing';
import type { SnapshotType } from '../../domain/snapshot-window';
import {
  claimSnapshot as claimSnapshotRow,
  clearResourceEntries,
  completeSnapshot,
  endSnapshotIncomplete,
  storePage,
  streamEntries,
} from '../../store/snapshot-store';
import { getTenant } from '../../store/tenant-store';
import type { ActivityDeps } from '../deps';
import { UnknownTenantError, withFailureMapping } from '../failures';
import { fetchAllPages } from '../../jira-cloud';
import { CONFIG_RESOURCES } from './config-resources';

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
}

export interface SnapshotResourceResult {
  configType: ConfigType;
  objects: number;
  pages: number;
  newObjects: number;
}

export interface FinalizeSnapshotInput {
  tenantId: string;
  snapshotId: string;
  runId: string;
  pages: number;
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
        const { tenantId, snapshotId, runId, configType } = input;
        // A retried attempt starts from an empty slate for this type: objects deleted in Jira between
        // attempts must not survive in the snapshot.
        await clearResourceEntries(deps.pool, tenantId, snapshotId, runId, configType);
        const client = await deps.jiraClients.forTenant(tenantId);
        let objects = 0;
        let newObjects = 0;
        const ctx = Context.current();
        // Heartbeat on a clock too: a page can wait out a long Retry-After, and a short heartbeat
        // timeout is what lets a crashed worker's activity be retried elsewhere quickly.
        const ticker = setInterval(() => ctx.heartbeat({ configType, objects }), 5_000);
        let result;
        try {
          result = await fetchAllPages(client, CONFIG_RESOURCES[configType], async (values) => {
            const page = values.map((raw) => toConfigObject(configType, raw));
            const stored = await storePage(deps.pool, { tenantId, snapshotId, runId, objects: page });
            objects += page.length;
            newObjects += stored.newObjects;
            ctx.heartbeat({ configType, objects });
          });
        } finally {
          clearInterval(ticker);
        }
        return { configType, objects, pages: result.pages, newObjects };
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
