// Read-only views of installed tenants: `tenant list` and `tenant show`. Never a token or a secret.
import type { Client } from '@temporalio/client';
import { loadAutomationTokenMetadata } from '../store/automation-token-store';
import { loadCredentialMetadata } from '../store/credential-store';
import { latestSnapshots, type SnapshotSummary } from '../store/snapshot-store';
import { listTenants } from '../store/tenant-store';
import { tokenStatusQuery, type TokenStatus } from '../workflows/token-refresh-contract';
import { requireInstalledTenant } from './installed-tenant';
import { tokenWorkflowState } from './token-refresh';
import { describeSnapshotSchedules, type SnapshotScheduleState } from './snapshot-schedules';
import type { TenantLifecycleDeps } from './tenant-install';

export interface TenantSummary {
  tenantId: string;
  siteUrl: string;
  status: string;
  schedules: Array<{ type: string; paused: boolean }>;
}

export interface TenantDetails extends TenantSummary {
  cloudId: string;
  statusReason: string | null;
  grantedScopes: string[];
  allowWriteScopes: boolean;
  credentials: { accessExpiresAt: string; grantIssuedAt: string; lastRefreshAt: string | null; version: string } | null;
  /** Whether an API token for the Automation REST API is stored, and since when (never the value). */
  automationToken: { set: boolean; setAt: string | null };
  scheduleDetails: SnapshotScheduleState[];
  lastSnapshots: SnapshotSummary[];
  token: { workflowId: string; running: boolean; state: string | null; status: TokenStatus | null; note?: string };
}

export async function listTenantSummaries(deps: Pick<TenantLifecycleDeps, 'pool' | 'client'>): Promise<TenantSummary[]> {
  const tenants = await listTenants(deps.pool);
  const out: TenantSummary[] = [];
  for (const t of tenants) {
    const schedules = await describeSnapshotSchedules(deps.client, t.id);
    out.push({ tenantId: t.id, siteUrl: t.siteUrl, status: t.status, schedules: schedules.map((s) => ({ type: s.type, paused: s.paused })) });
  }
  return out;
}

async function tokenView(client: Client, tenantId: string, queryTimeoutMs: number): Promise<TenantDetails['token']> {
  const { workflowId, exists, running, state } = await tokenWorkflowState(client, tenantId);
  if (!exists) return { workflowId, running: false, state: null, status: null, note: 'no token workflow' };
  if (!running) return { workflowId, running, state, status: null, note: 'token workflow is not running' };
  const handle = client.workflow.getHandle(workflowId);
  try {
    // A query needs a worker; without one, say so instead of hanging.
    const status = await client.connection.withDeadline(Date.now() + queryTimeoutMs, () => handle.query(tokenStatusQuery));
    return { workflowId, running, state: status.state, status };
  } catch {
    return { workflowId, running, state, status: null, note: 'status query not answered (is a worker running?)' };
  }
}

export async function showTenant(
  deps: Pick<TenantLifecycleDeps, 'pool' | 'client'>,
  tenantId: string,
  queryTimeoutMs = 5000,
): Promise<TenantDetails> {
  const tenant = await requireInstalledTenant(deps.pool, tenantId);
  const [credentials, automationToken, scheduleDetails, lastSnapshots, token] = await Promise.all([
    loadCredentialMetadata(deps.pool, tenantId),
    loadAutomationTokenMetadata(deps.pool, tenantId),
    describeSnapshotSchedules(deps.client, tenantId),
    latestSnapshots(deps.pool, tenantId),
    tokenView(deps.client, tenantId, queryTimeoutMs),
  ]);
  return {
    tenantId,
    siteUrl: tenant.siteUrl,
    cloudId: tenant.cloudId,
    status: tenant.status,
    statusReason: tenant.statusReason,
    grantedScopes: tenant.grantedScopes,
    allowWriteScopes: tenant.allowWriteScopes,
    credentials: credentials
      ? {
          accessExpiresAt: credentials.accessExpiresAt.toISOString(),
          grantIssuedAt: credentials.grantIssuedAt.toISOString(),
          lastRefreshAt: credentials.lastRefreshAt?.toISOString() ?? null,
          version: String(credentials.version),
        }
      : null,
    automationToken: { set: automationToken !== undefined, setAt: automationToken?.setAt.toISOString() ?? null },
    schedules: scheduleDetails.map((s) => ({ type: s.type, paused: s.paused })),
    scheduleDetails,
    lastSnapshots,
    token,
  };
}
