import Fastify, { type FastifyError, type FastifyServerOptions } from 'fastify';
import { registerAdminRoutes } from './admin/admin-routes';
import { registerJiraRoutes } from './http/jira-routes';
import { sendJson } from './http/network-simulation';
import { registerOAuthRoutes } from './http/oauth-routes';
import { pathOf, registerRecording } from './http/recording';
import { jiraError } from './rest/jira-error';
import { SimState } from './sim-state';
import { SiteError } from './site/site';

export interface JiraSimOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** How long a rotated refresh token stays usable (Atlassian: 10 minutes). */
  refreshReuseIntervalSec?: number;
  /** Lifetime of access tokens (Atlassian: 1 hour). */
  accessTokenTtlSec?: number;
  /** Simulated latency added to every REST and token request. */
  latencyMs?: number;
  /** How many request-log entries are kept (the newest); counters are exact regardless. */
  requestLogCapacity?: number;
  /** Fastify/pino logger settings; off by default. Request logs never include headers or tokens. */
  logger?: FastifyServerOptions['logger'];
}

export interface JiraSim {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the simulated Jira Cloud: auth.atlassian.com (/oauth/token), api.atlassian.com
 * (/oauth/token/accessible-resources, /ex/jira/{cloudId}/rest/api/3/...) and the /admin API, on one port.
 */
export async function startJiraSim(opts: JiraSimOptions = {}): Promise<JiraSim> {
  const state = new SimState({
    refreshReuseIntervalSec: opts.refreshReuseIntervalSec ?? 600,
    accessTokenTtlSec: opts.accessTokenTtlSec ?? 3600,
    latencyMs: opts.latencyMs ?? 0,
    requestLogCapacity: opts.requestLogCapacity ?? 50_000,
  });
  const app = Fastify({ logger: opts.logger ?? false, forceCloseConnections: true, exposeHeadRoutes: false });

  // The token endpoint is documented as JSON; accept form posts too, and any other body as text so that
  // odd write attempts still reach the handler (and the request log) instead of failing with 415.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  registerRecording(app, state);
  registerOAuthRoutes(app, state);
  registerJiraRoutes(app, state);
  registerAdminRoutes(app, state);

  const isAdmin = (url: string) => url === '/admin' || url.startsWith('/admin/');
  app.setNotFoundHandler((request, reply) => {
    if (isAdmin(pathOf(request))) return reply.code(404).send({ error: `no admin route ${request.method} ${pathOf(request)}` });
    return sendJson(reply, 404, jiraError(404, `No resource found for ${request.method} ${pathOf(request)}.`));
  });
  app.setErrorHandler((error: FastifyError | SiteError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'jira-sim internal error');
    if (isAdmin(pathOf(request))) return reply.code(status).send({ error: error.message });
    return sendJson(reply, status, jiraError(status, error.message));
  });

  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: async () => {
      state.sleeper.cancelAll();
      await app.close();
    },
  };
}
