// Atlassian's OAuth 2.0 (3LO) token endpoint: code exchange and rotating refresh.
// Errors carry the OAuth error code only; request bodies (which hold secrets) never reach a message.
import got, { HTTPError, RequestError } from 'got';

export interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  expiresInSec: number;
  scope: string[];
}

/** The grant is gone (revoked, expired, or its refresh token family was invalidated): re-consent needed. */
export class GrantRevokedError extends Error {
  override name = 'GrantRevokedError';
}
/** The app's own client id/secret was refused: an operator configuration problem, not the user's grant. */
export class OAuthClientRejectedError extends Error {
  override name = 'OAuthClientRejectedError';
}
export class TokenEndpointError extends Error {
  override name = 'TokenEndpointError';
}

const REVOKED_CODES = new Set(['invalid_grant', 'unauthorized_client']);

function parseTokenBody(body: unknown): TokenResponse {
  const b = body as Record<string, unknown> | null;
  if (!b || typeof b.access_token !== 'string' || typeof b.expires_in !== 'number') {
    throw new TokenEndpointError('token endpoint returned a body without access_token/expires_in');
  }
  if (typeof b.refresh_token !== 'string') {
    throw new TokenEndpointError('token endpoint returned no refresh_token (was offline_access granted?)');
  }
  return {
    accessToken: b.access_token,
    refreshToken: b.refresh_token,
    expiresInSec: b.expires_in,
    scope: typeof b.scope === 'string' ? b.scope.split(' ').filter(Boolean) : [],
  };
}

async function postToken(authBaseUrl: string, body: Record<string, string>, timeoutMs: number): Promise<TokenResponse> {
  try {
    const response = await got.post(`${authBaseUrl.replace(/\/$/, '')}/oauth/token`, {
      json: body,
      responseType: 'json',
      timeout: { request: timeoutMs },
      // The refresh token rotates on use: retrying a POST whose answer was lost would burn the new
      // token. Only retry when the server said so before handling the request (429/503 with Retry-After).
      retry: { limit: 2, methods: ['POST'], statusCodes: [429, 503], errorCodes: [] },
    });
    return parseTokenBody(response.body);
  } catch (err) {
    if (err instanceof HTTPError) {
      const payload = err.response.body as { error?: unknown } | undefined;
      const code = typeof payload?.error === 'string' ? payload.error : 'unknown_error';
      if (REVOKED_CODES.has(code)) throw new GrantRevokedError(`token endpoint refused the grant (${code})`);
      if (err.response.statusCode === 401) throw new OAuthClientRejectedError(`token endpoint rejected the OAuth client (${code})`);
      throw new TokenEndpointError(`token endpoint answered HTTP ${err.response.statusCode} (${code})`);
    }
    if (err instanceof TokenEndpointError) throw err;
    const code = err instanceof RequestError ? err.code : 'ERR_UNKNOWN';
    throw new TokenEndpointError(`token endpoint unreachable (${code})`);
  }
}

export function refreshTokens(
  authBaseUrl: string,
  c: { clientId: string; clientSecret: string; refreshToken: string },
  timeoutMs = 15_000,
): Promise<TokenResponse> {
  return postToken(
    authBaseUrl,
    { grant_type: 'refresh_token', client_id: c.clientId, client_secret: c.clientSecret, refresh_token: c.refreshToken },
    timeoutMs,
  );
}

export function exchangeAuthorizationCode(
  authBaseUrl: string,
  c: { clientId: string; clientSecret: string; code: string; redirectUri: string },
  timeoutMs = 15_000,
): Promise<TokenResponse> {
  return postToken(
    authBaseUrl,
    { grant_type: 'authorization_code', client_id: c.clientId, client_secret: c.clientSecret, code: c.code, redirect_uri: c.redirectUri },
    timeoutMs,
  );
}
