// Programmatic API for a tenant's tokenRefreshWorkflow: start it (idempotent), signal it, read status.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { parseDuration } from '../domain/duration';
import { TENANT_ID_PATTERN } from '../domain/tenant-id';
import { tokenRefreshWorkflowId } from '../domain/workflow-ids';
import { TENANT_ID, TOKEN_STATE } from '../workflows/search-attributes';
import {
  credentialsUpdatedSignal,
  refreshNowSignal,
  tokenStatusQuery,
  type TokenRefreshInput,
  type TokenStatus,
} from '../workflows/token-refresh-contract';
import { InvalidInputError } from './errors';
import { DEFAULT_TASK_QUEUE } from './snapshots';

const duration = z.union([z.string().max(32), z.number()]).refine((v) => parseDuration(v) !== undefined, 'must be a duration such as "12h"');

const startSchema = z.object({
  tenantId: z.string().regex(TENANT_ID_PATTERN, 'tenant must be 1-63 chars of a-z, 0-9 and "-"'),
  checkEvery: duration.optional(),
  refreshWithin: duration.optional(),
  maxChecksPerRun: z.number().int().min(1).max(10_000).optional(),
  taskQueue: z.string().min(1).max(200).optional(),
});

export type StartTokenRefreshOptions = z.input<typeof startSchema>;

function parse(options: StartTokenRefreshOptions) {
  const parsed = startSchema.safeParse(options);
  if (!parsed.success) {
    throw new InvalidInputError(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  }
  const { taskQueue, ...input } = parsed.data;
  return { input: input as TokenRefreshInput, taskQueue: taskQueue ?? DEFAULT_TASK_QUEUE };
}

function startOptions(input: TokenRefreshInput, taskQueue: string) {
  return {
    workflowId: tokenRefreshWorkflowId(input.tenantId),
    taskQueue,
    args: [input] as [TokenRefreshInput],
    typedSearchAttributes: [
      { key: TENANT_ID, value: input.tenantId },
      { key: TOKEN_STATE, value: 'starting' },
    ],
    memo: { tenantId: input.tenantId },
  };
}

/** Starts the tenant's token workflow, or returns the running one (there is only ever one). */
export async function startTokenRefresh(client: Client, options: StartTokenRefreshOptions): Promise<WorkflowHandle> {
  const { input, taskQueue } = parse(options);
  return client.workflow.start('tokenRefreshWorkflow', { ...startOptions(input, taskQueue), workflowIdConflictPolicy: 'USE_EXISTING' });
}

/**
 * After a re-consent (new grant stored by installTenant): tells the running token workflow to resume,
 * or starts it when it is not running. Signal-with-start, so it is one atomic call.
 */
export async function notifyCredentialsUpdated(client: Client, options: StartTokenRefreshOptions): Promise<WorkflowHandle> {
  const { input, taskQueue } = parse(options);
  return client.workflow.signalWithStart('tokenRefreshWorkflow', {
    ...startOptions(input, taskQueue),
    signal: credentialsUpdatedSignal,
    signalArgs: [],
  });
}

export async function requestTokenRefresh(client: Client, tenantId: string): Promise<void> {
  await client.workflow.getHandle(tokenRefreshWorkflowId(parse({ tenantId }).input.tenantId)).signal(refreshNowSignal);
}

export async function getTokenStatus(client: Client, tenantId: string): Promise<TokenStatus> {
  return client.workflow.getHandle(tokenRefreshWorkflowId(parse({ tenantId }).input.tenantId)).query(tokenStatusQuery);
}
