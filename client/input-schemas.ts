// zod forms of the input rules in domain/input-rules.ts, for the programmatic client and the CLI. The
// rules and their messages live there (the workflows check the same ones); this file only wraps them.
import { z } from 'zod';
import { DURATION_RULE, recordIdRule, TASK_QUEUE_LENGTH, TENANT_ID_RULE, type CountRule } from '../domain/input-rules';
import { SNAPSHOT_TYPES } from '../domain/snapshot-window';
import { baseTaskQueueProblem } from '../domain/workloads';
import { InvalidInputError } from './errors';

export const tenantIdSchema = z.string({ message: TENANT_ID_RULE.message }).refine(TENANT_ID_RULE.test, TENANT_ID_RULE.message);

export const snapshotTypeSchema = z.enum(SNAPSHOT_TYPES);

/** The deployment's base queue; each workload's queue is derived from it (domain/workloads.ts). */
export const taskQueueSchema = z
  .string()
  .min(TASK_QUEUE_LENGTH.min)
  .max(TASK_QUEUE_LENGTH.max)
  .refine((q) => baseTaskQueueProblem(q) === undefined, 'the base task queue must not end with a workload suffix (:tokens, :drift-scans)');

export const durationSchema = z.union([z.string().max(32), z.number()]).refine(DURATION_RULE.test, DURATION_RULE.message);

/** A record id as text; programs may also pass a positive integer. */
export function recordIdSchema(what: 'snapshot' | 'scan' | 'event') {
  const rule = recordIdRule(what);
  return z.union([z.string().refine(rule.test, rule.message), z.number().int().positive().transform(String)]);
}

export function countSchema(rule: CountRule) {
  return z.number({ message: rule.message }).int(rule.message).min(rule.min, rule.message).max(rule.max, rule.message);
}

/** One line naming every problem zod found. */
export function zodProblems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
}

/** Parses `input` with `schema` or throws InvalidInputError with one line naming every problem. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const parsed: z.SafeParseReturnType<z.input<S>, z.output<S>> = schema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(zodProblems(parsed.error));
  return parsed.data;
}

/** A tenant id, or InvalidInputError with the rule's message. */
export function assertTenantId(tenantId: unknown): string {
  if (!TENANT_ID_RULE.test(tenantId)) throw new InvalidInputError(TENANT_ID_RULE.message);
  return tenantId;
}
