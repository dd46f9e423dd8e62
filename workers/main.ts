// Worker process: one Worker per workload it serves (WORKER_ROLES, default all: tokens, snapshots,
// drift), each polling that workload's task queue (domain/workloads.ts) with its own slots. Every
// Worker registers every workflow type and activity, so runs started on the base queue before the
// queues were split are still served by the snapshots Worker (README, "Workload task queues").
// Drains on SIGINT/SIGTERM (in-flight activities get shutdownGraceTime to finish, then are cancelled
// and retried elsewhere — they are idempotent).
import { bundleWorkflowCode, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { dataConverterFromKeys } from '../temporal/data-converter';
import { loadEnv } from '../config/env';
import { baseTaskQueueProblem, parseWorkerRoles, workloadTaskQueue, type Workload } from '../domain/workloads';
import { buildActivityDeps } from './activity-deps';
import { createLogger, PinoTemporalLogger } from './logger';
import { startHealthServer } from './health';
import { connectionOptions } from '../temporal/connection';
import { workflowSource } from './workflow-source';
import { workloadWorkerOptions } from './workload-options';

/** Refused configuration: one line on stderr, exit 2, before anything is opened. */
function refuse(message: string): never {
  process.stderr.write(`jira-drift worker: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let roles: Workload[];
  try {
    roles = parseWorkerRoles(process.env.WORKER_ROLES);
  } catch (err) {
    refuse((err as Error).message);
  }
  const env = loadEnv();
  const baseProblem = baseTaskQueueProblem(env.JIRA_DRIFT_TASK_QUEUE);
  if (baseProblem) refuse(`JIRA_DRIFT_TASK_QUEUE: ${baseProblem}`);
  const logger = createLogger(env.LOG_LEVEL, 'jira-drift-worker');
  Runtime.install({
    logger: new PinoTemporalLogger(logger),
    shutdownSignals: ['SIGINT', 'SIGTERM'],
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} },
      ...(env.METRICS_PORT !== undefined
        ? { metrics: { prometheus: { bindAddress: `0.0.0.0:${env.METRICS_PORT}` }, metricPrefix: 'jira_drift_' } }
        : {}),
    },
  });
  const deps = buildActivityDeps(env, logger);
  const connection = await NativeConnection.connect(connectionOptions(env));
  try {
    const activities = createActivities(deps);
    const dataConverter = dataConverterFromKeys(env.JIRA_DRIFT_PAYLOAD_KEYS);
    // Bundled once for all the process's Workers (each would bundle the sources again).
    const given = workflowSource(env);
    const source =
      'workflowBundle' in given
        ? given
        : { workflowBundle: await bundleWorkflowCode({ workflowsPath: given.workflowsPath, logger: new PinoTemporalLogger(logger) }) };
    const queues = roles.map((role) => workloadTaskQueue(env.JIRA_DRIFT_TASK_QUEUE, role));
    const workers = await Promise.all(
      roles.map((role, i) =>
        Worker.create({
          connection,
          namespace: env.TEMPORAL_NAMESPACE,
          taskQueue: queues[i]!,
          ...source,
          activities,
          dataConverter,
          shutdownGraceTime: '10s',
          ...workloadWorkerOptions(role, env.WORKER_MAX_CACHED_WORKFLOWS),
        }),
      ),
    );
    // RUNNING only while every Worker runs; otherwise the first state that is not.
    const workerState = () => workers.map((w) => w.getState()).find((s) => s !== 'RUNNING') ?? 'RUNNING';
    const health =
      env.HEALTH_PORT !== undefined
        ? await startHealthServer(env.HEALTH_PORT, { workerState, taskQueue: env.JIRA_DRIFT_TASK_QUEUE, taskQueues: queues, pool: deps.pool })
        : undefined;
    if (health) logger.info({ port: env.HEALTH_PORT }, 'health endpoint listening (/healthz, /readyz)');
    if (!env.JIRA_DRIFT_PAYLOAD_KEYS) logger.warn('JIRA_DRIFT_PAYLOAD_KEYS is not set: Temporal payloads are not encrypted');
    logger.info({ roles, taskQueues: queues, address: env.TEMPORAL_ADDRESS }, 'worker started');
    // One Worker failing stops the others too: the process exits and its supervisor restarts it whole.
    const runs = workers.map((w) => w.run());
    try {
      await Promise.all(runs);
    } catch (err) {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await Promise.allSettled(runs);
      throw err;
    }
    health?.close();
    logger.info('worker stopped');
  } finally {
    await connection.close();
    await deps.pool.end();
  }
}

main().catch((err) => {
  process.stderr.write(`jira-drift worker: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
