import type { FastifyRequest } from 'fastify';

/** What the sim learns about one Jira-facing request while handling it; becomes its request-log entry. */
export interface SimRequestContext {
  at: number;
  startedAt: number;
  cloudId?: string;
  grantId?: string;
  appliedLatencyMs: number;
  isWrite: boolean;
  tokenExpired: boolean;
  fault?: string;
  tokenRefresh: boolean;
  invalidGrant: boolean;
  earlyRetry: boolean;
  /** Refused by the points quota or the burst limit (not an injected fault). */
  throttled?: 'quota' | 'burst';
  /** True once the entry was written (timeouts write it themselves before dropping the socket). */
  logged: boolean;
}

// Kept outside the request object so the sim does not augment fastify's types for the whole project.
const contexts = new WeakMap<FastifyRequest['raw'], SimRequestContext>();

export function attachContext(request: FastifyRequest, context: SimRequestContext): void {
  contexts.set(request.raw, context);
}

export function contextOf(request: FastifyRequest): SimRequestContext | undefined {
  return contexts.get(request.raw);
}

/** The context of a route the recording hook always covers. */
export function requireContext(request: FastifyRequest): SimRequestContext {
  const context = contexts.get(request.raw);
  if (!context) throw new Error(`no sim context for ${request.method} ${request.url}`);
  return context;
}
