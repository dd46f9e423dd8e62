import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SimState } from '../sim-state';
import { attachContext, contextOf, type SimRequestContext } from './request-context';
import { isJiraWrite } from './write-detection';

export function pathOf(request: FastifyRequest): string {
  const url = request.url;
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Records every Jira-facing request (REST, token endpoint, accessible-resources, unknown paths); admin calls are not recorded. */
export function registerRecording(app: FastifyInstance, state: SimState): void {
  app.addHook('onRequest', async (request) => {
    const path = pathOf(request);
    if (path === '/admin' || path.startsWith('/admin/')) return;
    attachContext(request, {
      at: state.clock.now(),
      startedAt: performance.now(),
      appliedLatencyMs: 0,
      isWrite: isJiraWrite(request.method, path),
      tokenExpired: false,
      tokenRefresh: false,
      invalidGrant: false,
      earlyRetry: false,
      logged: false,
    });
  });
  app.addHook('onResponse', async (request, reply) => {
    const context = contextOf(request);
    if (context && !context.logged) record(state, request, context, reply.statusCode);
  });
}

/** Writes the request's log entry (exactly once). */
export function record(state: SimState, request: FastifyRequest, context: SimRequestContext, status: number): void {
  context.logged = true;
  const query = (request.query ?? {}) as Record<string, string | string[]>;
  state.log.record({
    at: context.at,
    method: request.method,
    path: pathOf(request),
    query: { ...query },
    status,
    cloudId: context.cloudId,
    grantId: context.grantId,
    appliedLatencyMs: context.appliedLatencyMs,
    isWrite: context.isWrite,
    tokenExpired: context.tokenExpired,
    fault: context.fault,
    tokenRefresh: context.tokenRefresh,
    invalidGrant: context.invalidGrant,
    earlyRetry: context.earlyRetry,
    throttled: context.throttled,
    durationMs: Math.round(performance.now() - context.startedAt),
  });
}
