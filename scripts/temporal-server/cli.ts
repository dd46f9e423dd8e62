// `npm run temporal:server -- start|stop|status [--port N] [--database-url URL] [--db-name NAME]`:
// the PostgreSQL-backed Temporal server as a daemon, its state (config, log, pid file, ports) under
// .data/temporal-server. A second start reports the running server; stop then start keeps the data
// (it lives in PostgreSQL, and the schemas are only brought up to date).
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { postgresTarget, type ServerPorts } from './config';
import { startTemporalPgServer } from './server';

const DIR = process.env.JIRA_DRIFT_TEMPORAL_SERVER_DIR ?? path.join(__dirname, '..', '..', '.data', 'temporal-server');
const PID_FILE = path.join(DIR, 'server.pid');
const PORTS_FILE = path.join(DIR, 'ports.json');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function commandLine(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ') || undefined;
  } catch {
    return undefined;
  }
}

/** The pid in the pid file when that process is still our server (not a reused pid). */
function runningPid(): number | undefined {
  if (!fs.existsSync(PID_FILE)) return undefined;
  const pid = Number(fs.readFileSync(PID_FILE, 'utf8').trim());
  const command = Number.isInteger(pid) && pid > 0 ? commandLine(pid) : undefined;
  if (command && command.includes('temporal-server-') && command.includes(DIR)) return pid;
  fs.rmSync(PID_FILE, { force: true });
  return undefined;
}

function savedPorts(): ServerPorts | undefined {
  return fs.existsSync(PORTS_FILE) ? (JSON.parse(fs.readFileSync(PORTS_FILE, 'utf8')) as ServerPorts) : undefined;
}

async function start(opts: { port?: string; databaseUrl: string; dbName: string }): Promise<void> {
  const pid = runningPid();
  const saved = savedPorts();
  if (pid !== undefined) {
    process.stdout.write(`temporal server already running at 127.0.0.1:${saved?.frontend} (pid ${pid})\n`);
    return;
  }
  const port = opts.port ? Number(opts.port) : (saved?.frontend ?? 7233);
  fs.mkdirSync(DIR, { recursive: true });
  const started = Date.now();
  const server = await startTemporalPgServer({
    dir: DIR,
    ...postgresTarget(opts.databaseUrl, opts.dbName),
    // Same ports as last time unless another frontend port is asked for.
    ...(saved && saved.frontend === port ? { ports: saved } : { port }),
    detached: true,
  });
  fs.writeFileSync(PORTS_FILE, JSON.stringify(server.ports, null, 2));
  fs.writeFileSync(PID_FILE, `${server.process.pid}\n`);
  server.process.unref();
  process.stdout.write(
    `temporal server serving at ${server.address} (pid ${server.process.pid}, ready in ${Date.now() - started} ms; databases ${opts.dbName}, ${opts.dbName}_visibility; log ${server.logFile})\n`,
  );
}

async function stop(): Promise<void> {
  const pid = runningPid();
  if (pid === undefined) {
    process.stdout.write('temporal server not running\n');
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 20_000;
  while (commandLine(pid) !== undefined) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
  }
  fs.rmSync(PID_FILE, { force: true });
  process.stdout.write(`temporal server stopped (pid ${pid})\n`);
}

const program = new Command('temporal:server').description('the PostgreSQL-backed Temporal server (go.temporal.io/server)');
program
  .command('start')
  .option('--port <port>', 'frontend gRPC port (default 7233, or the last one used)')
  .option('--database-url <url>', 'PostgreSQL server for Temporal’s databases', process.env.TEMPORAL_SERVER_DATABASE_URL ?? DEFAULT_DATABASE_URL)
  .option('--db-name <name>', 'name of Temporal’s database (visibility: <name>_visibility)', 'jira_drift_temporal')
  .action(start);
program.command('stop').action(stop);
program.command('status').action(() => {
  const pid = runningPid();
  process.stdout.write(pid ? `running at 127.0.0.1:${savedPorts()?.frontend} (pid ${pid})\n` : 'not running\n');
  process.exitCode = pid ? 0 : 3;
});

program
  .parseAsync()
  .then(() => process.exit())
  .catch((err: unknown) => {
    process.stderr.write(`temporal:server: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
