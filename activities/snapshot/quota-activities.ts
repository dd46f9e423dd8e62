// Activities of the snapshot's quota gate (workflows/quota-gate.ts): which pool a tenant's reads are
// charged to, and a reservation before each part of a type read. The ledger is store/quota-store.ts.
import type { ConfigType } from '../../domain/config-catalogue';
import { poolName } from '../../domain/quota-budget';
import { CONFIG_RESOURCES } from '../../jira-cloud';
import { reservationKey, reserve } from '../../store/quota-store';
import { getTenant } from '../../store/tenant-store';
import type { ActivityDeps } from '../deps';
import { UnknownTenantError, withFailureMapping } from '../failures';

export interface ReserveQuotaInput {
  tenantId: string;
  snapshotId: string;
  configType: ConfigType;
  pool: string;
  /** 0 for a type's first read, then one more for each part after a stop. */
  part: number;
}

export type ReserveQuotaResult = { granted: true; points: number; reservationKey: string } | { granted: false; retryAt: string; reason: string };

const UNLIMITED_POINTS = 2_000_000_000;

export function createQuotaActivities(deps: ActivityDeps) {
  return {
    /** The pool this tenant's reads are charged to, or null when no quota is configured (read freely). */
    async quotaPoolFor(input: { tenantId: string }): Promise<{ pool: string | null }> {
      return withFailureMapping(async () => {
        if (!deps.quota) return { pool: null };
        const tenant = await getTenant(deps.pool, input.tenantId);
        if (!tenant) throw new UnknownTenantError(`tenant ${input.tenantId} is not installed`);
        return { pool: poolName(deps.quota.tier, tenant) };
      });
    },

    /** Sets points aside for one part of a type read, or says when to ask again (the window's reset). */
    async reserveQuota(input: ReserveQuotaInput): Promise<ReserveQuotaResult> {
      return withFailureMapping(async () => {
        // A worker configured without a quota (during a rolling config change) grants freely, outside the ledger.
        if (!deps.quota) return { granted: true, points: UNLIMITED_POINTS, reservationKey: reservationKey(input) };
        const divisible = CONFIG_RESOURCES[input.configType].kind === 'per-parent';
        const r = await reserve(deps.pool, { ...input, settings: deps.quota, divisible });
        return r.granted ? r : { granted: false, retryAt: new Date(r.retryAtMs).toISOString(), reason: r.reason };
      });
    },
  };
}
