// Programmatic tenant onboarding: exchange the consent code, find the site, store the grant encrypted.
// Runs in the caller's process (never in a workflow) so tokens stay out of Temporal entirely.
import { withTransaction, type Pool } from '../store/pool';
import { z } from 'zod';
import { exchangeAuthorizationCode } from '../jira-cloud';
import { getAccessibleResources } from '../jira-cloud';
import { TENANT_ID_PATTERN } from '../domain/tenant-id';
import { saveGrant } from '../store/credential-store';
import type { SecretBox } from '../store/secret-box';
import { getTenant, upsertTenant, type Tenant } from '../store/tenant-store';
import { InvalidInputError } from './errors';
import { findWriteScopes } from '../domain/oauth-scopes';

const installSchema = z.object({
  tenantId: z.string().regex(TENANT_ID_PATTERN, 'tenant must be 1-63 chars of a-z, 0-9 and "-"'),
  siteUrl: z.string().url().max(2000),
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(5000),
  authorizationCode: z.string().min(1).max(5000),
  redirectUri: z.string().url().max(2000),
  allowWriteScopes: z.boolean().default(false),
  /** Refuse the grant (nothing stored) unless it carries every one of these scopes. */
  requiredScopes: z.array(z.string().min(1).max(200)).max(100).optional(),
});

export type InstallTenantInput = z.input<typeof installSchema>;

export interface InstallTenantDeps {
  pool: Pool;
  secretBox: SecretBox;
  authBaseUrl: string;
  apiBaseUrl: string;
}

function normalizeSiteUrl(url: string): string {
  return url.replace(/\/+$/, '').toLowerCase();
}

export async function installTenant(deps: InstallTenantDeps, input: InstallTenantInput): Promise<Tenant> {
  const parsed = installSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidInputError(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  }
  const p = parsed.data;
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
