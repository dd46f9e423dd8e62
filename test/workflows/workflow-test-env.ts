// Workflow-logic tests: the real workflow code (bundled once per test file) in a Worker whose activities
// are mocks, against the project's own `temporal` binary started by TestWorkflowEnvironment.createLocal
// (a real dev server with the service's search attributes; no time skipping, so tests use short
// durations and signals instead of long timers). Nothing else runs: no PostgreSQL, no jira-sim.
import path from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { temporalBinary } from '../../scripts/temporal-dev-server';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { WORKLOADS, workloadTaskQueue } from '../../domain/workloads';

export const WORKFLOWS_PATH = path.join(__dirname, '..', '..', 'workflows', 'index.ts');

const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** The workflow code, bundled as production bundles it (workers/bundle-workflows.ts), plus any interceptor modules. */
export function bundleWorkflows(workflowInterceptorModules: string[] = []): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, workflowInterceptorModules, logger: silent });
}

/** A dev server from the project's `temporal` binary (scripts/ensure-temporal.sh), search attributes registered. */
export function startLocalTemporal(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalBinary() },
      ip: '127.0.0.1',
      searchAttributes: [...SEARCH_ATTRIBUTES],
      log: { format: 'json', level: 'error' },
    },
  });
}

export type MockActivities = Partial<Activities>;

export interface WorkflowTestContext {
  readonly env: TestWorkflowEnvironment;
  readonly client: Client;
  /**
   * Runs `fn` while a Worker with these mock activities polls a task queue of its own (passed to fn);
   * the worker is shut down when fn settles.
   */
  withWorker<T>(activities: MockActivities, fn: (taskQueue: string) => Promise<T>): Promise<T>;
}

let queues = 0;

/** Registers beforeAll/afterAll for one test file: one server and one bundle, shared by its tests. */
export function useWorkflowTestEnv(): WorkflowTestContext {
  let env: TestWorkflowEnvironment | undefined;
  let bundle: WorkflowBundle | undefined;

  beforeAll(async () => {
    // Worker lifecycle lines and the mocks' deliberate activity failures would drown the test output.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    [env, bundle] = await Promise.all([startLocalTemporal(), bundleWorkflows()]);
  });

  afterAll(async () => {
    await env?.teardown();
  });

  const ctx: WorkflowTestContext = {
    get env() {
      if (!env) throw new Error('test environment not started');
      return env;
    },
    get client() {
      return ctx.env.client;
    },
    async withWorker(activities, fn) {
      // One Worker per workload queue of this base queue, as workers/main.ts runs them (children and
      // continue-as-new move to the drift and tokens queues).
      const taskQueue = `wf-test-${process.pid}-${++queues}`;
      const workers = await Promise.all(
        WORKLOADS.map((w) =>
          Worker.create({
            connection: ctx.env.nativeConnection,
            namespace: ctx.env.namespace ?? 'default',
            taskQueue: workloadTaskQueue(taskQueue, w),
            workflowBundle: bundle!,
            activities,
          }),
        ),
      );
      const [tokens, snapshots, drift] = workers;
      return tokens!.runUntil(snapshots!.runUntil(drift!.runUntil(fn(taskQueue))));
    },
  };
  return ctx;
}

/** Polls a workflow query until `accept` holds (the tests' only wait: for the workflow to get there). */
export async function waitForQuery<T>(
  handle: WorkflowHandle,
  queryName: string,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await handle.query<T>(queryName);
      if (accept(last)) return last;
    } catch {
      // Not started yet, or between runs of a continue-as-new: ask again.
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last ${queryName}: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Statuses of every execution (run) matching a visibility query, sorted, once they equal `expected`
 * (visibility trails the workflows by a moment); the last ones read if they never do.
 */
export async function executionStatuses(client: Client, query: string, expected: string[], timeoutMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses: string[] = [];
    for await (const wf of client.workflow.list({ query })) statuses.push(wf.status.name);
    statuses.sort();
    if (JSON.stringify(statuses) === JSON.stringify([...expected].sort()) || Date.now() > deadline) return statuses;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The workflow's result, or a failure naming it if it is still running after `timeoutMs`. */
export async function resultWithin<T>(handle: WorkflowHandle, timeoutMs = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${handle.workflowId} still running after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([handle.result() as Promise<T>, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A promise plus its resolver, to hold a mock activity until the test lets it go. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
