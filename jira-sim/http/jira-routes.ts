import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AGILE_ROUTES, AUTOMATION_ROUTES, RESOURCE_ROUTES } from '../rest/resources';
import type { Resource } from '../rest/resource-kit';
import type { RouteTable } from '../rest/route-match';
import type { Site } from '../site/site';
import type { OperationScopes } from '../scopes/operation-scopes';
import { jiraError, NoContent, RestError } from '../rest/jira-error';
import { agileOperationScopes } from '../scopes/agile-scopes';
import { grantAllows, operationScopes, SCOPE_MISMATCH_BODY } from '../scopes/operation-scopes';
import type { SimState } from '../sim-state';
import type { Json } from '../types';
import { basicCredentials } from '../oauth/api-tokens';
import { bearerToken, callerKeyForToken } from './bearer';
import type { SimRequestContext } from './request-context';
import { applyBaseLatency, applyFaults, sendJson } from './network-simulation';
import { automationGate, productGate, type GateAnswer } from './product-gates';
import { requestPoints } from '../quota/points-quota';
import { requireContext } from './request-context';

interface Api {
  prefix: string;
  routes: RouteTable<Resource>;
  /** The OAuth scopes of an operation; undefined for an API no OAuth token reaches. */
  scopes?: (method: string, template: string) => OperationScopes | undefined;
}

/** One gateway path of api.atlassian.com and the APIs behind it. */
interface Mount {
  url: string;
  apis: Api[];
  /** What the gateway accepts: OAuth 2.0 (3LO) bearer tokens, or only API tokens (HTTP Basic). */
  auth: 'oauth-bearer' | 'api-token';
  /** Areas the site lacks, by the path after the cloud id. */
  gate: (site: Site, rest: string) => GateAnswer | undefined;
}

/** Who is calling, as the gateway sees it once authenticated. */
interface Caller {
  /** The points-quota pool key: the OAuth app, or the API token's account. */
  clientId: string;
  /** Scopes the gateway checks (a grant's); undefined where it checks none. */
  scopes?: readonly string[];
  administerJira: boolean;
  /** Where a 429's Retry-After is remembered: a digest of the credential. */
  callerKey: string;
}

const NOT_AUTHENTICATED = jiraError(401, 'You are not authenticated. Authentication required to perform this operation.');

/** A live OAuth access token of a grant for this site, or undefined (401). */
function oauthCaller(state: SimState, request: FastifyRequest, cloudId: string, context: SimRequestContext): Caller | undefined {
  const token = bearerToken(request);
  const check = token ? state.oauth.checkBearer(token, state.clock.now()) : ({ kind: 'unknown' } as const);
  if (check.kind !== 'unknown') context.grantId = check.grant.grantId;
  if (check.kind === 'expired') context.tokenExpired = true;
  if (!token || check.kind !== 'ok' || !check.grant.cloudIds.includes(cloudId)) return undefined;
  return {
    clientId: check.grant.clientId,
    scopes: check.grant.scopes,
    administerJira: check.grant.administerJira,
    callerKey: callerKeyForToken(token),
  };
}

/**
 * A registered API token of an account that can read this site, or undefined (401): the Automation REST
 * API refuses OAuth bearer tokens. What a scoped token needs there is unverified (jira-sim/README.md), so
 * no scope is checked.
 */
function apiTokenCaller(state: SimState, request: FastifyRequest, cloudId: string): Caller | undefined {
  const credentials = basicCredentials(request.headers.authorization);
  const check = credentials ? state.apiTokens.check(credentials, cloudId) : ({ kind: 'unknown' } as const);
  if (check.kind !== 'ok') return undefined;
  return { clientId: `api-token:${check.token.tokenId}`, administerJira: true, callerKey: callerKeyForToken(check.token.token) };
}

/**
 * What the sim serves through the API gateway: the platform API (scopes from the spec) and Jira
 * Software's agile API under /ex/jira/{cloudId}/, the Automation REST API under
 * /automation/public/jira/{cloudId}/ (jira-sim/README.md).
 */
const MOUNTS: Mount[] = [
  {
    url: '/ex/jira/:cloudId/*',
    apis: [
      { prefix: 'rest/api/3/', routes: RESOURCE_ROUTES, scopes: operationScopes },
      { prefix: 'rest/agile/1.0/', routes: AGILE_ROUTES, scopes: agileOperationScopes },
    ],
    auth: 'oauth-bearer',
    gate: productGate,
  },
  {
    url: '/automation/public/jira/:cloudId/*',
    apis: [{ prefix: 'rest/v1/', routes: AUTOMATION_ROUTES }],
    auth: 'api-token',
    gate: (site) => automationGate(site),
  },
];

/** The read-only configuration endpoints of each simulated site. */
export function registerJiraRoutes(app: FastifyInstance, state: SimState): void {
  for (const mount of MOUNTS) registerMount(app, state, mount);
}

function registerMount(app: FastifyInstance, state: SimState, mount: Mount): void {
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: mount.url,
    handler: async (request, reply) => {
      const context = requireContext(request);
      const params = request.params as { cloudId: string; '*': string };
      const cloudId = params.cloudId;
      context.cloudId = cloudId;
      await applyBaseLatency(state, context, cloudId);

      const caller = mount.auth === 'api-token' ? apiTokenCaller(state, request, cloudId) : oauthCaller(state, request, cloudId, context);
      if (!caller) return sendJson(reply, 401, NOT_AUTHENTICATED);
      const site = state.sites.get(cloudId);
      if (!site) return sendJson(reply, 404, jiraError(404, `Site ${cloudId} not found.`));

      const rest = params['*'];
      const api = mount.apis.find((a) => rest.startsWith(a.prefix));
      const apiPath = api ? rest.slice(api.prefix.length).replace(/\/$/, '') : undefined;
      const route = api && apiPath !== undefined ? api.routes.match(apiPath) : undefined;
      // The API gateway checks scopes before the request reaches Jira (and before its rate limits).
      const required = route && api?.scopes?.(request.method, route.template);
      if (site.scopeEnforcement && required && caller.scopes && !grantAllows(required, caller.scopes)) {
        return sendJson(reply, 401, SCOPE_MISMATCH_BODY);
      }

      // Then the rate limits: the points quota of the app's pool and the endpoint's burst limit.
      const endpoint = `/${api?.prefix ?? ''}${route?.template ?? apiPath ?? rest}`;
      const admission = state.quota.admit({ clientId: caller.clientId, cloudId, method: request.method, endpoint }, state.clock.now());
      if (!admission.admitted) {
        context.throttled = admission.limit;
        reply.headers(admission.headers);
        return sendJson(reply, 429, jiraError(429, 'Rate limit exceeded.'));
      }
      /** Every answer past the limits is charged to the pool (a read by its objects) and carries its headers. */
      const charged = (readBody?: Json) => {
        const now = state.clock.now();
        state.quota.charge(admission.pool, requestPoints(readBody), now);
        return reply.headers(state.quota.headers(admission.pool, now));
      };

      const outcome = await applyFaults(state, request, reply, context, caller.callerKey, jiraError);
      if (outcome.answered) return reply;

      const gate = mount.gate(site, rest);
      if (gate) return sendJson(charged(), gate.status, gate.body);
      if (!route || apiPath === undefined) {
        return sendJson(charged(), 404, jiraError(404, `No resource found for ${request.method} /${rest}.`));
      }
      const resource = route.value;
      const handler = request.method === 'GET' ? resource.get : request.method === 'POST' ? resource.post : undefined;
      if (!handler) {
        // The sim is a read-only Jira: writes are refused, and recorded as writes by the recording hook.
        reply.header('Allow', [resource.get ? 'GET' : undefined, resource.post ? 'POST' : undefined].filter(Boolean).join(', '));
        return sendJson(charged(), 405, jiraError(405, `Method ${request.method} is not allowed on /${rest}; jira-sim is read-only.`));
      }

      let body: Json;
      try {
        body = handler({
          site,
          params: route.params,
          query: request.query as Record<string, string | string[]>,
          body: request.body,
          pageUrl: `${site.info.siteUrl}/${api?.prefix ?? ''}${apiPath}`,
          pageFault: outcome.pageFault,
          caller: { administerJira: caller.administerJira },
          nowMs: state.clock.now(),
        });
      } catch (error) {
        if (error instanceof RestError) return sendJson(charged(), error.status, error.body);
        if (error instanceof NoContent) return charged().code(204).send();
        throw error;
      }
      if (outcome.pageFault?.kind === 'truncated-page' && Array.isArray(body)) body = body.slice(0, Math.floor(body.length / 2));
      return sendJson(charged(body), 200, body, outcome.malformed);
    },
  });
}
