// A simulated OAuth consent on a fresh jira-sim site, without installing anything: what an operator
// holds before `jira-drift tenant install` (client id/secret, site URL, an authorization code).
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { installTenant, type InstallTenantInput } from '../../client/tenant-lifecycle';
import { REQUESTED_SCOPES } from '../../jira-cloud';
import { SecretBox } from '../../store/secret-box';
import type { StackState } from './stack-state';
import { simAdmin, storeSimApiToken } from './tenant-fixture';

export interface Consent {
  clientId: string;
  clientSecret: string;
  siteUrl: string;
  cloudId: string;
  grantId: string;
  code: string;
  objectCount: number;
}

export async function consentOnNewSite(stack: StackState, name: string, opts: { size?: 'small' | number; seed?: number } = {}): Promise<Consent> {
  const clientId = `client-${name}`;
  const clientSecret = crypto.randomBytes(16).toString('hex');
  await simAdmin(stack, 'POST', '/admin/oauth-clients', { clientId, clientSecret });
  const site = await simAdmin<{ cloudId: string; siteUrl: string; objectCounts: Record<string, number> }>(stack, 'POST', '/admin/sites', {
    name,
    seed: opts.seed ?? 42,
    size: opts.size ?? 'small',
  });
  const grant = await simAdmin<{ grantId: string; code: string }>(stack, 'POST', `/admin/sites/${site.cloudId}/grants`, {
    clientId,
    scopes: [...REQUESTED_SCOPES],
  });
  const objectCount = Object.values(site.objectCounts).reduce((a, b) => a + b, 0);
  return { clientId, clientSecret, siteUrl: site.siteUrl, cloudId: site.cloudId, grantId: grant.grantId, code: grant.code, objectCount };
}

/**
 * installTenant with the test stack's addresses and keys, then (like onboardTenant) an automation API
 * token, so a snapshot captures what the consent's `objectCount` counts. `scheduleJitterMs`: the
 * deployment's schedule jitter (default: the service's).
 */
export async function provisionOnStack(
  stack: StackState,
  pool: Pool,
  client: Client,
  taskQueue: string,
  tenantId: string,
  consent: Consent,
  extra: Partial<InstallTenantInput> = {},
  opts: { scheduleJitterMs?: number } = {},
) {
  const installed = await installTenant(
    {
      pool,
      client,
      taskQueue,
      secretBox: SecretBox.fromSpec(stack.encryptionKeys),
      authBaseUrl: stack.jiraSimUrl,
      apiBaseUrl: stack.jiraSimUrl,
      ...(opts.scheduleJitterMs !== undefined ? { scheduleJitterMs: opts.scheduleJitterMs } : {}),
    },
    {
      tenantId,
      siteUrl: consent.siteUrl,
      clientId: consent.clientId,
      clientSecret: consent.clientSecret,
      authorizationCode: consent.code,
      redirectUri: 'http://localhost/callback',
      types: ['daily'],
      ...extra,
    },
  );
  await storeSimApiToken(stack, pool, tenantId, consent.cloudId);
  return installed;
}
