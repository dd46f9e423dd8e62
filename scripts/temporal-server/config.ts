// The Temporal server's static and dynamic config, adapted from the module's own
// config/development-postgres12.yaml: our databases, ports and log file; 4 history shards; all four
// services in one process. The dynamic config is docker/temporal-dynamicconfig.yaml (what compose
// mounts) plus explicit overrides (tests lower the continue-as-new suggestion).
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

export const COMPOSE_DYNAMIC_CONFIG = path.join(__dirname, '..', '..', 'docker', 'temporal-dynamicconfig.yaml');

export interface ServerPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  visibilityDatabase: string;
}

/** Temporal's databases `<dbName>` and `<dbName>_visibility` on the PostgreSQL server of `serverUrl`. */
export function postgresTarget(serverUrl: string, dbName: string): { pg: PostgresTarget; adminDatabase: string } {
  const u = new URL(serverUrl);
  const pg: PostgresTarget = {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
    database: dbName,
    visibilityDatabase: `${dbName}_visibility`,
  };
  return { pg, adminDatabase: u.pathname.slice(1) || 'postgres' };
}

type DynamicConfig = Record<string, Array<{ value: unknown; constraints: Record<string, unknown> }>>;

/** docker/temporal-dynamicconfig.yaml as a plain key → value map (unconstrained values only). */
export function composeDynamicConfig(): Record<string, unknown> {
  const doc = yaml.safeLoad(fs.readFileSync(COMPOSE_DYNAMIC_CONFIG, 'utf8')) as DynamicConfig;
  return Object.fromEntries(Object.entries(doc).map(([key, entries]) => [key, entries[0]?.value]));
}

export function dynamicConfigYaml(overrides: Record<string, unknown> = {}): string {
  const doc = yaml.safeLoad(fs.readFileSync(COMPOSE_DYNAMIC_CONFIG, 'utf8')) as DynamicConfig;
  for (const [key, value] of Object.entries(overrides)) doc[key] = [{ value, constraints: {} }];
  return yaml.safeDump(doc);
}

type Rpc = Record<string, unknown>;
/** The parts of the module's sample config that are changed here. */
interface SampleConfig {
  log: unknown;
  persistence: { numHistoryShards: number; datastores: Record<string, { sql: Record<string, unknown> }> };
  global: Record<string, unknown>;
  services: Record<'frontend' | 'history' | 'matching' | 'worker', { rpc: Rpc }>;
  clusterMetadata: { clusterInformation: { active: { rpcAddress: string } } };
  dynamicConfigClient: unknown;
}

/** The module's development-postgres12.yaml with our databases, ports and paths. */
export function serverConfigYaml(sample: string, pg: PostgresTarget, ports: ServerPorts, dynamicConfigPath: string): string {
  const doc = yaml.safeLoad(sample) as SampleConfig;
  doc.log = { stdout: true, level: 'warn' };
  doc.persistence.numHistoryShards = 4;
  const stores = doc.persistence.datastores;
  for (const [name, database] of [
    ['postgres-default', pg.database],
    ['postgres-visibility', pg.visibilityDatabase],
  ] as const) {
    const store = stores[name];
    if (!store) throw new Error(`the sample config has no datastore ${name}`);
    Object.assign(store.sql, { databaseName: database, connectAddr: `${pg.host}:${pg.port}`, user: pg.user, password: pg.password });
  }
  // No pprof or metrics listeners: their fixed ports would collide between servers on one machine.
  delete doc.global.pprof;
  delete doc.global.metrics;
  const svc = doc.services;
  Object.assign(svc.frontend.rpc, { grpcPort: ports.frontend, httpPort: ports.frontendHttp, membershipPort: ports.frontendMembership });
  Object.assign(svc.history.rpc, { grpcPort: ports.history, membershipPort: ports.historyMembership });
  Object.assign(svc.matching.rpc, { grpcPort: ports.matching, membershipPort: ports.matchingMembership });
  Object.assign(svc.worker.rpc, { grpcPort: ports.worker, membershipPort: ports.workerMembership });
  doc.clusterMetadata.clusterInformation.active.rpcAddress = `127.0.0.1:${ports.frontend}`;
  doc.dynamicConfigClient = { filepath: dynamicConfigPath, pollInterval: '10s' };
  return yaml.safeDump(doc);
}
