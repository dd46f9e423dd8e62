// The real stack for one benchmark run: PostgreSQL database, Temporal dev server, jira-sim, a worker
// process. Everything is started here and stopped at the end, so figures compare across versions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { startJiraSim } from '../../jira-sim/server';
import { startTemporalDevServer } from '../../scripts/temporal-dev-server';
import { migrateUp } from '../../store/migrate';
import { createPool, type Pool } from '../../store/pool';
import { SecretBox } from '../../store/secret-box';
import { bundleWorkflows } from '../../workers/bundle-workflows';
import { temporalClient } from '../support/clients';
import { createTestDatabase } from '../support/database';
import type { StackState } from '../support/stack-state';
import { startTestTemporal, type TestTemporal, type TestTemporalKind } from '../support/test-temporal';
import { startWorker, type WorkerProcess } from '../support/worker-process';

export interface BenchStack {
  state: StackState;
  client: Client;
  pool: Pool;
  startWorker(taskQueue: string, env?: Record<string, string>): Promise<WorkerProcess>;
  close(): Promise<void>;
}

export async function startBenchStack(
  opts: { dynamicConfig?: Record<string, string | number | boolean>; payloadEncryption?: boolean; server?: TestTemporalKind } = {},
): Promise<BenchStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jira-drift-bench-'));
  const database = await createTestDatabase(path.join(dir, 'pg'), 'bench');
  await migrateUp(database.databaseUrl);
  // --server picks the test stack's kinds (compose's dynamic config on both); without it, the dev
  // server as every benchmark before it ran.
  const temporal = opts.server
    ? await startTestTemporal({ dir, serverUrl: database.serverUrl, kind: opts.server, dynamicConfig: opts.dynamicConfig ?? {} })
    : await devServer(dir, opts.dynamicConfig);
  const sim = await startJiraSim({ port: 0 });
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  await bundleWorkflows(bundlePath);
  const state: StackState = {
    databaseUrl: database.databaseUrl,
    temporalAddress: temporal.address,
    temporalPort: temporal.port,
    temporalServer: temporal.kind,
    temporalDbFile: temporal.store,
    temporalPid: temporal.pid(),
    jiraSimUrl: sim.url,
    workflowBundlePath: bundlePath,
    encryptionKeys: SecretBox.generateKeySpec('bench-k1'),
    // Histories recorded for the replay test stay unencrypted so they replay without a key.
    payloadKeys: opts.payloadEncryption === false ? undefined : SecretBox.generateKeySpec('bench-payload-k1'),
    dir,
  };
  const client = await temporalClient(state);
  const pool = createPool(state.databaseUrl, 20);
  const workers: WorkerProcess[] = [];
  return {
    state,
    client,
    pool,
    async startWorker(taskQueue, env = {}) {
      const w = await startWorker(state, taskQueue, env);
      workers.push(w);
      return w;
    },
    async close() {
      for (const w of workers) await w.stop().catch(() => {});
      await client.connection.close().catch(() => {});
      await pool.end().catch(() => {});
      await sim.close().catch(() => {});
      await temporal.stop().catch(() => {});
      await database.drop().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function devServer(dir: string, dynamicConfig?: Record<string, string | number | boolean>): Promise<TestTemporal> {
  const server = await startTemporalDevServer({ dbFilename: path.join(dir, 'temporal.db'), logFile: path.join(dir, 'temporal.log'), dynamicConfig });
  const unsupported = () => Promise.reject(new Error('crash() is for the test stack'));
  return {
    kind: 'dev',
    address: server.address,
    port: server.port,
    pid: () => server.process.pid!,
    store: path.join(dir, 'temporal.db'),
    crash: unsupported,
    stop: () => server.stop(),
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
