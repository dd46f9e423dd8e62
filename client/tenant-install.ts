// One-step, idempotent tenant install: validate and store the grant (encrypted), start the token
// workflow, create the snapshot schedules. Each step checks what is already there, so a second run
// changes nothing (and says so) and a run that failed part-way is completed by the next one.
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { z } from 'zod';
import { GrantRevokedError, OAuthClientRejectedError } from '../jira-cloud';
import { unreadableTypes, type UnreadableType } from './coverage';
import { SNAPSHOT_TYPES, type SnapshotType } from '../domain/snapshot-window';
import { tokenRefreshWorkflowId } from '../domain/workflow-ids';
import { loadAutomationTokenMetadata } from '../store/automation-token-store';
import { loadCredentialMetadata } from '../store/credential-store';
import type { SecretBox } from '../store/secret-box';
import { getTenant, setAllowWriteScopes, type Tenant } from '../store/tenant-store';
import { InvalidInputError } from './errors';
import { ensureSnapshotSchedules, type ScheduleChange } from './snapshot-schedules';
import { storeConsentedGrant } from './tenant-grant';
import { notifyCredentialsUpdated, startTokenRefresh, tokenWorkflowState, type StartTokenRefreshOptions } from './token-refresh';
import { parseInput, snapshotTypeSchema, tenantIdSchema } from './input-schemas';

export interface TenantLifecycleDeps {
  pool: Pool;
  client: Client;
  taskQueue: string;
  /** Schedule jitter (JIRA_DRIFT_SCHEDULE_JITTER); unset = DEFAULT_SCHEDULE_JITTER_MS. */
  scheduleJitterMs?: number;
}

export interface InstallDeps extends TenantLifecycleDeps {
  secretBox: SecretBox;
  authBaseUrl: string;
  apiBaseUrl: string;
}

const installSchema = z.object({
  tenantId: tenantIdSchema,
  siteUrl: z.string().url().max(2000),
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(5000).optional(),
  authorizationCode: z.string().min(1).max(5000).optional(),
  redirectUri: z.string().url().max(2000).optional(),
  types: z.array(snapshotTypeSchema).min(1, 'at least one snapshot type').max(SNAPSHOT_TYPES.length),
  allowWriteScopes: z.boolean().default(false),
  /** Exchange the given code even though the tenant already has a usable grant (re-consent). */
  reconsent: z.boolean().default(false),
  tokenRefresh: z
    .object({ checkEvery: z.union([z.string(), z.number()]).optional(), refreshWithin: z.union([z.string(), z.number()]).optional() })
    .optional(),
});

export type InstallTenantInput = z.input<typeof installSchema>;

export interface InstallResult {
  tenantId: string;
  siteUrl: string;
  /** Human-readable, one per change; empty when the tenant was already installed exactly so. */
  changes: string[];
  unchanged: boolean;
  schedules: ScheduleChange[];
  tokenWorkflowId: string;
  /**
   * Types the tenant cannot read as installed (each snapshot records them as unavailable): the scopes the
   * grant lacks, or what else a type needs (automation rules: an API token).
   */
  unavailableTypes: UnreadableType[];
}

/** Install refused by the site or the token endpoint; nothing was stored. */
export class InstallRefusedError extends Error {
  override name = 'InstallRefusedError';
}

const normalize = (url: string) => url.replace(/\/+$/, '').toLowerCase();

async function storeGrant(deps: InstallDeps, p: z.output<typeof installSchema>): Promise<Tenant> {
  if (!p.clientSecret || !p.authorizationCode || !p.redirectUri) {
    throw new InvalidInputError(
      'a new grant needs the client secret, the authorization code and --redirect-uri (secrets from the environment or stdin)',
    );
  }
  try {
    return await storeConsentedGrant(deps, {
      tenantId: p.tenantId,
      siteUrl: p.siteUrl,
      clientId: p.clientId,
      clientSecret: p.clientSecret,
      authorizationCode: p.authorizationCode,
      redirectUri: p.redirectUri,
      allowWriteScopes: p.allowWriteScopes,
      // Without a refresh token nothing works past the first hour; a missing read scope only makes
      // its types unavailable (reported below), so it does not refuse the install.
      requiredScopes: ['offline_access'],
    });
  } catch (err) {
    if (err instanceof GrantRevokedError || err instanceof OAuthClientRejectedError) {
      throw new InstallRefusedError(
        `install refused, nothing stored: ${err.message}; ask the site admin to consent again and pass the new authorization code`,
      );
    }
    if (err instanceof InvalidInputError) throw new InvalidInputError(`install refused, nothing stored: ${err.message}`);
    throw err;
  }
}

/**
 * The one-step install (`jira-drift tenant install`): store the grant when there is no usable one (or
 * on re-consent), make sure the token workflow runs, and keep exactly the requested snapshot schedules.
 */
export async function installTenant(deps: InstallDeps, input: InstallTenantInput): Promise<InstallResult> {
  const p = parseInput(installSchema, input);
  const types = [...new Set(p.types)] as SnapshotType[];
  const changes: string[] = [];

  // 1. The grant: exchanged and stored only when there is no usable one (or on re-consent).
  let tenant = await getTenant(deps.pool, p.tenantId);
  const credentials = tenant ? await loadCredentialMetadata(deps.pool, p.tenantId) : undefined;
  const needsGrant = !tenant || !credentials || tenant.status !== 'active' || p.reconsent;
  if (!needsGrant && tenant) {
    if (normalize(tenant.siteUrl) !== normalize(p.siteUrl) || tenant.oauthClientId !== p.clientId) {
      throw new InvalidInputError(
        `tenant ${p.tenantId} is installed for ${tenant.siteUrl} with client ${tenant.oauthClientId}; pass --reconsent with a new authorization code to change it`,
      );
    }
    if (tenant.allowWriteScopes !== p.allowWriteScopes) {
      await setAllowWriteScopes(deps.pool, p.tenantId, p.allowWriteScopes);
      changes.push(`write scopes ${p.allowWriteScopes ? 'allowed' : 'refused'} from now on`);
    }
  }
  let grantReplaced = false;
  if (needsGrant) {
    const hadTenant = tenant !== undefined;
    tenant = await storeGrant(deps, p);
    grantReplaced = hadTenant;
    changes.push(hadTenant ? 'stored the new grant (encrypted)' : `stored tenant ${p.tenantId} for ${tenant.siteUrl} and its grant (encrypted)`);
  }
  const siteUrl = tenant!.siteUrl;

  // 2. The token workflow (one per tenant, for the tenant's life).
  const tokenOptions: StartTokenRefreshOptions = { tenantId: p.tenantId, taskQueue: deps.taskQueue, ...(p.tokenRefresh ?? {}) };
  const { running } = await tokenWorkflowState(deps.client, p.tenantId);
  if (grantReplaced || changes.some((c) => c.startsWith('write scopes'))) {
    await notifyCredentialsUpdated(deps.client, tokenOptions);
    changes.push(running ? 'told the token workflow about the new credentials' : 'started the token workflow');
  } else if (!running) {
    await startTokenRefresh(deps.client, tokenOptions);
    changes.push('started the token workflow');
  }

  // 3. The snapshot schedules (exactly the requested types).
  const schedules = await ensureSnapshotSchedules(
    deps.client,
    { tenantId: p.tenantId, siteUrl, taskQueue: deps.taskQueue, jitterMs: deps.scheduleJitterMs },
    types,
  );
  for (const s of schedules) if (s.outcome !== 'unchanged') changes.push(`${s.outcome} schedule ${s.scheduleId}`);

  const automationToken = (await loadAutomationTokenMetadata(deps.pool, p.tenantId)) !== undefined;
  const unavailableTypes = unreadableTypes(tenant!.grantedScopes, { automationToken });
  return {
    tenantId: p.tenantId,
    siteUrl,
    changes,
    unchanged: changes.length === 0,
    schedules,
    tokenWorkflowId: tokenRefreshWorkflowId(p.tenantId),
    unavailableTypes,
  };
}

/** @deprecated Renamed installTenant (it is the one-step install); kept so existing callers keep working. */
export const provisionTenant = installTenant;
/** @deprecated Renamed InstallTenantInput. */
export type ProvisionTenantInput = InstallTenantInput;
/** @deprecated Renamed InstallDeps. */
export type ProvisionDeps = InstallDeps;
/** @deprecated Renamed InstallResult. */
export type ProvisionResult = InstallResult;
