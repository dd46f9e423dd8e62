// Worker options per workload: each queue gets its own Worker (own pollers, slots and sticky cache),
// so slots taken by one workload are never the ones another is waiting for.
import type { WorkerOptions } from '@temporalio/worker';
import type { Workload } from '../domain/workloads';

type SlotOptions = Pick<
  WorkerOptions,
  'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentLocalActivityExecutions' | 'maxCachedWorkflows'
>;

export const WORKLOAD_WORKER_OPTIONS: Record<Workload, SlotOptions> = {
  // Thousands of long-lived, mostly idle workflows whose checks are local activities (a few ms of SQL):
  // many workflow-task slots, local-activity slots, and almost no activity slots (it has no activities).
  tokens: { maxConcurrentWorkflowTaskExecutions: 40, maxConcurrentLocalActivityExecutions: 20, maxConcurrentActivityTaskExecutions: 2 },
  // Jira reads: each activity spends most of its time waiting for Jira, bounded per tenant by
  // JIRA_CONCURRENCY; the slots bound how many resources are read at once per process.
  snapshots: { maxConcurrentWorkflowTaskExecutions: 20, maxConcurrentActivityTaskExecutions: 40, maxConcurrentLocalActivityExecutions: 2 },
  // Chunks of SQL comparison: database-bound, so few at once (the pool has 20 connections for all).
  drift: { maxConcurrentWorkflowTaskExecutions: 10, maxConcurrentActivityTaskExecutions: 4, maxConcurrentLocalActivityExecutions: 2 },
};

/** The options of one workload's Worker; WORKER_MAX_CACHED_WORKFLOWS caps each Worker's sticky cache. */
export function workloadWorkerOptions(workload: Workload, maxCachedWorkflows: number | undefined): SlotOptions {
  const base = WORKLOAD_WORKER_OPTIONS[workload];
  return maxCachedWorkflows !== undefined ? { ...base, maxCachedWorkflows } : base;
}
