/**
 * The Automation REST API's rule read responses, as zod schemas written from Atlassian's documentation
 * (developer.atlassian.com/cloud/automation/rest/api-group-rule-management/: RuleSummaryResponse's
 * example) and, for the rule body, from what third-party clients read from live sites (jira-sim/README.md,
 * "Automation REST API"). There is no OpenAPI spec of this API in the repository to validate against, so
 * these schemas are the contract the sim's answers are checked with. Strict where the docs are explicit
 * (the page envelope, the summary members), open where they are not (a component's `value`).
 */
import { z } from 'zod';

const accountId = z.string().min(1);
const ari = z.string().regex(/^ari:cloud:jira:[A-Za-z0-9-]*:(project\/\d+|site\/[A-Za-z0-9-]+)$/);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
/** Seconds since the epoch with a fraction (the docs' example: 1743568964.174). */
const epochSeconds = z.number().positive();
/** Since Aug 2025 the links are query strings only ("?cursor=bbbbbb&limit=100"). */
const link = z.string().regex(/^\?/);

export const ruleSummary = z
  .object({
    uuid,
    name: z.string(),
    state: z.enum(['ENABLED', 'DISABLED']),
    description: z.string().nullable().optional(),
    authorAccountId: accountId,
    actorAccountId: accountId.nullable().optional(),
    created: epochSeconds,
    updated: epochSeconds,
    labels: z.array(z.string()),
    ruleScopeARIs: z.array(ari),
  })
  .strict();

export const ruleSummaryResponse = z
  .object({
    links: z.object({ self: link.optional(), next: link.optional(), prev: link.optional() }).strict(),
    data: z.array(ruleSummary),
  })
  .strict();

type Component = { component: string; type: string; schemaVersion: number; value?: unknown; children: Component[]; conditions: Component[] };
const component: z.ZodType<Component> = z.lazy(() =>
  z
    .object({
      id: z.string().optional(),
      component: z.enum(['TRIGGER', 'CONDITION', 'ACTION', 'BRANCH', 'CONDITION_BLOCK']),
      type: z.string().min(1),
      schemaVersion: z.number().int().positive(),
      value: z.unknown(),
      children: z.array(component),
      conditions: z.array(component),
    })
    .passthrough(),
);

export const ruleResponse = z
  .object({
    rule: z
      .object({
        uuid,
        name: z.string(),
        description: z.string().nullable().optional(),
        state: z.enum(['ENABLED', 'DISABLED']),
        created: epochSeconds,
        updated: epochSeconds,
        authorAccountId: accountId,
        actor: z.object({ type: z.literal('ACCOUNT_ID'), actor: accountId }).strict(),
        canOtherRuleTrigger: z.boolean(),
        notifyOnError: z.enum(['FIRSTERROR', 'ALWAYS', 'NEVER']),
        writeAccessType: z.enum(['OWNER_ONLY', 'UNRESTRICTED']),
        collaborators: z.array(accountId),
        labels: z.array(z.string()),
        ruleScopeARIs: z.array(ari).min(1),
        trigger: component,
        components: z.array(component),
      })
      .strict(),
    connections: z.array(z.object({ id: z.string() }).passthrough()),
  })
  .strict();

export function expectShape(schema: z.ZodTypeAny, body: unknown, what: string): void {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new Error(
      `${what} does not match the documented shape:\n${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
}
