// Display names of the people drift attribution names by account id: read from Jira when someone reads
// drift (the tenant's own grant, through the read-only client), held in memory for that answer only.
// Never stored and never part of a workflow payload. Only for a grant that can read users; otherwise,
// or when Jira does not answer, the account ids stand alone and the reason says why.
import type { Pool } from 'pg';
import { AccessTokenProvider, createJiraClient, grantReadsUserNames, readDisplayNames } from '../jira-cloud';
import type { SecretBox } from '../store/secret-box';
import { requireInstalledTenant } from './installed-tenant';

export interface AuthorNameDeps {
  pool: Pool;
  secretBox: SecretBox;
  apiBaseUrl: string;
  authBaseUrl: string;
}

export interface AuthorNames {
  /** accountId → display name, for the ids Jira knows. */
  names: Record<string, string>;
  /** Why no names were read (absent when they were). */
  unavailable?: string;
}

export async function authorNames(deps: AuthorNameDeps, tenantId: string, accountIds: readonly string[]): Promise<AuthorNames> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return { names: {} };
  const tenant = await requireInstalledTenant(deps.pool, tenantId);
  if (!grantReadsUserNames(tenant.grantedScopes))
    return { names: {}, unavailable: "the grant cannot read users (read:user:jira and the operation's other scopes)" };
  const tokens = new AccessTokenProvider({ pool: deps.pool, secretBox: deps.secretBox, authBaseUrl: deps.authBaseUrl });
  const client = createJiraClient({
    apiBaseUrl: deps.apiBaseUrl,
    cloudId: tenant.cloudId,
    getAccessToken: ({ forceRefresh }) => tokens.getAccessToken(tenant.id, { forceRefresh }),
    // A person is waiting: one quick retry, not a snapshot's patience.
    retry: { limit: 1, maxDelayMs: 2000 },
  });
  try {
    return { names: Object.fromEntries(await readDisplayNames(client, ids)) };
  } catch (err) {
    return { names: {}, unavailable: `Jira did not answer: ${(err as Error).message}`.slice(0, 300) };
  }
}
