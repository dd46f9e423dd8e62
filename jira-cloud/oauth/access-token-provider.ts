// Hands out valid access tokens for a tenant, refreshing through one single-flight path:
// in-process callers share one promise per tenant, and across processes the credential row lock
// (SELECT ... FOR UPDATE) serialises refreshers, which re-check the row before calling Atlassian.
// The rotated refresh token is committed before any caller sees the new access token.
import { withTransaction, type Pool } from '../../store/pool';
import { loadAccessToken, loadCredentials, saveRotatedTokens } from '../../store/credential-store';
import type { SecretBox } from '../../store/secret-box';
import { findWriteScopes } from '../../domain/oauth-scopes';
import { getTenant, setGrantedScopes, setTenantStatus } from '../../store/tenant-store';
import { GrantRevokedError, refreshTokens } from './token-endpoint';

export class ReauthRequiredError extends Error {
  override name = 'ReauthRequiredError';
}

/** The refreshed grant carries write scopes and the operator has not opted in: the grant is not used. */
export class WriteScopesRefusedError extends ReauthRequiredError {
  override name = 'WriteScopesRefusedError';
}

export function writeScopesRefusedReason(writeScopes: string[]): string {
  return `grant carries write scopes (${writeScopes.join(', ')}); re-consent with read-only scopes or reinstall with allowWriteScopes`;
}

export interface AccessTokenProviderOptions {
  pool: Pool;
  secretBox: SecretBox;
  authBaseUrl: string;
  /** Refresh when the access token has less than this left (default 5 minutes). */
  minValidityMs?: number;
  now?: () => number;
  /** Test seam: runs after the token endpoint answered and before the rotated tokens are committed. */
  afterTokenResponse?: (tenantId: string) => Promise<void> | void;
}

export interface RefreshOutcome {
  refreshed: boolean;
  accessExpiresAt: Date;
  version: string;
  /** Scopes of the grant as last reported by the token endpoint (or stored at install). */
  grantedScopes: string[];
}

export class AccessTokenProvider {
  private readonly inFlight = new Map<string, Promise<RefreshOutcome & { accessToken: string }>>();
  private readonly minValidityMs: number;
  private readonly now: () => number;
  /** Count of calls made to the token endpoint by this process (observability and tests). */
  tokenEndpointCalls = 0;

  constructor(private readonly o: AccessTokenProviderOptions) {
    this.minValidityMs = o.minValidityMs ?? 5 * 60_000;
    this.now = o.now ?? Date.now;
  }

  async getAccessToken(tenantId: string, opts: { forceRefresh?: boolean } = {}): Promise<string> {
    if (!opts.forceRefresh) {
      const creds = await loadAccessToken(this.o.pool, this.o.secretBox, tenantId);
      if (!creds) throw new ReauthRequiredError(`tenant ${tenantId} has no stored credentials`);
      if (creds.accessExpiresAt.getTime() - this.now() > this.minValidityMs) return creds.accessToken;
      return (await this.refresh(tenantId, { ifExpiringWithinMs: this.minValidityMs })).accessToken;
    }
    return (await this.refresh(tenantId, { ifExpiringWithinMs: Number.POSITIVE_INFINITY })).accessToken;
  }

  /**
   * Refreshes unless the stored token (re-read under the row lock) is valid for longer than
   * `ifExpiringWithinMs`. Concurrent calls for one tenant in this process share a single refresh.
   */
  refresh(tenantId: string, opts: { ifExpiringWithinMs: number }): Promise<RefreshOutcome & { accessToken: string }> {
    const pending = this.inFlight.get(tenantId);
    if (pending) return pending;
    const started = this.refreshUnderLock(tenantId, opts.ifExpiringWithinMs).finally(() => this.inFlight.delete(tenantId));
    this.inFlight.set(tenantId, started);
    return started;
  }

  private async refreshUnderLock(tenantId: string, ifExpiringWithinMs: number): Promise<RefreshOutcome & { accessToken: string }> {
    return withTransaction(this.o.pool, async (client) => {
      const creds = await loadCredentials(client, this.o.secretBox, tenantId, true);
      const tenant = await getTenant(client, tenantId);
      if (!creds || !tenant) throw new ReauthRequiredError(`tenant ${tenantId} has no stored credentials`);
      // Parallel activities race to refresh: the losers report the winner's stored reason, so whichever
      // failure the workflow sees first says the same thing.
      if (tenant.status === 'reauth_required') {
        throw new ReauthRequiredError(`tenant ${tenantId} needs re-consent${tenant.statusReason ? `: ${tenant.statusReason}` : ''}`);
      }
      const remaining = creds.accessExpiresAt.getTime() - this.now();
      // Another refresher may have rotated while we waited for the lock: its token is good enough.
      if (Number.isFinite(ifExpiringWithinMs) && remaining > ifExpiringWithinMs) {
        return {
          refreshed: false,
          accessToken: creds.accessToken,
          accessExpiresAt: creds.accessExpiresAt,
          version: creds.version,
          grantedScopes: tenant.grantedScopes,
        };
      }
      this.tokenEndpointCalls++;
      // Expiry counts from before the request, so network time only ever makes it conservative.
      const requestedAt = this.now();
      let tokens;
      try {
        tokens = await refreshTokens(this.o.authBaseUrl, {
          clientId: tenant.oauthClientId,
          clientSecret: creds.clientSecret,
          refreshToken: creds.refreshToken,
        });
      } catch (err) {
        if (err instanceof GrantRevokedError) {
          await setTenantStatus(client, tenantId, 'reauth_required', err.message);
          // The status must stick although the call fails: commit before throwing (the rollback is a no-op).
          await client.query('COMMIT');
          throw new ReauthRequiredError(`tenant ${tenantId} needs re-consent: ${err.message}`);
        }
        throw err;
      }
      await this.o.afterTokenResponse?.(tenantId);
      const accessExpiresAt = new Date(requestedAt + tokens.expiresInSec * 1000);
      // The old refresh token is spent: the new pair is stored whatever the scope check says.
      const version = await saveRotatedTokens(client, this.o.secretBox, tenantId, creds.version, { ...tokens, accessExpiresAt });
      if (!version) throw new Error(`credential version for ${tenantId} changed under the row lock`);
      await setGrantedScopes(client, tenantId, tokens.scope);
      const writeScopes = findWriteScopes(tokens.scope);
      if (writeScopes.length > 0 && !tenant.allowWriteScopes) {
        const reason = writeScopesRefusedReason(writeScopes);
        await setTenantStatus(client, tenantId, 'reauth_required', reason);
        await client.query('COMMIT');
        throw new WriteScopesRefusedError(`tenant ${tenantId}: ${reason}`);
      }
      return { refreshed: true, accessToken: tokens.accessToken, accessExpiresAt, version, grantedScopes: tokens.scope };
    });
  }
}
