// Workloads and their task queues. Token workflows, snapshots and drift scans each have a task queue of
// their own, so a backlog of one cannot hold up the others (each queue has its own pollers and slots).
// Snapshots keep the deployment's base queue (JIRA_DRIFT_TASK_QUEUE): schedules created before the
// split keep working, and runs started there before it (of any type) are still served (README). Pure
// (no Node imports): workflows route children and continue-as-new with it, clients start with it.

export const WORKLOADS = ['tokens', 'snapshots', 'drift'] as const;
export type Workload = (typeof WORKLOADS)[number];

/** Suffix of each workload's queue after the base queue's name ('' = the base queue itself). */
const QUEUE_SUFFIX: Record<Workload, string> = { tokens: ':tokens', snapshots: '', drift: ':drift-scans' };

/** The workflow types each workload starts (a worker registers every type; see workers/main.ts). */
export const WORKFLOW_WORKLOAD = {
  tokenRefreshWorkflow: 'tokens',
  snapshotWorkflow: 'snapshots',
  scheduledSnapshotWorkflow: 'snapshots',
  driftScanWorkflow: 'drift',
} as const satisfies Record<string, Workload>;

/** The task queue of a workload in the deployment whose base queue is `baseQueue`. */
export function workloadTaskQueue(baseQueue: string, workload: Workload): string {
  return `${baseQueue}${QUEUE_SUFFIX[workload]}`;
}

/** A visibility-query clause matching executions on any of the deployment's queues. */
export function anyWorkloadQueueClause(baseQueue: string): string {
  return `TaskQueue IN (${WORKLOADS.map((w) => `'${workloadTaskQueue(baseQueue, w)}'`).join(', ')})`;
}

/** The base queue of any workload's queue (a workflow finds its deployment from its own queue). */
export function baseTaskQueueOf(queue: string): string {
  for (const suffix of Object.values(QUEUE_SUFFIX)) {
    if (suffix && queue.endsWith(suffix)) return queue.slice(0, -suffix.length);
  }
  return queue;
}

/** Why `baseQueue` cannot be a deployment's base queue, or undefined when it can. */
export function baseTaskQueueProblem(baseQueue: string): string | undefined {
  if (baseTaskQueueOf(baseQueue) !== baseQueue) return `the base task queue must not end with a workload suffix (${baseQueue})`;
  return undefined;
}

/**
 * WORKER_ROLES: which workloads a worker process serves, comma-separated; unset or empty = all.
 * Throws with a one-line message on anything else.
 */
export function parseWorkerRoles(value: string | undefined): Workload[] {
  if (value === undefined || value.trim() === '') return [...WORKLOADS];
  const roles = value.split(',').map((r) => r.trim());
  const bad = roles.filter((r) => !(WORKLOADS as readonly string[]).includes(r));
  if (bad.length > 0 || roles.length === 0) {
    // The value is not echoed: a misplaced secret must not reach the log.
    throw new Error(`WORKER_ROLES must be a comma-separated list of ${WORKLOADS.join(', ')}`);
  }
  if (new Set(roles).size !== roles.length) throw new Error('WORKER_ROLES names a role twice');
  return WORKLOADS.filter((w) => roles.includes(w));
}
