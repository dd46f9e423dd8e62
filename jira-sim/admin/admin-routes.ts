import type { FastifyInstance } from 'fastify';
import type { ZodType, ZodTypeDef } from 'zod';
import { SiteError } from '../site/site';
import type { SimState } from '../sim-state';
import type { ConfigType, JsonObject } from '../types';
import * as schemas from './schemas';
import { grantView, siteView } from './views';
import { recordAudit } from './audit-recording';

/** Parses an admin body or query; a mismatch becomes a 400 with zod's explanation. */
function parse<T>(schema: ZodType<T, ZodTypeDef, unknown>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new SiteError(400, result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return result.data;
}

type SiteParams = { cloudId: string };
type ObjectParams = { cloudId: string; type: string; id: string };

/** The admin API that tests and benchmarks use to set the simulator up and look inside it. */
export function registerAdminRoutes(app: FastifyInstance, state: SimState): void {
  const typeOf = (value: string): ConfigType => parse(schemas.configType, value);

  // Sites and their configuration objects.
  app.post('/admin/sites', async (request, reply) => {
    const body = parse(schemas.createSiteBody, request.body);
    const site = state.sites.create(body);
    return reply.code(201).send({ cloudId: site.cloudId, name: site.info.name, siteUrl: site.info.siteUrl, objectCounts: site.counts() });
  });
  app.get('/admin/sites', async () => state.sites.all().map(siteView));
  app.get<{ Params: SiteParams }>('/admin/sites/:cloudId', async (request) => siteView(state.sites.require(request.params.cloudId)));
  app.delete<{ Params: SiteParams }>('/admin/sites/:cloudId', async (request, reply) => {
    state.sites.require(request.params.cloudId);
    state.sites.delete(request.params.cloudId);
    return reply.code(204).send();
  });

  app.get<{ Params: ObjectParams }>('/admin/sites/:cloudId/objects/:type', async (request) =>
    state.sites.require(request.params.cloudId).list(typeOf(request.params.type)),
  );
  app.get<{ Params: ObjectParams }>('/admin/sites/:cloudId/objects/:type/:id', async (request) => {
    const { cloudId, type, id } = request.params;
    const object = state.sites.require(cloudId).get(typeOf(type), id);
    if (!object) throw new SiteError(404, `no ${type} with id ${id}`);
    return object;
  });
  app.post<{ Params: ObjectParams }>('/admin/sites/:cloudId/objects/:type', async (request, reply) => {
    const site = state.sites.require(request.params.cloudId);
    const body = parse(schemas.jsonObjectBody, request.body) as JsonObject;
    const type = typeOf(request.params.type);
    const author = parse(schemas.authorQuery, request.query).author;
    const created = site.add(type, body, state.clock.now());
    recordAudit(site, { type, action: 'created', after: created, author }, state.clock.now());
    return reply.code(201).send(created);
  });
  app.patch<{ Params: ObjectParams }>('/admin/sites/:cloudId/objects/:type/:id', async (request) => {
    const { cloudId, type, id } = request.params;
    const patch = parse(schemas.jsonObjectBody, request.body) as JsonObject;
    const author = parse(schemas.authorQuery, request.query).author;
    const site = state.sites.require(cloudId);
    const before = structuredClone(site.get(typeOf(type), id));
    const after = site.patch(typeOf(type), id, patch, state.clock.now());
    recordAudit(site, { type: typeOf(type), action: 'updated', before, after, patch, author }, state.clock.now());
    return after;
  });
  app.delete<{ Params: ObjectParams }>('/admin/sites/:cloudId/objects/:type/:id', async (request, reply) => {
    const { cloudId, type, id } = request.params;
    const author = parse(schemas.authorQuery, request.query).author;
    const site = state.sites.require(cloudId);
    const before = structuredClone(site.get(typeOf(type), id));
    site.remove(typeOf(type), id);
    recordAudit(site, { type: typeOf(type), action: 'deleted', before, author }, state.clock.now());
    return reply.code(204).send();
  });
  // The audit log: every record still kept, and how long records are kept.
  app.get<{ Params: SiteParams }>('/admin/sites/:cloudId/audit', async (request) =>
    state.sites.require(request.params.cloudId).auditLog.all(state.clock.now()),
  );
  app.post<{ Params: SiteParams }>('/admin/sites/:cloudId/audit-retention', async (request) => {
    const log = state.sites.require(request.params.cloudId).auditLog;
    log.retentionDays = parse(schemas.auditRetentionBody, request.body).days;
    return { days: log.retentionDays };
  });
  // The people the site knows (what user/bulk answers): audit records name them by account id.
  app.put<{ Params: SiteParams & { accountId: string } }>('/admin/sites/:cloudId/users/:accountId', async (request) => {
    const body = parse(schemas.siteUserBody, request.body);
    return state.sites.require(request.params.cloudId).users.put({ accountId: request.params.accountId, ...body });
  });
  app.post<{ Params: SiteParams }>('/admin/sites/:cloudId/reorder', async (request) => {
    const body = parse(schemas.reorderBody, request.body);
    return state.sites.require(request.params.cloudId).reverseArray(body.type, body.id, body.arrayPath);
  });
  app.post<{ Params: SiteParams }>('/admin/sites/:cloudId/ordering', async (request) => {
    const body = parse(schemas.orderingBody, request.body);
    const site = state.sites.require(request.params.cloudId);
    site.setOrdering(body.mode, body.seed);
    return site.getOrdering();
  });
  app.post<{ Params: SiteParams }>('/admin/sites/:cloudId/scope-enforcement', async (request) => {
    const site = state.sites.require(request.params.cloudId);
    site.scopeEnforcement = parse(schemas.scopeEnforcementBody, request.body).enabled;
    return { scopeEnforcement: site.scopeEnforcement };
  });
  app.post<{ Params: SiteParams }>('/admin/sites/:cloudId/volatile', async (request) => {
    const body = parse(schemas.volatileBody, request.body);
    return state.sites.require(request.params.cloudId).touchVolatile(body.type, body.id, state.clock.now());
  });

  // OAuth clients and grants (the consent screen the sim skips).
  app.post('/admin/oauth-clients', async (request, reply) => {
    const body = parse(schemas.oauthClientBody, request.body);
    return reply.code(201).send(state.oauth.registerClient(body.clientId, body.clientSecret));
  });
  app.post<{ Params: SiteParams }>('/admin/sites/:cloudId/grants', async (request, reply) => {
    const body = parse(schemas.grantBody, request.body);
    state.sites.require(request.params.cloudId);
    if (!state.oauth.hasClient(body.clientId)) throw new SiteError(404, `no OAuth client ${body.clientId}`);
    const { grant, code } = state.oauth.createGrant(request.params.cloudId, body, state.clock.now());
    return reply.code(201).send({ grantId: grant.grantId, code });
  });
  app.get<{ Querystring: { cloudId?: string } }>('/admin/grants', async (request) =>
    state.oauth
      .allGrants()
      .filter((g) => request.query.cloudId === undefined || g.cloudIds.includes(request.query.cloudId))
      .map(grantView),
  );
  app.get<{ Params: { grantId: string } }>('/admin/grants/:grantId', async (request) => grantView(requireGrant(state, request.params.grantId)));
  // Test-only: lets a suite prove no issued token (OAuth, or API token) reached a workflow history or a log line.
  app.get('/admin/issued-tokens', async () => ({ tokens: [...state.oauth.rememberedTokens(), ...state.apiTokens.all()] }));

  // API tokens (an account creates them at id.atlassian.com; only the Automation REST API takes them here).
  const apiTokenView = (t: { tokenId: string; email: string; token: string; cloudIds: Set<string>; revoked: boolean }) => ({
    tokenId: t.tokenId,
    email: t.email,
    token: t.token,
    cloudIds: [...t.cloudIds],
    revoked: t.revoked,
  });
  app.post<{ Params: SiteParams }>('/admin/sites/:cloudId/api-tokens', async (request, reply) => {
    const body = parse(schemas.apiTokenBody, request.body);
    state.sites.require(request.params.cloudId);
    try {
      return reply.code(201).send(apiTokenView(state.apiTokens.register(request.params.cloudId, body.email, body.token)));
    } catch (error) {
      throw new SiteError(409, (error as Error).message);
    }
  });
  app.post<{ Params: { tokenId: string } }>('/admin/api-tokens/:tokenId/revoke', async (request) => {
    const token = state.apiTokens.get(request.params.tokenId);
    if (!token) throw new SiteError(404, `no API token ${request.params.tokenId}`);
    state.apiTokens.revoke(token);
    return apiTokenView(token);
  });
  app.post<{ Params: { grantId: string } }>('/admin/grants/:grantId/revoke', async (request) => {
    const grant = requireGrant(state, request.params.grantId);
    state.oauth.revoke(grant, 'revoked by the user', state.clock.now());
    return grantView(grant);
  });

  // Time, faults, latency.
  const clockView = () => ({ offsetSec: state.clock.offsetSec, now: new Date(state.clock.now()).toISOString() });
  app.get('/admin/clock', async () => clockView());
  app.post('/admin/clock', async (request) => {
    state.clock.setOffsetSec(parse(schemas.clockBody, request.body).offsetSec);
    return clockView();
  });
  app.get('/admin/faults', async () => state.faults.list());
  app.post('/admin/faults', async (request, reply) => reply.code(201).send(state.faults.add(parse(schemas.faultBody, request.body))));
  app.delete('/admin/faults', async () => {
    state.retryAfter.clear();
    return { removed: state.faults.clear() };
  });
  app.delete<{ Params: { id: string } }>('/admin/faults/:id', async (request) => ({ removed: state.faults.remove(request.params.id) ? 1 : 0 }));
  app.get('/admin/latency', async () => state.latency.describe());
  app.post('/admin/latency', async (request) => {
    const body = parse(schemas.latencyBody, request.body);
    state.latency.set(body.ms, body.cloudId);
    return state.latency.describe();
  });

  app.get('/admin/quota', async () => state.quota.describe(state.clock.now()));
  app.post('/admin/quota', async (request) => {
    const body = parse(schemas.quotaBody, request.body);
    state.quota.configure('off' in body ? undefined : body);
    return state.quota.describe(state.clock.now());
  });

  // What the service did.
  app.get('/admin/requests', async (request) => state.log.query(parse(schemas.requestsQuery, request.query)));
  app.delete('/admin/requests', async (_request, reply) => {
    state.log.clear();
    return reply.code(204).send();
  });
  app.get<{ Querystring: { cloudId?: string } }>('/admin/stats', async (request) => state.log.stats(request.query.cloudId));
}

function requireGrant(state: SimState, grantId: string) {
  const grant = state.oauth.grant(grantId);
  if (!grant) throw new SiteError(404, `no grant ${grantId}`);
  return grant;
}
