/** OAuth 2.0 (3LO) as Atlassian runs it: one-time codes, rotating refresh tokens, reuse interval, expiry, revocation. */
import { CONFIG_SCOPES, http, startFixture, type SimFixture } from './sim-fixture';

let fx: SimFixture;

beforeAll(async () => {
  fx = await startFixture({ size: 'small' });
});
afterAll(async () => {
  await fx.sim.close();
});
afterEach(async () => {
  await fx.admin.setClock(0);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function token(body: Record<string, unknown>) {
  return fx.http('/oauth/token', { method: 'POST', body });
}

function refresh(refreshToken: string | undefined, secret = fx.client.clientSecret) {
  return token({ grant_type: 'refresh_token', client_id: fx.client.clientId, client_secret: secret, refresh_token: refreshToken });
}

async function newGrant(options: { scopes?: string[]; refreshReuseIntervalSec?: number; accessTokenTtlSec?: number } = {}) {
  return fx.admin.consent(fx.site.cloudId, fx.client, { scopes: options.scopes ?? CONFIG_SCOPES, ...options });
}

const INVALID_GRANT = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };

describe('authorization code', () => {
  it('exchanges a code once for an access and a refresh token', async () => {
    const { grantId, code } = await fx.admin.createGrant(fx.site.cloudId, {
      clientId: fx.client.clientId,
      scopes: CONFIG_SCOPES,
      redirectUri: 'https://app/cb',
    });
    const body = {
      grant_type: 'authorization_code',
      client_id: fx.client.clientId,
      client_secret: fx.client.clientSecret,
      code,
      redirect_uri: 'https://app/cb',
    };
    const first = await token(body);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: 3600,
      scope: CONFIG_SCOPES.join(' '),
      token_type: 'Bearer',
    });
    const again = await token(body);
    expect(again.status).toBe(403);
    expect(again.body.error).toBe('invalid_grant');
    expect((await fx.admin.getGrant(grantId)).invalidGrants).toBe(1);
  });

  it('gives no refresh token without offline_access', async () => {
    const { tokens } = await newGrant({ scopes: ['read:jira-work'] });
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope).toBe('read:jira-work');
  });

  it('rejects a wrong client secret with 401 access_denied', async () => {
    const { tokens } = await newGrant();
    const response = await refresh(tokens.refresh_token, 'wrong-secret');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'access_denied', error_description: 'Unauthorized' });
  });

  it('rejects an unknown refresh token with 403 invalid_grant', async () => {
    const response = await refresh('not-a-token');
    expect(response.status).toBe(403);
    expect(response.body).toEqual(INVALID_GRANT);
  });
});

describe('rotating refresh tokens', () => {
  it('rotates on every refresh and lets the previous token be reused within the interval', async () => {
    const { grantId, tokens } = await newGrant({ refreshReuseIntervalSec: 2 });
    const first = await refresh(tokens.refresh_token);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(tokens.refresh_token);
    expect(first.body.access_token).not.toBe(tokens.access_token);
    // A retry with the old token (e.g. the response was lost) within the interval gets a fresh pair.
    const retry = await refresh(tokens.refresh_token);
    expect(retry.status).toBe(200);
    expect(retry.body.refresh_token).not.toBe(first.body.refresh_token);
    const next = await refresh(first.body.refresh_token);
    expect(next.status).toBe(200);
    const grant = await fx.admin.getGrant(grantId);
    expect(grant).toMatchObject({ refreshes: 3, revoked: false });
  });

  it('revokes the whole token family when a rotated token is reused after the interval', async () => {
    const { grantId, tokens } = await newGrant({ refreshReuseIntervalSec: 1 });
    const rotated = await refresh(tokens.refresh_token);
    expect(rotated.status).toBe(200);
    await sleep(1300);
    const reuse = await refresh(tokens.refresh_token);
    expect(reuse.status).toBe(403);
    expect(reuse.body).toEqual(INVALID_GRANT);
    // Every token of the family is dead now: the newest refresh token and the access tokens.
    const newest = await refresh(rotated.body.refresh_token);
    expect(newest.status).toBe(403);
    expect(newest.body).toEqual(INVALID_GRANT);
    const call = await fx.jira('role', { token: rotated.body.access_token });
    expect(call.status).toBe(401);
    const grant = await fx.admin.getGrant(grantId);
    expect(grant).toMatchObject({ revoked: true, invalidGrants: 2, refreshes: 1 });
    const stats = await fx.admin.stats(fx.site.cloudId);
    expect(stats.invalidGrants).toBeGreaterThanOrEqual(2);
    expect(stats.tokenRefreshes).toBeGreaterThanOrEqual(1);
  });

  it('expires a grant after 90 days without a refresh', async () => {
    const { grantId, tokens } = await newGrant();
    await fx.admin.setClock(89 * 86400);
    const stillFine = await refresh(tokens.refresh_token);
    expect(stillFine.status).toBe(200);
    await fx.admin.setClock((89 + 91) * 86400);
    const late = await refresh(stillFine.body.refresh_token);
    expect(late.status).toBe(403);
    expect((await fx.admin.getGrant(grantId)).revokedReason).toMatch(/inactivity/);
  });

  it('expires a grant 365 days after consent however often it is refreshed', async () => {
    const { grantId, tokens } = await newGrant();
    let refreshToken = tokens.refresh_token;
    for (const day of [80, 160, 240, 320]) {
      await fx.admin.setClock(day * 86400);
      const response = await refresh(refreshToken);
      expect(response.status).toBe(200);
      refreshToken = response.body.refresh_token;
    }
    await fx.admin.setClock(366 * 86400);
    const response = await refresh(refreshToken);
    expect(response.status).toBe(403);
    expect((await fx.admin.getGrant(grantId)).revokedReason).toMatch(/absolute/);
  });

  it('stops every token when the user removes the app', async () => {
    const { grantId, tokens } = await newGrant();
    await fx.admin.revokeGrant(grantId);
    expect((await refresh(tokens.refresh_token)).status).toBe(403);
    expect((await fx.jira('role', { token: tokens.access_token })).status).toBe(401);
  });
});

describe('bearer tokens', () => {
  it('accessible-resources lists the granted site with its scopes', async () => {
    const response = await http(fx.sim.url, '/oauth/token/accessible-resources', { headers: { authorization: `Bearer ${fx.tokens.access_token}` } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      {
        id: fx.site.cloudId,
        name: 'acme',
        url: 'https://acme.atlassian.net',
        scopes: CONFIG_SCOPES.filter((s) => s !== 'offline_access'),
        avatarUrl: expect.any(String),
      },
    ]);
    const anonymous = await http(fx.sim.url, '/oauth/token/accessible-resources');
    expect(anonymous.status).toBe(401);
  });

  it('answers 401 with a Jira error body for missing, unknown or foreign-site tokens', async () => {
    const before = await fx.admin.stats(fx.site.cloudId);
    const missing = await http(fx.sim.url, `/ex/jira/${fx.site.cloudId}/rest/api/3/role`);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ errorMessages: [expect.any(String)], errors: {}, status: 401 });
    expect((await fx.jira('role', { token: 'forged' })).status).toBe(401);
    const otherSite = await fx.admin.createSite({ name: 'other', seed: 1, size: 20 });
    expect((await fx.jira('role', { cloudId: otherSite.cloudId })).status).toBe(401);
    const after = await fx.admin.stats(fx.site.cloudId);
    expect(after.unauthorizedCalls - before.unauthorizedCalls).toBe(2);
    expect(after.expiredTokenCalls).toBe(before.expiredTokenCalls);
  });

  it('refuses an expired access token and counts the call as expiredTokenCalls', async () => {
    const { grantId, tokens } = await newGrant({ accessTokenTtlSec: 1 });
    expect(tokens.expires_in).toBe(1);
    expect((await fx.jira('role', { token: tokens.access_token })).status).toBe(200);
    await sleep(1100);
    const before = await fx.admin.stats(fx.site.cloudId);
    const expired = await fx.jira('role', { token: tokens.access_token });
    expect(expired.status).toBe(401);
    const after = await fx.admin.stats(fx.site.cloudId);
    expect(after.expiredTokenCalls - before.expiredTokenCalls).toBe(1);
    const log = await fx.admin.requests({ cloudId: fx.site.cloudId, limit: 1 });
    expect(log.entries[0]).toMatchObject({ status: 401, tokenExpired: true, grantId });
  });

  it('never records token values', async () => {
    const { entries } = await fx.admin.requests({ limit: 10_000 });
    const dump = JSON.stringify(entries);
    expect(entries.length).toBeGreaterThan(10);
    expect(dump).not.toContain(fx.tokens.access_token);
    expect(dump).not.toContain(fx.tokens.refresh_token as string);
  });
});
