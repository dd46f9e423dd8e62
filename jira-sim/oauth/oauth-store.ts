import { randomBytes } from 'node:crypto';

const DAY_MS = 86_400_000;
/** Atlassian: rotating refresh tokens die after 90 days without a refresh, and every grant after 365 days. */
export const INACTIVITY_EXPIRY_MS = 90 * DAY_MS;
export const ABSOLUTE_EXPIRY_MS = 365 * DAY_MS;
const CODE_TTL_MS = 10 * 60_000;
/** Tokens kept per grant; older ones are forgotten so long benchmark runs stay within bounded memory. */
const TOKENS_KEPT_PER_GRANT = 200;

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

interface RefreshTokenState {
  issuedAtMs: number;
  /** When the token was first exchanged for a new pair; it stays usable for the reuse interval after that. */
  rotatedAtMs?: number;
}

export interface Grant {
  grantId: string;
  clientId: string;
  cloudIds: string[];
  scopes: string[];
  /** Whether the consenting user holds Administer Jira (3LO calls act as that user). */
  administerJira: boolean;
  redirectUri?: string;
  accessTokenTtlSec: number;
  refreshReuseIntervalSec: number;
  issuedAtMs: number;
  lastActivityMs: number;
  revoked: boolean;
  revokedReason?: string;
  revokedAtMs?: number;
  refreshes: number;
  invalidGrants: number;
  accessTokens: Map<string, number>;
  refreshTokens: Map<string, RefreshTokenState>;
}

export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  scope: string;
  token_type: 'Bearer';
}

export type TokenResult =
  | { ok: true; grant: Grant; body: TokenResponse; refreshed: boolean }
  | { ok: false; status: number; body: { error: string; error_description: string }; grant?: Grant; invalidGrant: boolean };

export type BearerCheck = { kind: 'ok'; grant: Grant } | { kind: 'expired'; grant: Grant } | { kind: 'revoked'; grant: Grant } | { kind: 'unknown' };

/** A consent as the admin API takes it. */
export interface GrantInput {
  clientId: string;
  scopes: string[];
  accessTokenTtlSec?: number;
  refreshReuseIntervalSec?: number;
  /** When set, the authorization-code exchange must send the same redirect_uri. */
  redirectUri?: string;
  /** Whether the consenting user holds Administer Jira (default true). */
  administerJira?: boolean;
}

export interface GrantDefaults {
  accessTokenTtlSec: number;
  refreshReuseIntervalSec: number;
}

const INVALID_REFRESH = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };
const ACCESS_DENIED = { error: 'access_denied', error_description: 'Unauthorized' };

function opaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** OAuth 2.0 (3LO) state: clients, consent grants, authorization codes and rotating token families. */
export class OAuthStore {
  private readonly clients = new Map<string, OAuthClient>();
  private readonly grants = new Map<string, Grant>();
  private readonly codes = new Map<string, { grantId: string; expiresAtMs: number; used: boolean }>();
  private readonly accessIndex = new Map<string, Grant>();
  private readonly refreshIndex = new Map<string, Grant>();
  private grantSerial = 0;

  constructor(private readonly defaults: GrantDefaults) {}

  registerClient(clientId?: string, clientSecret?: string): OAuthClient {
    const client = { clientId: clientId ?? opaqueToken().slice(0, 32), clientSecret: clientSecret ?? opaqueToken() };
    this.clients.set(client.clientId, client);
    return client;
  }

  hasClient(clientId: string): boolean {
    return this.clients.has(clientId);
  }

  /** The user's consent: a new grant for the site and a one-time authorization code for it. */
  createGrant(cloudId: string, request: GrantInput, nowMs: number): { grant: Grant; code: string } {
    this.grantSerial++;
    const grant: Grant = {
      grantId: `grant-${this.grantSerial}`,
      clientId: request.clientId,
      cloudIds: [cloudId],
      scopes: [...request.scopes],
      administerJira: request.administerJira ?? true,
      redirectUri: request.redirectUri,
      accessTokenTtlSec: request.accessTokenTtlSec ?? this.defaults.accessTokenTtlSec,
      refreshReuseIntervalSec: request.refreshReuseIntervalSec ?? this.defaults.refreshReuseIntervalSec,
      issuedAtMs: nowMs,
      lastActivityMs: nowMs,
      revoked: false,
      refreshes: 0,
      invalidGrants: 0,
      accessTokens: new Map(),
      refreshTokens: new Map(),
    };
    this.grants.set(grant.grantId, grant);
    const code = opaqueToken();
    this.pruneCodes(nowMs);
    this.codes.set(code, { grantId: grant.grantId, expiresAtMs: nowMs + CODE_TTL_MS, used: false });
    return { grant, code };
  }

  grant(grantId: string): Grant | undefined {
    return this.grants.get(grantId);
  }

  allGrants(): Grant[] {
    return [...this.grants.values()];
  }

  /** Token values still remembered (the newest 200 per grant and kind), for secret-leak scans in tests. */
  rememberedTokens(): string[] {
    return [...this.accessIndex.keys(), ...this.refreshIndex.keys()];
  }

  revoke(grant: Grant, reason: string, nowMs: number): void {
    if (grant.revoked) return;
    grant.revoked = true;
    grant.revokedReason = reason;
    grant.revokedAtMs = nowMs;
  }

  exchangeCode(body: { client_id?: string; client_secret?: string; code?: string; redirect_uri?: string }, nowMs: number): TokenResult {
    if (!this.clientAuthenticates(body.client_id, body.client_secret)) return this.fail(401, ACCESS_DENIED);
    const entry = body.code ? this.codes.get(body.code) : undefined;
    const grant = entry ? this.grants.get(entry.grantId) : undefined;
    const invalidCode = { error: 'invalid_grant', error_description: 'Invalid authorization code' };
    if (!entry || !grant || !body.code) return this.fail(403, invalidCode);
    // Codes are single use, whatever the outcome; a used one is kept until it expires so reuse is attributed.
    const used = entry.used;
    entry.used = true;
    if (used || grant.clientId !== body.client_id || entry.expiresAtMs < nowMs || grant.revoked) return this.fail(403, invalidCode, grant);
    if (grant.redirectUri !== undefined && grant.redirectUri !== body.redirect_uri) {
      return this.fail(403, { error: 'invalid_grant', error_description: 'Invalid redirect_uri' }, grant);
    }
    grant.lastActivityMs = nowMs;
    return { ok: true, grant, body: this.issue(grant, nowMs), refreshed: false };
  }

  refresh(body: { client_id?: string; client_secret?: string; refresh_token?: string }, nowMs: number): TokenResult {
    if (!this.clientAuthenticates(body.client_id, body.client_secret)) return this.fail(401, ACCESS_DENIED);
    const grant = body.refresh_token ? this.refreshIndex.get(body.refresh_token) : undefined;
    const state = grant && body.refresh_token ? grant.refreshTokens.get(body.refresh_token) : undefined;
    if (!grant || !state || !body.refresh_token) return this.fail(403, INVALID_REFRESH);
    if (grant.clientId !== body.client_id || grant.revoked) return this.fail(403, INVALID_REFRESH, grant);
    if (nowMs - grant.issuedAtMs > ABSOLUTE_EXPIRY_MS) return this.revokeAndFail(grant, 'absolute expiry (365 days)', nowMs);
    if (nowMs - grant.lastActivityMs > INACTIVITY_EXPIRY_MS) return this.revokeAndFail(grant, 'inactivity expiry (90 days)', nowMs);
    if (state.rotatedAtMs !== undefined && nowMs - state.rotatedAtMs > grant.refreshReuseIntervalSec * 1000) {
      return this.revokeAndFail(grant, 'refresh token reused after the reuse interval', nowMs);
    }
    state.rotatedAtMs ??= nowMs;
    grant.lastActivityMs = nowMs;
    grant.refreshes++;
    return { ok: true, grant, body: this.issue(grant, nowMs), refreshed: true };
  }

  checkBearer(token: string, nowMs: number): BearerCheck {
    const grant = this.accessIndex.get(token);
    const expiresAtMs = grant?.accessTokens.get(token);
    if (!grant || expiresAtMs === undefined) return { kind: 'unknown' };
    if (grant.revoked) return { kind: 'revoked', grant };
    if (expiresAtMs <= nowMs) return { kind: 'expired', grant };
    return { kind: 'ok', grant };
  }

  private issue(grant: Grant, nowMs: number): TokenResponse {
    const accessToken = opaqueToken();
    remember(grant.accessTokens, this.accessIndex, accessToken, nowMs + grant.accessTokenTtlSec * 1000, grant);
    const response: TokenResponse = {
      access_token: accessToken,
      expires_in: grant.accessTokenTtlSec,
      scope: grant.scopes.join(' '),
      token_type: 'Bearer',
    };
    // Atlassian returns a refresh token only when offline_access was consented to.
    if (grant.scopes.includes('offline_access')) {
      const refreshToken = opaqueToken();
      remember(grant.refreshTokens, this.refreshIndex, refreshToken, { issuedAtMs: nowMs }, grant);
      response.refresh_token = refreshToken;
    }
    return response;
  }

  private pruneCodes(nowMs: number): void {
    for (const [code, entry] of this.codes) if (entry.expiresAtMs < nowMs) this.codes.delete(code);
  }

  private clientAuthenticates(clientId: string | undefined, clientSecret: string | undefined): boolean {
    const client = clientId ? this.clients.get(clientId) : undefined;
    return client !== undefined && client.clientSecret === clientSecret;
  }

  private revokeAndFail(grant: Grant, reason: string, nowMs: number): TokenResult {
    this.revoke(grant, reason, nowMs);
    return this.fail(403, INVALID_REFRESH, grant);
  }

  private fail(status: number, body: { error: string; error_description: string }, grant?: Grant): TokenResult {
    const invalidGrant = body.error === 'invalid_grant';
    if (invalidGrant && grant) grant.invalidGrants++;
    return { ok: false, status, body, grant, invalidGrant };
  }
}

/** Adds a token to a grant's bounded map and the global index, forgetting the grant's oldest token if full. */
function remember<V>(map: Map<string, V>, index: Map<string, Grant>, token: string, value: V, grant: Grant): void {
  map.set(token, value);
  index.set(token, grant);
  if (map.size > TOKENS_KEPT_PER_GRANT) {
    const oldest = map.keys().next().value as string;
    map.delete(oldest);
    index.delete(oldest);
  }
}
