// Programmatic API for a tenant's tokenRefreshWorkflow: start it (idempotent), signal it, read status.
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { LIMITS } from '../domain/input-rules';
import { tokenRefreshWorkflowId } from '../domain/workflow-ids';
import { TENANT_ID, TOKEN_STATE } from '../workflows/search-attributes';
import {
  credentialsUpdatedSignal,
  refreshNowSignal,
  tokenStatusQuery,
  type TokenRefreshInput,
  type TokenStatus,
} from '../workflows/token-refresh-contract';
import { countSchema, durationSchema, parseInput, taskQueueSchema, tenantIdSchema } from './input-schemas';
import { workloadTaskQueue } from '../domain/workloads';
import { DEFAULT_TASK_QUEUE } from './snapshots';

const startSchema = z.object({
  tenantId: tenantIdSchema,
  checkEvery: durationSchema.optional(),
  refreshWithin: durationSchema.optional(),
  maxChecksPerRun: countSchema(LIMITS.tokenMaxChecksPerRun).optional(),
  taskQueue: taskQueueSchema.optional(),
});

export type StartTokenRefreshOptions = z.input<typeof startSchema>;

/** Validates token workflow options without any I/O. */
export function startTokenRefreshOptions(options: StartTokenRefreshOptions) {
  const { taskQueue, ...input } = parseInput(startSchema, options);
  return { input: input as TokenRefreshInput, taskQueue: taskQueue ?? DEFAULT_TASK_QUEUE };
}

function startOptions(input: TokenRefreshInput, taskQueue: string) {
  return {
    workflowId: tokenRefreshWorkflowId(input.tenantId),
    // The deployment's tokens queue: token checks never queue behind snapshots or drift scans.
    taskQueue: workloadTaskQueue(taskQueue, 'tokens'),
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
  const { input, taskQueue } = startTokenRefreshOptions(options);
  return client.workflow.start('tokenRefreshWorkflow', { ...startOptions(input, taskQueue), workflowIdConflictPolicy: 'USE_EXISTING' });
}

/**
 * After a re-consent (new grant stored by installTenant): tells the running token workflow to resume,
 * or starts it when it is not running. Signal-with-start, so it is one atomic call.
 */
export async function notifyCredentialsUpdated(client: Client, options: StartTokenRefreshOptions): Promise<WorkflowHandle> {
  const { input, taskQueue } = startTokenRefreshOptions(options);
  return client.workflow.signalWithStart('tokenRefreshWorkflow', {
    ...startOptions(input, taskQueue),
    signal: credentialsUpdatedSignal,
    signalArgs: [],
  });
}

export async function requestTokenRefresh(client: Client, tenantId: string): Promise<void> {
  await client.workflow.getHandle(tokenRefreshWorkflowId(startTokenRefreshOptions({ tenantId }).input.tenantId)).signal(refreshNowSignal);
}

export async function getTokenStatus(client: Client, tenantId: string): Promise<TokenStatus> {
  return client.workflow.getHandle(tokenRefreshWorkflowId(startTokenRefreshOptions({ tenantId }).input.tenantId)).query(tokenStatusQuery);
}

export interface TokenWorkflowState {
  workflowId: string;
  /** No execution with the tenant's token workflow id exists (never started, or past retention). */
  exists: boolean;
  running: boolean;
  /** The TokenState search attribute of the latest execution, when it has one. */
  state: string | null;
}

/** The one answer to "is the tenant's token workflow running", for install, status and removal. */
export async function tokenWorkflowState(client: Client, tenantId: string): Promise<TokenWorkflowState> {
  const workflowId = tokenRefreshWorkflowId(tenantId);
  try {
    const d = await client.workflow.getHandle(workflowId).describe();
    const state = d.typedSearchAttributes.get(TOKEN_STATE);
    return { workflowId, exists: true, running: d.status.name === 'RUNNING', state: typeof state === 'string' ? state : null };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { workflowId, exists: false, running: false, state: null };
    throw err;
  }
}
