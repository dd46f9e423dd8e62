// Starts the production-shaped Temporal server (go.temporal.io/server built by
// scripts/ensure-temporal-server.sh) on PostgreSQL: databases and schemas, config, the process, the
// `default` namespace and search attributes; resolves once it serves. Used by
// `npm run temporal:server` and by the test stack's postgres profile.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { describePortOwner, portIsFree } from '../port-owner';
import { dynamicConfigYaml, serverConfigYaml, type PostgresTarget, type ServerPorts } from './config';
import { ensureNamespace } from './namespace';
import { ensureSchemas } from './schema';

export interface PgServerOptions {
  /** Where the config and log go. */
  dir: string;
  pg: PostgresTarget;
  /** A database on the same PostgreSQL server to connect to while creating Temporal's. */
  adminDatabase: string;
  /** Frontend gRPC port (default: a free one). */
  port?: number;
  /** Every port, from an earlier start: a restart must reuse them (membership rows name them). */
  ports?: ServerPorts;
  dynamicConfig?: Record<string, unknown>;
  namespace?: string;
  /** Run in a process group of its own (a daemon that outlives the caller). */
  detached?: boolean;
}

export interface PgServer {
  address: string;
  port: number;
  ports: ServerPorts;
  process: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

export function temporalServerBuild(): string {
  const script = path.join(__dirname, '..', 'ensure-temporal-server.sh');
  return execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** A free port below 32768: the server stores membership ports in a SMALLINT column (cluster_membership),
 * so the kernel's ephemeral ports (32768 and up) are refused there. */
async function freeLowPort(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 1000; i++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (!taken.has(port) && (await portIsFree(port))) return port;
  }
  throw new Error('no free TCP port found between 20000 and 32000');
}

export async function choosePorts(frontend?: number): Promise<ServerPorts> {
  const taken = new Set<number>(frontend ? [frontend] : []);
  const next = async (): Promise<number> => {
    const port = await freeLowPort(taken);
    taken.add(port);
    return port;
  };
  return {
    frontend: frontend ?? (await next()),
    frontendHttp: await next(),
    frontendMembership: await next(),
    history: await next(),
    historyMembership: await next(),
    matching: await next(),
    matchingMembership: await next(),
    worker: await next(),
    workerMembership: await next(),
  };
}

function logTail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(-5).join('\n').slice(-1500);
  } catch {
    return '';
  }
}

async function waitUntilServing(address: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the temporal server exited while starting (${child.signalCode ?? child.exitCode}):\n${logTail(logFile)}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`the temporal server at ${address} was not ready after ${timeoutMs} ms: ${String(lastError)}\n${logTail(logFile)}`);
}

export async function startTemporalPgServer(opts: PgServerOptions): Promise<PgServer> {
  const build = temporalServerBuild();
  const ports = opts.ports ?? (await choosePorts(opts.port));
  for (const [name, port] of Object.entries(ports) as Array<[string, number]>) {
    if (!(await portIsFree(port))) throw new Error(`port ${port} (${name}) is in use by ${describePortOwner(port)}`);
  }
  await ensureSchemas(build, opts.pg, opts.adminDatabase);

  fs.mkdirSync(path.join(opts.dir, 'config'), { recursive: true });
  const dynamicPath = path.join(opts.dir, 'config', 'dynamicconfig.yaml');
  fs.writeFileSync(dynamicPath, dynamicConfigYaml(opts.dynamicConfig));
  const sample = fs.readFileSync(path.join(build, 'config', 'development-postgres12.yaml'), 'utf8');
  const configFile = path.join(opts.dir, 'config', 'jira-drift.yaml');
  fs.writeFileSync(configFile, serverConfigYaml(sample, opts.pg, ports, dynamicPath));

  const logFile = path.join(opts.dir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  // No authorizer, as in the module's development configs (and compose): a local, unauthenticated frontend.
  const args = ['--config-file', configFile, '--allow-no-auth', 'start'];
  const child = spawn(path.join(build, 'server'), args, { cwd: opts.dir, stdio: ['ignore', log, log], detached: opts.detached ?? false });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error('the temporal server could not be started');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Last resort when the caller crashes without stopping it; a daemon is stopped by its pid file instead.
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  if (!opts.detached) {
    process.once('exit', onExit);
    child.once('exit', () => process.removeListener('exit', onExit));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  const address = `127.0.0.1:${ports.frontend}`;
  try {
    await waitUntilServing(address, child, logFile, 90_000);
    await ensureNamespace(address, opts.namespace ?? 'default');
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, port: ports.frontend, ports, process: child, logFile, stop };
}
