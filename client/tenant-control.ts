// Operator actions on an installed tenant: pause/resume its schedules, remove it (optionally purging data).
import { listTenants, purgeTenantRows, setTenantStatus } from '../store/tenant-store';
import {
  deleteSnapshotSchedules,
  describeSnapshotSchedules,
  ensureSnapshotSchedules,
  setSnapshotSchedulesPaused,
  type ScheduleChange,
} from './snapshot-schedules';
import type { TenantLifecycleDeps } from './tenant-install';
import { requireInstalledTenant } from './installed-tenant';
import { tokenWorkflowState } from './token-refresh';

const requireTenant = (deps: Pick<TenantLifecycleDeps, 'pool'>, tenantId: string) => requireInstalledTenant(deps.pool, tenantId);

async function setPaused(
  deps: Pick<TenantLifecycleDeps, 'pool' | 'client'>,
  tenantId: string,
  paused: boolean,
  note: string,
): Promise<ScheduleChange[]> {
  await requireTenant(deps, tenantId);
  return setSnapshotSchedulesPaused(deps.client, tenantId, paused, note);
}

/** Pauses the tenant's snapshot schedules (the token workflow keeps the grant alive meanwhile). */
export const pauseTenant = (deps: Pick<TenantLifecycleDeps, 'pool' | 'client'>, tenantId: string, note = 'paused by operator') =>
  setPaused(deps, tenantId, true, note);

export const resumeTenant = (deps: Pick<TenantLifecycleDeps, 'pool' | 'client'>, tenantId: string, note = 'resumed by operator') =>
  setPaused(deps, tenantId, false, note);

/**
 * Rewrites the existing snapshot schedules of one tenant, or of every installed tenant, with this
 * deployment's settings (schedule jitter, task queue): the explicit step after changing them. Each
 * tenant keeps the types it has and its pause; a schedule already so is reported unchanged.
 */
export async function rescheduleTenants(
  deps: TenantLifecycleDeps,
  tenantId?: string,
): Promise<Array<{ tenantId: string; changes: ScheduleChange[] }>> {
  const tenants = tenantId ? [await requireTenant(deps, tenantId)] : await listTenants(deps.pool);
  const out = [];
  for (const t of tenants) {
    const types = (await describeSnapshotSchedules(deps.client, t.id)).map((s) => s.type);
    if (types.length === 0) continue;
    const target = { tenantId: t.id, siteUrl: t.siteUrl, taskQueue: deps.taskQueue, jitterMs: deps.scheduleJitterMs };
    out.push({ tenantId: t.id, changes: await ensureSnapshotSchedules(deps.client, target, types) });
  }
  return out;
}

export interface RemoveResult {
  tenantId: string;
  changes: string[];
  purged: boolean;
}

/**
 * Deletes the tenant's schedules and stops its token workflow. Without purge the rows stay (the tenant
 * is marked disabled, so any start of a snapshot is SKIPPED); with purge every row of the tenant is
 * deleted and its running workflows are terminated. Safe to repeat.
 */
export async function removeTenant(
  deps: Pick<TenantLifecycleDeps, 'pool' | 'client'>,
  tenantId: string,
  opts: { purge?: boolean } = {},
): Promise<RemoveResult> {
  const tenant = await requireTenant(deps, tenantId);
  const changes: string[] = [];
  for (const s of await deleteSnapshotSchedules(deps.client, tenantId)) changes.push(`deleted schedule ${s.scheduleId}`);
  const token = await tokenWorkflowState(deps.client, tenantId);
  if (token.running) {
    await deps.client.workflow.getHandle(token.workflowId).terminate('tenant removed');
    changes.push('stopped the token workflow');
  }
  if (opts.purge) {
    for await (const wf of deps.client.workflow.list({ query: `TenantId='${tenantId}' AND ExecutionStatus='Running'` })) {
      await deps.client.workflow
        .getHandle(wf.workflowId, wf.runId)
        .terminate('tenant purged')
        .catch(() => {});
      changes.push(`terminated ${wf.workflowId}`);
    }
    await purgeTenantRows(deps.pool, tenantId);
    changes.push('deleted every row of the tenant');
  } else if (tenant.status !== 'disabled') {
    await setTenantStatus(deps.pool, tenantId, 'disabled', 'removed by operator');
    changes.push('marked the tenant disabled (data kept)');
  }
  return { tenantId, changes, purged: !!opts.purge };
}
