// A tenant's API token for Atlassian's Automation REST API, which takes no OAuth token: a service account's
// email and (scoped) API token, stored encrypted (store/automation-token-store.ts) and sent as HTTP Basic
// to the automation gateway only. The same operations as `jira-drift tenant automation-token ...`.
import { z } from 'zod';
import { deleteAutomationToken, loadAutomationTokenMetadata, saveAutomationToken } from '../store/automation-token-store';
import type { Queryable } from '../store/pool';
import type { SecretBox } from '../store/secret-box';
import { requireInstalledTenant } from './installed-tenant';
import { parseInput, tenantIdSchema } from './input-schemas';

export interface AutomationTokenDeps {
  pool: Queryable;
  secretBox: SecretBox;
}

// Messages name the rule, never the value (the token is a secret).
const setSchema = z.object({
  tenantId: tenantIdSchema,
  email: z.string().max(320).email('must be the email address of the account that owns the token'),
  apiToken: z
    .string()
    .min(1, 'is empty')
    .max(5000, 'is longer than 5000 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be one line of printable characters without spaces'),
});

export type SetAutomationTokenInput = z.input<typeof setSchema>;

export interface SetAutomationTokenResult {
  tenantId: string;
  /** Whether a token was already stored (and is now replaced). */
  replaced: boolean;
}

/** Stores (or replaces) the tenant's automation API token; bad input changes nothing. */
export async function setAutomationToken(deps: AutomationTokenDeps, input: SetAutomationTokenInput): Promise<SetAutomationTokenResult> {
  const p = parseInput(setSchema, input);
  await requireInstalledTenant(deps.pool, p.tenantId);
  const replaced = (await loadAutomationTokenMetadata(deps.pool, p.tenantId)) !== undefined;
  await saveAutomationToken(deps.pool, deps.secretBox, p.tenantId, { email: p.email, apiToken: p.apiToken });
  return { tenantId: p.tenantId, replaced };
}

/** Deletes the tenant's automation API token; automation rules are unavailable from the next snapshot. */
export async function clearAutomationToken(
  deps: Pick<AutomationTokenDeps, 'pool'>,
  tenantId: string,
): Promise<{ tenantId: string; cleared: boolean }> {
  await requireInstalledTenant(deps.pool, tenantId);
  return { tenantId, cleared: await deleteAutomationToken(deps.pool, tenantId) };
}
