// The Temporal server of a test stack, chosen by JIRA_DRIFT_TEST_TEMPORAL: `dev` (default: the CLI's
// start-dev on SQLite) or `postgres` (go.temporal.io/server on PostgreSQL, in databases of this run's
// own on the tests' PostgreSQL server, dropped at the end). `crash()` kills it with SIGKILL and starts
// it again on the same port and data, as a crashed and restarted server would be.
import path from 'node:path';
import { startTemporalDevServer, type DevServerOptions } from '../../scripts/temporal-dev-server';
import { composeDynamicConfig, postgresTarget } from '../../scripts/temporal-server/config';
import { dropDatabases } from '../../scripts/temporal-server/schema';
import { startTemporalPgServer, type PgServer } from '../../scripts/temporal-server/server';

export type TestTemporalKind = 'dev' | 'postgres';

export interface TestTemporal {
  kind: TestTemporalKind;
  address: string;
  port: number;
  pid(): number;
  /** SQLite file of the dev server; the database name of the postgres server. */
  store: string;
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export function testTemporalKind(): TestTemporalKind {
  const kind = process.env.JIRA_DRIFT_TEST_TEMPORAL ?? 'dev';
  if (kind !== 'dev' && kind !== 'postgres') throw new Error(`JIRA_DRIFT_TEST_TEMPORAL must be dev or postgres, not ${kind}`);
  return kind;
}

/** What the tests' server runs on top of compose's dynamic config: small enough that continue-as-new
 * paths are exercised by tests with modest histories. */
export const TEST_DYNAMIC_CONFIG = { 'limit.historyCount.suggestContinueAsNew': 400 };

/** The dynamic config both kinds of test server run: compose's (docker/temporal-dynamicconfig.yaml) and the test's. */
export function testDynamicConfig(
  overrides: Record<string, string | number | boolean> = TEST_DYNAMIC_CONFIG,
): Record<string, string | number | boolean> {
  return { ...(composeDynamicConfig() as Record<string, string | number | boolean>), ...overrides };
}

export interface TestTemporalOptions {
  dir: string;
  /** Maintenance database URL of the tests' PostgreSQL server (postgres kind). */
  serverUrl: string;
  /** Default: JIRA_DRIFT_TEST_TEMPORAL (benchmarks choose with --server). */
  kind?: TestTemporalKind;
  /** What runs on top of compose's dynamic config; default TEST_DYNAMIC_CONFIG. */
  dynamicConfig?: Record<string, string | number | boolean>;
}

async function startDev(opts: TestTemporalOptions): Promise<TestTemporal> {
  const options: DevServerOptions = {
    dbFilename: path.join(opts.dir, 'temporal.db'),
    logFile: path.join(opts.dir, 'temporal.log'),
    dynamicConfig: testDynamicConfig(opts.dynamicConfig),
  };
  let server = await startTemporalDevServer(options);
  return {
    kind: 'dev',
    address: server.address,
    port: server.port,
    pid: () => server.process.pid!,
    store: options.dbFilename!,
    async crash() {
      server.process.kill('SIGKILL');
      await new Promise((resolve) => server.process.once('exit', resolve));
      server = await startTemporalDevServer({ ...options, port: server.port });
    },
    stop: () => server.stop(),
  };
}

async function startPostgres(opts: TestTemporalOptions): Promise<TestTemporal> {
  const dbName = `jira_drift_temporal_${process.pid}_${Date.now().toString(36)}`;
  const { pg, adminDatabase } = postgresTarget(opts.serverUrl, dbName);
  const dir = path.join(opts.dir, 'temporal-server');
  let server: PgServer;
  try {
    server = await startTemporalPgServer({ dir, pg, adminDatabase, dynamicConfig: opts.dynamicConfig ?? TEST_DYNAMIC_CONFIG });
  } catch (err) {
    await dropDatabases(pg, adminDatabase).catch(() => {});
    throw err;
  }
  return {
    kind: 'postgres',
    address: server.address,
    port: server.port,
    pid: () => server.process.pid!,
    store: dbName,
    async crash() {
      server.process.kill('SIGKILL');
      await new Promise((resolve) => server.process.once('exit', resolve));
      server = await startTemporalPgServer({ dir, pg, adminDatabase, ports: server.ports, dynamicConfig: opts.dynamicConfig ?? TEST_DYNAMIC_CONFIG });
    },
    async stop() {
      await server.stop();
      await dropDatabases(pg, adminDatabase);
    },
  };
}

export function startTestTemporal(opts: TestTemporalOptions): Promise<TestTemporal> {
  return (opts.kind ?? testTemporalKind()) === 'postgres' ? startPostgres(opts) : startDev(opts);
}
