import { Prng } from '../prng';

export const FAULT_KINDS = [
  'latency',
  'rate-limit',
  'server-error',
  'timeout',
  'malformed',
  'truncated-page',
  'total-drift',
  'missing-islast',
  'repeat-page',
  'not-found',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRuleInput {
  id?: string;
  cloudId?: string;
  /** Matches when the request path contains it, or when it is a regular expression that matches the path. */
  pathPattern?: string;
  method?: string;
  kind: FaultKind;
  /** How many times the rule fires; unlimited when absent. */
  count?: number;
  /** Lets the first n matching requests through untouched. */
  afterRequests?: number;
  /** Chance of firing per matching request, drawn from a generator seeded by `seed`. */
  probability?: number;
  seed?: number;
  latencyMs?: number;
  retryAfterSec?: number;
  status?: number;
  /** For total-drift: how far the reported total is off (default +7). */
  totalDelta?: number;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  matched: number;
  applied: number;
}

export interface FaultTarget {
  cloudId?: string;
  method: string;
  path: string;
}

export interface FaultDecision {
  /** Sum of the latency rules that fired. */
  latencyMs: number;
  /** The first non-latency rule that fired, if any. */
  fault?: FaultRule;
}

interface CompiledRule {
  rule: FaultRule;
  regex?: RegExp;
  rng: Prng;
}

/** Fault injection rules, evaluated in the order they were added. */
export class FaultRules {
  private rules: CompiledRule[] = [];
  private serial = 0;

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...input, id: input.id ?? `fault-${++this.serial}`, matched: 0, applied: 0 };
    this.rules = this.rules.filter((r) => r.rule.id !== rule.id);
    this.rules.push({ rule, regex: compile(input.pathPattern), rng: new Prng(input.seed ?? 1) });
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r.rule }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.rule.id !== id);
    return this.rules.length < before;
  }

  clear(): number {
    const removed = this.rules.length;
    this.rules = [];
    return removed;
  }

  evaluate(target: FaultTarget): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const { rule, regex, rng } of this.rules) {
      if (!matches(rule, regex, target)) continue;
      // Once a request has its fault, later non-latency rules do not see it (their counters stay put).
      if (rule.kind !== 'latency' && decision.fault) continue;
      rule.matched++;
      if (rule.matched <= (rule.afterRequests ?? 0)) continue;
      if (rule.count !== undefined && rule.applied >= rule.count) continue;
      if (rule.probability !== undefined && rng.next() >= rule.probability) continue;
      rule.applied++;
      if (rule.kind === 'latency') decision.latencyMs += rule.latencyMs ?? 0;
      else decision.fault = rule;
    }
    return decision;
  }
}

function compile(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

function matches(rule: FaultRule, regex: RegExp | undefined, target: FaultTarget): boolean {
  if (rule.cloudId !== undefined && rule.cloudId !== target.cloudId) return false;
  if (rule.method !== undefined && rule.method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (rule.pathPattern !== undefined && !target.path.includes(rule.pathPattern) && !regex?.test(target.path)) return false;
  return true;
}
