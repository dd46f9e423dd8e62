// Activities of tokenRefreshWorkflow. They refresh through the AccessTokenProvider's single-flight
// path (the same one on-demand refreshes use) and return metadata only: expiry, version, scope state.
// Tokens stay in this process and the database; they never enter a Temporal payload.
import { findWriteScopes } from '../../domain/oauth-scopes';
import { loadCredentialMetadata, type CredentialMetadata } from '../../store/credential-store';
import { getTenant, type Tenant } from '../../store/tenant-store';
import type { ActivityDeps } from '../deps';
import { withFailureMapping } from '../failures';
import { ReauthRequiredError } from '../../jira-cloud';

export interface CheckTokenInput {
  tenantId: string;
  /** Refresh when the access token expires within this many milliseconds. */
  refreshWithinMs: number;
  /** Refresh whatever the expiry (signal refreshNow). */
  force: boolean;
}

export type TokenCheckOutcome = 'refreshed' | 'still-valid' | 'reauth-required' | 'write-scopes-refused' | 'tenant-disabled' | 'tenant-missing';

export interface CheckTokenResult {
  outcome: TokenCheckOutcome;
  reason: string | null;
  accessExpiresAt: string | null;
  lastRefreshAt: string | null;
  grantIssuedAt: string | null;
  credentialVersion: string | null;
  writeScopes: string[];
  writeScopesAllowed: boolean;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function describe(outcome: TokenCheckOutcome, tenant: Tenant | undefined, meta: CredentialMetadata | undefined): CheckTokenResult {
  return {
    outcome,
    reason: tenant?.statusReason ?? null,
    accessExpiresAt: iso(meta?.accessExpiresAt),
    lastRefreshAt: iso(meta?.lastRefreshAt),
    grantIssuedAt: iso(meta?.grantIssuedAt),
    credentialVersion: meta?.version ?? null,
    writeScopes: tenant ? findWriteScopes(tenant.grantedScopes) : [],
    writeScopesAllowed: tenant?.allowWriteScopes ?? false,
  };
}

/** Why an inactive tenant is inactive, from its row (no token endpoint call). */
function inactiveOutcome(tenant: Tenant): TokenCheckOutcome {
  if (tenant.status === 'disabled') return 'tenant-disabled';
  const refusedScopes = findWriteScopes(tenant.grantedScopes).length > 0 && !tenant.allowWriteScopes;
  return refusedScopes ? 'write-scopes-refused' : 'reauth-required';
}

export function createTokenActivities(deps: ActivityDeps) {
  const reload = async (tenantId: string) => [await getTenant(deps.pool, tenantId), await loadCredentialMetadata(deps.pool, tenantId)] as const;

  return {
    /**
     * Refreshes the tenant's access token if it expires within `refreshWithinMs` (or when forced).
     * Idempotent: a retry re-reads the row and refreshes only if still needed. A revoked grant or a
     * refused scope set is an answer (the tenant is now reauth_required), not a failure.
     */
    async checkAndRefreshToken(input: CheckTokenInput): Promise<CheckTokenResult> {
      return withFailureMapping(async () => {
        const [tenant, meta] = await reload(input.tenantId);
        if (!tenant || !meta) return describe('tenant-missing', tenant, meta);
        if (tenant.status !== 'active') return describe(inactiveOutcome(tenant), tenant, meta);
        const remainingMs = meta.accessExpiresAt.getTime() - Date.now();
        if (!input.force && remainingMs > input.refreshWithinMs) return describe('still-valid', tenant, meta);
        let refreshed: boolean;
        try {
          const outcome = await deps.tokens.refresh(input.tenantId, {
            ifExpiringWithinMs: input.force ? Number.POSITIVE_INFINITY : input.refreshWithinMs,
          });
          refreshed = outcome.refreshed;
        } catch (err) {
          if (!(err instanceof ReauthRequiredError)) throw err;
          const [after, afterMeta] = await reload(input.tenantId);
          deps.logger.info({ tenantId: input.tenantId, reason: after?.statusReason }, 'tenant needs re-consent; token refresh paused');
          return describe(after ? inactiveOutcome(after) : 'tenant-missing', after, afterMeta);
        }
        const [after, afterMeta] = await reload(input.tenantId);
        return describe(refreshed ? 'refreshed' : 'still-valid', after, afterMeta);
      });
    },
  };
}
