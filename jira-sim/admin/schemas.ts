import { z } from 'zod';
import { FAULT_KINDS } from '../faults/fault-rules';
import { PLANS, PRODUCTS } from '../site/site-options';
import { CONFIG_TYPES } from '../types';

/** Bodies of the admin API, validated so that a bad test setup fails loudly with a 400. */

export const createSiteBody = z.object({
  name: z.string().min(1),
  seed: z.number().int().optional(),
  size: z.union([z.literal('small'), z.literal('large'), z.number().int().positive().max(1_000_000)]),
  cloudId: z.string().min(1).optional(),
  products: z.array(z.enum(PRODUCTS)).optional(),
  plan: z.enum(PLANS).optional(),
  scopeEnforcement: z.boolean().optional(),
});

export const scopeEnforcementBody = z.object({ enabled: z.boolean() });

export const configType = z.enum(CONFIG_TYPES);

export const jsonObjectBody = z.record(z.unknown());

/** `?author=<accountId>`: who the audit record of an admin change names (default: the site's admin). */
export const authorQuery = z.object({ author: z.string().min(1).max(128).optional() }).passthrough();

/** Days audit records are kept; null keeps them all. */
export const auditRetentionBody = z.object({ days: z.number().positive().nullable() });

export const siteUserBody = z.object({ displayName: z.string().min(1), active: z.boolean().default(true) });

export const reorderBody = z.object({ type: configType, id: z.union([z.string(), z.number()]).transform(String), arrayPath: z.string().min(1) });

export const orderingBody = z.object({ mode: z.enum(['id', 'reverse', 'shuffle']), seed: z.number().int().optional() });

export const volatileBody = z.object({ type: configType, id: z.union([z.string(), z.number()]).transform(String) });

export const oauthClientBody = z.object({ clientId: z.string().min(1).optional(), clientSecret: z.string().min(1).optional() });

/** An account's API token for a site (the Automation REST API takes only these); a token is made up unless given. */
export const apiTokenBody = z.object({ email: z.string().email(), token: z.string().min(1).optional() });

export const grantBody = z.object({
  clientId: z.string().min(1),
  scopes: z.array(z.string().min(1)),
  accessTokenTtlSec: z.number().positive().optional(),
  refreshReuseIntervalSec: z.number().nonnegative().optional(),
  redirectUri: z.string().optional(),
  /** Whether the consenting user holds the Administer Jira global permission (default true). */
  administerJira: z.boolean().optional(),
});

export const clockBody = z.object({ offsetSec: z.number() });

export const faultBody = z.object({
  id: z.string().min(1).optional(),
  cloudId: z.string().optional(),
  pathPattern: z.string().optional(),
  method: z.string().optional(),
  kind: z.enum(FAULT_KINDS),
  count: z.number().int().nonnegative().optional(),
  afterRequests: z.number().int().nonnegative().optional(),
  probability: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  latencyMs: z.number().nonnegative().optional(),
  retryAfterSec: z.number().nonnegative().optional(),
  status: z.number().int().min(100).max(599).optional(),
  totalDelta: z.number().int().optional(),
});

/** A points quota to enforce (see jira-sim/quota/points-quota.ts), or `{ off: true }`. */
export const quotaBody = z.union([
  z.object({ off: z.literal(true) }).strict(),
  z
    .object({
      tier: z.enum(['global', 'tenant']),
      pointsPerWindow: z.number().int().positive(),
      windowSeconds: z.number().int().positive().default(3600),
      burstPerSecond: z.number().int().positive().optional(),
    })
    .strict(),
]);

export const latencyBody = z.object({ ms: z.number().nonnegative(), cloudId: z.string().optional() });

export const requestsQuery = z.object({
  cloudId: z.string().optional(),
  since: z.coerce.number().optional(),
  afterSeq: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().positive().max(50_000).default(1000),
});
