// Starts the `temporal` CLI's dev server (SQLite persistence, optional Web UI) for `npm start`,
// tests and benchmarks. The binary comes from scripts/ensure-temporal.sh (built from Go modules).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { describePortOwner, freeTcpPort, portIsFree } from './port-owner';

export const DEV_SERVER_SEARCH_ATTRIBUTES = ['TenantId=Keyword', 'SnapshotType=Keyword', 'WindowStart=Datetime', 'TokenState=Keyword'];

export interface DevServerOptions {
  port?: number;
  /** Web UI port; omit for a headless server. */
  uiPort?: number;
  dbFilename?: string;
  namespace?: string;
  uiCodecEndpoint?: string;
  dynamicConfig?: Record<string, string | number | boolean>;
  logFile?: string;
  /** Run the server in a process group of its own, so a terminal's Ctrl-C reaches only the caller. */
  detached?: boolean;
  /** Aborting stops a server that is still starting; the start then rejects. */
  signal?: AbortSignal;
  /** Called with the server process as soon as it has been spawned. */
  onSpawn?: (child: ChildProcess) => void;
}

export interface DevServer {
  address: string;
  port: number;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function temporalBinary(): string {
  const script = path.join(__dirname, 'ensure-temporal.sh');
  return execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

export function freePort(): Promise<number> {
  return freeTcpPort();
}

/** The most telling line of the server's JSON log (its last error), for a one-line failure message. */
function logTail(logFile: string | undefined): string {
  if (!logFile) return '';
  try {
    const lines = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean).slice(-50);
    for (const line of lines.reverse()) {
      try {
        const entry = JSON.parse(line) as { level?: string; msg?: string; error?: string };
        if (entry.level === 'error' || entry.level === 'fatal') return [entry.msg, entry.error].filter(Boolean).join(': ').slice(0, 300);
      } catch {
        if (line.trim()) return line.trim().slice(0, 300);
      }
    }
  } catch {
    /* no log */
  }
  return '';
}

function exitDescription(child: ChildProcess): string {
  return child.signalCode ? `signal ${child.signalCode}` : `exit code ${child.exitCode}`;
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs: number, opts: DevServerOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  while (Date.now() < deadline) {
    if (opts.signal?.aborted) throw new Error('stopped while the Temporal dev server was starting');
    if (gone()) {
      const tail = logTail(opts.logFile);
      throw new Error(`the temporal dev server exited while starting (${exitDescription(child)})${tail ? `: ${tail}` : ''}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
      } finally {
        await connection.close();
      }
      // Whoever answered must be this server, not one that held the port before it (checked up front too).
      if (!gone()) return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`the temporal dev server at ${address} was not ready after ${timeoutMs} ms: ${reason.replace(/\s+/g, ' ')}`);
}

export async function startTemporalDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  // A port someone else holds would not stop the start: the new server exits, but the readiness check
  // would be answered by the old one (an orphan of an earlier run) and the caller attached to it.
  for (const [port, what] of [
    [opts.port, 'Temporal gRPC'],
    [opts.uiPort, 'Temporal Web UI'],
  ] as const) {
    if (port && !(await portIsFree(port))) throw new Error(`port ${port} (${what}) is in use by ${describePortOwner(port)}`);
  }
  const binary = temporalBinary();
  const port = opts.port ?? (await freePort());
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', opts.namespace ?? 'default'];
  args.push('--log-level', 'warn', '--log-format', 'json');
  for (const sa of DEV_SERVER_SEARCH_ATTRIBUTES) args.push('--search-attribute', sa);
  if (opts.dbFilename) {
    fs.mkdirSync(path.dirname(opts.dbFilename), { recursive: true });
    args.push('--db-filename', opts.dbFilename);
  }
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.uiCodecEndpoint) args.push('--ui-codec-endpoint', opts.uiCodecEndpoint);
  for (const [key, value] of Object.entries(opts.dynamicConfig ?? {})) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  if (opts.signal?.aborted) throw new Error('stopped while the Temporal dev server was starting');
  const log = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'ignore';
  const child = spawn(binary, args, { stdio: ['ignore', log, log], detached: opts.detached ?? false });
  if (typeof log === 'number') fs.closeSync(log);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  if (child.pid === undefined) throw new Error(`the temporal dev server could not be started: ${(await spawnError).message}`);
  opts.onSpawn?.(child);
  // Last resort when the caller exits without stopping it (a crash): not an orphan holding the port.
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', onExit);
  child.once('exit', () => process.removeListener('exit', onExit));
  const address = `127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilServing(address, child, 60_000, opts);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, port, uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined, process: child, stop };
}
