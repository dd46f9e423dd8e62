// Onboards a tenant on a fresh jira-sim site the way an operator would: OAuth consent (simulated by
// jira-sim's admin API), then the real storeConsentedGrant() code exchange and encrypted storage; and,
// unless told not to, a service account's API token for the Automation REST API, made at jira-sim and
// stored with the real setAutomationToken().
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import { setAutomationToken } from '../../client/automation-token';
import { storeConsentedGrant } from '../../client/tenant-grant';
import { REQUESTED_SCOPES } from '../../jira-cloud';
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
  clientId: string;
  clientSecret: string;
  /** The automation API token stored for the tenant (undefined with `automationToken: false`). */
  automationToken?: SimApiToken;
}

export interface SimApiToken {
  tokenId: string;
  email: string;
  token: string;
}

export async function onboardTenant(
  stack: StackState,
  pool: Pool,
  opts: {
    tenantId: string;
    size?: 'small' | 'large' | number;
    seed?: number;
    accessTokenTtlSec?: number;
    refreshReuseIntervalSec?: number;
    /** Consent to these scopes instead of the read-only set jira-drift asks for. */
    scopes?: string[];
    allowWriteScopes?: boolean;
    /** The site's Jira plan (the sim's default is Standard); Free has no issue security. */
    plan?: 'free' | 'standard' | 'premium';
    /** The site's products (jira-sim's default: Jira Software and Jira Work Management). */
    products?: string[];
    /** Whether the consenting user holds Administer Jira (jira-sim's default: yes). */
    administerJira?: boolean;
    /** An OAuth app several tenants share (one Tier 1 quota pool); default: an app of the tenant's own. */
    client?: { clientId: string; clientSecret: string };
    /** Store an API token for the Automation REST API (default true; false: automation rules unavailable). */
    automationToken?: boolean;
  },
): Promise<TenantFixture> {
  const clientId = opts.client?.clientId ?? `client-${opts.tenantId}`;
  const clientSecret = opts.client?.clientSecret ?? crypto.randomBytes(16).toString('hex');
  await admin(stack, 'POST', '/admin/oauth-clients', { clientId, clientSecret });
  const site = await admin<{ cloudId: string; siteUrl: string; objectCounts: Record<string, number> }>(stack, 'POST', '/admin/sites', {
    name: opts.tenantId,
    seed: opts.seed ?? 42,
    size: opts.size ?? 'small',
    ...(opts.plan ? { plan: opts.plan } : {}),
    ...(opts.products ? { products: opts.products } : {}),
  });
  const grant = await admin<{ grantId: string; code: string }>(stack, 'POST', `/admin/sites/${site.cloudId}/grants`, {
    clientId,
    scopes: opts.scopes ?? [...REQUESTED_SCOPES],
    ...(opts.accessTokenTtlSec ? { accessTokenTtlSec: opts.accessTokenTtlSec } : {}),
    ...(opts.refreshReuseIntervalSec ? { refreshReuseIntervalSec: opts.refreshReuseIntervalSec } : {}),
    ...(opts.administerJira === false ? { administerJira: false } : {}),
  });
  await storeConsentedGrant(
    { pool, secretBox: SecretBox.fromSpec(stack.encryptionKeys), authBaseUrl: stack.jiraSimUrl, apiBaseUrl: stack.jiraSimUrl },
    {
      tenantId: opts.tenantId,
      siteUrl: site.siteUrl,
      clientId,
      clientSecret,
      authorizationCode: grant.code,
      redirectUri: 'http://localhost/callback',
      allowWriteScopes: opts.allowWriteScopes ?? false,
    },
  );
  const automationToken = opts.automationToken === false ? undefined : await storeSimApiToken(stack, pool, opts.tenantId, site.cloudId);
  const objectCount = Object.values(site.objectCounts).reduce((a, b) => a + b, 0);
  return {
    tenantId: opts.tenantId,
    cloudId: site.cloudId,
    siteUrl: site.siteUrl,
    objectCount,
    grantId: grant.grantId,
    clientId,
    clientSecret,
    automationToken,
  };
}

/** A service account makes an API token at jira-sim for the site; the operator stores it for the tenant. */
export async function storeSimApiToken(stack: StackState, pool: Pool, tenantId: string, cloudId: string): Promise<SimApiToken> {
  const made = await admin<SimApiToken>(stack, 'POST', `/admin/sites/${cloudId}/api-tokens`, { email: `automation@${tenantId}.example.com` });
  await setAutomationToken({ pool, secretBox: SecretBox.fromSpec(stack.encryptionKeys) }, { tenantId, email: made.email, apiToken: made.token });
  return made;
}

/** The user consents again (a new grant for the same site and client) and the operator re-installs. */
export async function reconsentTenant(
  stack: StackState,
  pool: Pool,
  tenant: TenantFixture,
  opts: { scopes?: string[]; allowWriteScopes?: boolean; accessTokenTtlSec?: number } = {},
): Promise<TenantFixture> {
  const grant = await admin<{ grantId: string; code: string }>(stack, 'POST', `/admin/sites/${tenant.cloudId}/grants`, {
    clientId: tenant.clientId,
    scopes: opts.scopes ?? [...REQUESTED_SCOPES],
    ...(opts.accessTokenTtlSec ? { accessTokenTtlSec: opts.accessTokenTtlSec } : {}),
  });
  await storeConsentedGrant(
    { pool, secretBox: SecretBox.fromSpec(stack.encryptionKeys), authBaseUrl: stack.jiraSimUrl, apiBaseUrl: stack.jiraSimUrl },
    {
      tenantId: tenant.tenantId,
      siteUrl: tenant.siteUrl,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      authorizationCode: grant.code,
      redirectUri: 'http://localhost/callback',
      allowWriteScopes: opts.allowWriteScopes ?? false,
    },
  );
  return { ...tenant, grantId: grant.grantId };
}

export const simAdmin = admin;

export function uniqueId(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(4).toString('hex')}`;
}
