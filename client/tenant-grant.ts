// The grant step of a tenant install: exchange the consent code, check its scopes, find the site,
// store the tenant and its grant encrypted. Runs in the caller's process (never in a workflow) so
// tokens stay out of Temporal entirely. installTenant (tenant-install.ts) is the one-step install.
import { withTransaction, type Pool } from '../store/pool';
import { z } from 'zod';
import { exchangeAuthorizationCode } from '../jira-cloud';
import { getAccessibleResources } from '../jira-cloud';
import { saveGrant } from '../store/credential-store';
import type { SecretBox } from '../store/secret-box';
import { getTenant, upsertTenant, type Tenant } from '../store/tenant-store';
import { InvalidInputError } from './errors';
import { parseInput, tenantIdSchema } from './input-schemas';
import { findWriteScopes } from '../domain/oauth-scopes';

const grantSchema = z.object({
  tenantId: tenantIdSchema,
  siteUrl: z.string().url().max(2000),
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(5000),
  authorizationCode: z.string().min(1).max(5000),
  redirectUri: z.string().url().max(2000),
  allowWriteScopes: z.boolean().default(false),
  /** Refuse the grant (nothing stored) unless it carries every one of these scopes. */
  requiredScopes: z.array(z.string().min(1).max(200)).max(100).optional(),
});

export type StoreGrantInput = z.input<typeof grantSchema>;

export interface StoreGrantDeps {
  pool: Pool;
  secretBox: SecretBox;
  authBaseUrl: string;
  apiBaseUrl: string;
}

function normalizeSiteUrl(url: string): string {
  return url.replace(/\/+$/, '').toLowerCase();
}

/** Exchanges the authorization code and stores the tenant with its grant; nothing is stored if any check fails. */
export async function storeConsentedGrant(deps: StoreGrantDeps, input: StoreGrantInput): Promise<Tenant> {
  const p = parseInput(grantSchema, input);
  const tokens = await exchangeAuthorizationCode(deps.authBaseUrl, { ...p, code: p.authorizationCode });
  const writeScopes = findWriteScopes(tokens.scope);
  if (writeScopes.length > 0 && !p.allowWriteScopes) {
    throw new InvalidInputError(`the grant carries write scopes (${writeScopes.join(', ')}); jira-drift only needs read scopes`);
  }
  const missingScopes = (p.requiredScopes ?? []).filter((s) => !tokens.scope.includes(s));
  if (missingScopes.length > 0) {
    throw new InvalidInputError(`the grant lacks scopes jira-drift needs: ${missingScopes.join(', ')} (consent again with every requested scope)`);
  }
  const resources = await getAccessibleResources(deps.apiBaseUrl, tokens.accessToken);
  const site = resources.find((r) => normalizeSiteUrl(r.url) === normalizeSiteUrl(p.siteUrl));
  if (!site) throw new InvalidInputError(`the grant does not reach ${p.siteUrl} (it reaches ${resources.map((r) => r.url).join(', ') || 'no site'})`);

  await withTransaction(deps.pool, async (client) => {
    await upsertTenant(client, {
      id: p.tenantId,
      siteUrl: site.url,
      cloudId: site.id,
      oauthClientId: p.clientId,
      grantedScopes: tokens.scope,
      allowWriteScopes: p.allowWriteScopes,
    });
    await saveGrant(client, deps.secretBox, p.tenantId, {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      clientSecret: p.clientSecret,
      accessExpiresAt: new Date(Date.now() + tokens.expiresInSec * 1000),
      grantIssuedAt: new Date(),
    });
  });
  return (await getTenant(deps.pool, p.tenantId))!;
}
