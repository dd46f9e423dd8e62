import type { FastifyInstance } from 'fastify';
import type { TokenResult } from '../oauth/oauth-store';
import type { SimState } from '../sim-state';
import { isJsonObject, type Json } from '../types';
import { bearerToken, callerKeyForToken } from './bearer';
import { applyBaseLatency, applyFaults, sendJson } from './network-simulation';
import { requireContext } from './request-context';

const AVATAR_URL = 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png';

function oauthError(status: number, message: string): Json {
  return { error: status === 429 ? 'too_many_requests' : 'server_error', error_description: message };
}

function gatewayError(status: number, message: string): Json {
  return { code: status, message };
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

/** auth.atlassian.com/oauth/token and api.atlassian.com/oauth/token/accessible-resources. */
export function registerOAuthRoutes(app: FastifyInstance, state: SimState): void {
  app.post('/oauth/token', async (request, reply) => {
    const context = requireContext(request);
    const body: Record<string, unknown> = isJsonObject(request.body) ? request.body : {};
    const clientId = stringField(body, 'client_id');
    await applyBaseLatency(state, context, undefined);
    const outcome = await applyFaults(state, request, reply, context, `client:${clientId ?? ''}`, oauthError);
    if (outcome.answered) return reply;

    const grantType = stringField(body, 'grant_type');
    const now = state.clock.now();
    let result: TokenResult;
    if (grantType === 'authorization_code') {
      result = state.oauth.exchangeCode(
        {
          client_id: clientId,
          client_secret: stringField(body, 'client_secret'),
          code: stringField(body, 'code'),
          redirect_uri: stringField(body, 'redirect_uri'),
        },
        now,
      );
    } else if (grantType === 'refresh_token') {
      result = state.oauth.refresh(
        { client_id: clientId, client_secret: stringField(body, 'client_secret'), refresh_token: stringField(body, 'refresh_token') },
        now,
      );
    } else {
      return sendJson(reply, 400, { error: 'unsupported_grant_type', error_description: 'Grant type must be authorization_code or refresh_token.' });
    }

    if (result.grant) {
      context.grantId = result.grant.grantId;
      context.cloudId = result.grant.cloudIds[0];
    }
    reply.header('Cache-Control', 'no-store');
    if (!result.ok) {
      context.invalidGrant = result.invalidGrant;
      return sendJson(reply, result.status, result.body);
    }
    context.tokenRefresh = result.refreshed;
    return sendJson(reply, 200, { ...result.body }, outcome.malformed);
  });

  app.get('/oauth/token/accessible-resources', async (request, reply) => {
    const context = requireContext(request);
    await applyBaseLatency(state, context, undefined);
    const token = bearerToken(request);
    const check = token ? state.oauth.checkBearer(token, state.clock.now()) : ({ kind: 'unknown' } as const);
    if (check.kind !== 'unknown') {
      context.grantId = check.grant.grantId;
      context.cloudId = check.grant.cloudIds[0];
    }
    if (check.kind === 'expired') context.tokenExpired = true;
    if (!token || check.kind !== 'ok') return sendJson(reply, 401, gatewayError(401, 'Unauthorized'));

    const outcome = await applyFaults(state, request, reply, context, callerKeyForToken(token), gatewayError);
    if (outcome.answered) return reply;
    const scopes = check.grant.scopes.filter((s) => s !== 'offline_access');
    const resources = check.grant.cloudIds
      .map((cloudId) => state.sites.get(cloudId))
      .filter((site) => site !== undefined)
      .map((site) => ({ id: site.cloudId, name: site.info.name, url: site.info.siteUrl, scopes, avatarUrl: AVATAR_URL }));
    return sendJson(reply, 200, resources, outcome.malformed);
  });
}
