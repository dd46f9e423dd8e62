// Worker process: polls the jira-drift task queue, runs workflows and activities, drains on
// SIGINT/SIGTERM (in-flight activities get shutdownGraceTime to finish, then are cancelled and retried
// elsewhere — they are idempotent).
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { dataConverterFromKeys } from '../temporal/data-converter';
import { loadEnv } from '../config/env';
import { buildActivityDeps } from './activity-deps';
import { createLogger, PinoTemporalLogger } from './logger';
import { startHealthServer } from './health';
import { connectionOptions } from '../temporal/connection';
import { workflowSource } from './workflow-source';

async function main(): Promise<void> {
  const env = loadEnv();
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
    const worker = await Worker.create({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.JIRA_DRIFT_TASK_QUEUE,
      ...workflowSource(env),
      activities: createActivities(deps),
      dataConverter: dataConverterFromKeys(env.JIRA_DRIFT_PAYLOAD_KEYS),
      shutdownGraceTime: '10s',
      ...(env.WORKER_MAX_CACHED_WORKFLOWS !== undefined ? { maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS } : {}),
    });
    const health =
      env.HEALTH_PORT !== undefined
        ? await startHealthServer(env.HEALTH_PORT, { workerState: () => worker.getState(), taskQueue: env.JIRA_DRIFT_TASK_QUEUE, pool: deps.pool })
        : undefined;
    if (health) logger.info({ port: env.HEALTH_PORT }, 'health endpoint listening (/healthz, /readyz)');
    if (!env.JIRA_DRIFT_PAYLOAD_KEYS) logger.warn('JIRA_DRIFT_PAYLOAD_KEYS is not set: Temporal payloads are not encrypted');
    logger.info({ taskQueue: env.JIRA_DRIFT_TASK_QUEUE, address: env.TEMPORAL_ADDRESS }, 'worker started');
    await worker.run();
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
