import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FaultRule } from '../faults/fault-rules';
import type { PageFault } from '../rest/paging';
import type { SimState } from '../sim-state';
import type { Json } from '../types';
import { record, pathOf } from './recording';
import type { SimRequestContext } from './request-context';

/** Builds the error body in the dialect of the endpoint (Jira ErrorCollection or OAuth error). */
export type ErrorBody = (status: number, message: string) => Json;

export interface FaultOutcome {
  /** True when a fault already answered (or dropped) the request. */
  answered: boolean;
  pageFault?: PageFault;
  malformed: boolean;
}

const RATE_LIMIT_HEADER_LIMIT = '350';
const DEFAULT_TIMEOUT_HOLD_MS = 60_000;

/** The configured per-request latency: applied first, like the network would. */
export async function applyBaseLatency(state: SimState, context: SimRequestContext, cloudId: string | undefined): Promise<void> {
  const ms = state.latency.forSite(cloudId);
  if (ms <= 0) return;
  context.appliedLatencyMs += ms;
  await state.sleeper.sleep(ms);
}

/**
 * Early-retry enforcement and injected faults, for a request already authenticated (`callerKey` identifies
 * the token or client that a 429 tells to wait).
 */
export async function applyFaults(
  state: SimState,
  request: FastifyRequest,
  reply: FastifyReply,
  context: SimRequestContext,
  callerKey: string,
  errorBody: ErrorBody,
): Promise<FaultOutcome> {
  const now = state.clock.now();
  const waitMs = state.retryAfter.remainingMs(callerKey, now);
  if (waitMs > 0) {
    // Jira refuses a call made before Retry-After elapsed, with the same or a longer wait.
    context.earlyRetry = true;
    sendRateLimited(reply, Math.ceil(waitMs / 1000), now, errorBody);
    return { answered: true, malformed: false };
  }

  const decision = state.faults.evaluate({ cloudId: context.cloudId, method: request.method, path: pathOf(request) });
  if (decision.latencyMs > 0) {
    context.appliedLatencyMs += decision.latencyMs;
    await state.sleeper.sleep(decision.latencyMs);
  }
  const fault = decision.fault;
  if (!fault) return { answered: false, malformed: false };
  context.fault = fault.kind;
  return answerFault(state, request, reply, context, callerKey, fault, errorBody);
}

async function answerFault(
  state: SimState,
  request: FastifyRequest,
  reply: FastifyReply,
  context: SimRequestContext,
  callerKey: string,
  fault: FaultRule,
  errorBody: ErrorBody,
): Promise<FaultOutcome> {
  const now = state.clock.now();
  switch (fault.kind) {
    case 'rate-limit': {
      const retryAfterSec = fault.retryAfterSec ?? 1;
      state.retryAfter.remember(callerKey, now + retryAfterSec * 1000);
      sendRateLimited(reply, retryAfterSec, now, errorBody);
      return { answered: true, malformed: false };
    }
    case 'server-error': {
      const status = fault.status ?? 503;
      if (fault.retryAfterSec !== undefined) reply.header('Retry-After', String(fault.retryAfterSec));
      sendJson(reply, status, errorBody(status, 'The service is temporarily unavailable. Please try again later.'));
      return { answered: true, malformed: false };
    }
    case 'not-found':
      sendJson(reply, 404, errorBody(404, 'The requested resource was not found.'));
      return { answered: true, malformed: false };
    case 'timeout':
      await holdAndDrop(state, request, reply, context, fault.latencyMs ?? DEFAULT_TIMEOUT_HOLD_MS);
      return { answered: true, malformed: false };
    case 'malformed':
      return { answered: false, malformed: true };
    case 'truncated-page':
    case 'missing-islast':
    case 'repeat-page':
      return { answered: false, malformed: false, pageFault: { kind: fault.kind } };
    case 'total-drift':
      return { answered: false, malformed: false, pageFault: { kind: 'total-drift', delta: fault.totalDelta ?? 7 } };
    case 'latency':
      return { answered: false, malformed: false };
  }
}

function sendRateLimited(reply: FastifyReply, retryAfterSec: number, nowMs: number, errorBody: ErrorBody): void {
  reply
    .header('Retry-After', String(retryAfterSec))
    .header('X-RateLimit-Limit', RATE_LIMIT_HEADER_LIMIT)
    .header('X-RateLimit-Remaining', '0')
    .header('X-RateLimit-Reset', new Date(nowMs + retryAfterSec * 1000).toISOString())
    .header('RateLimit-Reason', 'jira-burst-based');
  sendJson(reply, 429, errorBody(429, 'Rate limit exceeded.'));
}

/** A server that accepted the request and never answers: hold the socket, then drop it. */
async function holdAndDrop(state: SimState, request: FastifyRequest, reply: FastifyReply, context: SimRequestContext, holdMs: number): Promise<void> {
  reply.hijack();
  await state.sleeper.sleep(holdMs);
  record(state, request, context, 0);
  request.raw.socket?.destroy();
}

/**
 * Sends a JSON body; with `malformed` the body is cut in half, which leaves unbalanced brackets
 * and therefore invalid JSON, while the status stays 200.
 */
export function sendJson(reply: FastifyReply, status: number, body: Json, malformed = false): FastifyReply {
  const text = JSON.stringify(body);
  const payload = malformed ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
  return reply.code(status).type('application/json;charset=UTF-8').send(payload);
}
