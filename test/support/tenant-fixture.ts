// Onboards a tenant on a fresh jira-sim site the way an operator would: OAuth consent (simulated by
// jira-sim's admin API), then the real installTenant() code exchange and encrypted storage.
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import { installTenant } from '../../client/tenants';
import { REQUESTED_SCOPES } from '../../domain/oauth-scopes';
import { SecretBox } from '../../store/secret-box';
import type { StackState } from './stack-state';

async function admin<T>(stack: StackState, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack.jiraSimUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`jira-sim admin ${method} ${path} → ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface TenantFixture {
  tenantId: string;
  cloudId: string;
  siteUrl: string;
  objectCount: number;
  grantId: string;
}

export async function onboardTenant(
  stack: StackState,
  pool: Pool,
  opts: { tenantId: string; size?: 'small' | 'large' | number; seed?: number; accessTokenTtlSec?: number },
): Promise<TenantFixture> {
  const clientId = `client-${opts.tenantId}`;
  const clientSecret = crypto.randomBytes(16).toString('hex');
  await admin(stack, 'POST', '/admin/oauth-clients', { clientId, clientSecret });
  const site = await admin<{ cloudId: string; siteUrl: string; objectCounts: Record<string, number> }>(stack, 'POST', '/admin/sites', {
    name: opts.tenantId,
    seed: opts.seed ?? 42,
    size: opts.size ?? 'small',
  });
  const grant = await admin<{ grantId: string; code: string }>(stack, 'POST', `/admin/sites/${site.cloudId}/grants`, {
    clientId,
    scopes: [...REQUESTED_SCOPES],
    ...(opts.accessTokenTtlSec ? { accessTokenTtlSec: opts.accessTokenTtlSec } : {}),
  });
  await installTenant(
    { pool, secretBox: SecretBox.fromSpec(stack.encryptionKeys), authBaseUrl: stack.jiraSimUrl, apiBaseUrl: stack.jiraSimUrl },
    {
      tenantId: opts.tenantId,
      siteUrl: site.siteUrl,
      clientId,
      clientSecret,
      authorizationCode: grant.code,
      redirectUri: 'http://localhost/callback',
    },
  );
  const objectCount = Object.values(site.objectCounts).reduce((a, b) => a + b, 0);
  return { tenantId: opts.tenantId, cloudId: site.cloudId, siteUrl: site.siteUrl, objectCount, grantId: grant.grantId };
}

export const simAdmin = admin;

export function uniqueId(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(4).toString('hex')}`;
}
