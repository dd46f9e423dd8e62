// `npm start`: the whole dev stack on this machine, then a demo tenant and its first snapshot.
//   PostgreSQL (DATABASE_URL, or embedded under .data/), migrations, the Temporal dev server with
//   Web UI (SQLite under .data/), jira-sim with a demo site, a worker, the demo tenant onboarded,
//   and one daily snapshot.
//
// Stopping: SIGINT (Ctrl-C), SIGTERM or SIGHUP to this process, or its launcher (npm, the shell npm
// runs, the tsx CLI) going away, stops everything it started, in order: the worker, the codec server,
// jira-sim, the Temporal dev server, PostgreSQL. The servers run in process groups of their own, so a
// terminal's Ctrl-C reaches only this process, which stops them one after the other; a small reaper
// process (dev-reaper.js) stops them if this process is killed outright.
//
// Ports (environment): DEV_TEMPORAL_PORT (7233), DEV_TEMPORAL_UI_PORT (8233), CODEC_SERVER_PORT (8888),
// JIRA_SIM_PORT (8081), DEV_POSTGRES_PORT (54329; when unset and taken, a free port is used). Data:
// JIRA_DRIFT_DATA_DIR (.data). A port already in use stops the start before anything is started, with
// one line naming the port and the process holding it. Errors are always one line.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { runSnapshot } from '../client/snapshots';
import { installTenant } from '../client/tenant-install';
import { loadEnv } from '../config/env';
import { REQUESTED_SCOPES } from '../jira-cloud';
import { floorToWindow, formatWindowStart } from '../domain/snapshot-window';
import { snapshotWorkflowId } from '../domain/workflow-ids';
import { startJiraSim } from '../jira-sim/server';
import { embeddedPostgresInUse, startEmbeddedPostgres } from '../store/embedded-postgres';
import { migrateUp } from '../store/migrate';
import { createPool } from '../store/pool';
import { SecretBox } from '../store/secret-box';
import { connectClient } from '../temporal/connection';
import { AesGcmPayloadCodec } from '../temporal/payload-codec';
import { buildCodecServer } from '../workers/codec-server';
import { describeError } from './describe-error';
import { watchLaunchChain } from './launcher-watch';
import { describePortOwner, describeProcess, portIsFree } from './port-owner';
import { startTemporalDevServer } from './temporal-dev-server';

const ROOT = path.join(__dirname, '..');

function write(stream: NodeJS.WriteStream, line: string): void {
  try {
    stream.write(`${line}\n`);
  } catch {
    /* the terminal or pipe is gone */
  }
}
const say = (line: string) => write(process.stdout, line);
const complain = (line: string) => write(process.stderr, line);
// A closed terminal or pipe must not turn into an uncaught EPIPE/EIO while stopping.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

/** Thrown by main() when it notices the stack is stopping; never reported. */
class Stopping extends Error {}

// ---- ordered shutdown -------------------------------------------------------------------------------

/** Order in which things stop: lowest first. */
const RANK = {
  'Temporal client': 0,
  'database pool': 1,
  worker: 2,
  'codec server': 3,
  'jira-sim': 4,
  'Temporal dev server': 5,
  PostgreSQL: 6,
} as const;
type Part = keyof typeof RANK;

interface Step {
  part: Part;
  stop: () => Promise<void>;
}

const steps: Step[] = [];
const abort = new AbortController();
let stopping = false;
let mainSettled: Promise<unknown> = Promise.resolve();

/** Reaper: stops the process groups still tracked if this process dies without stopping them. */
let reaper: ChildProcess | undefined;
function tellReaper(line: string): void {
  if (!reaper?.stdin?.writable) return;
  reaper.stdin.write(`${line}\n`);
}

function startReaper(): void {
  try {
    reaper = spawn(process.execPath, [path.join(__dirname, 'dev-reaper.js')], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  } catch {
    return; // best effort: the ordered shutdown does not depend on it
  }
  reaper.on('error', () => {});
  reaper.stdin?.on('error', () => {});
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
}

/** A child in a process group of its own: reported to the reaper until it has exited. */
function trackChild(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  tellReaper(`track ${child.pid} ${signal}`);
  child.once('exit', () => tellReaper(`untrack ${child.pid}`));
}

function onStop(part: Part, stop: () => Promise<void>): void {
  steps.push({ part, stop });
}

/** Stops, in order, what has been started and ranks below `below`. */
async function stopSteps(below = Infinity): Promise<void> {
  for (;;) {
    steps.sort((a, b) => RANK[a.part] - RANK[b.part]);
    if (!steps[0] || RANK[steps[0].part] >= below) return;
    const step = steps.shift()!;
    try {
      await step.stop();
      if (step.part !== 'Temporal client' && step.part !== 'database pool') say(`stopped: ${step.part}`);
    } catch (err) {
      complain(`npm start: stopping the ${step.part} failed: ${describeError(err)}`);
    }
  }
}

async function shutdown(reason: string | undefined, code: number): Promise<void> {
  if (stopping) return; // a repeated signal (tsx relays Ctrl-C a second time) changes nothing
  stopping = true;
  if (reason) say(`\nstopping (${reason}) ...`);
  const force = setTimeout(() => {
    complain('npm start: stopping took longer than 120 s; exiting, the reaper stops what is left');
    process.exit(code || 1);
  }, 120_000);
  force.unref();
  abort.abort();
  await stopSteps(RANK.PostgreSQL);
  // A step of main() still in flight (a migration, a start that was aborted above) finishes or fails
  // against a database that is still there, and may register what it started: wait for main() to give
  // up, then stop the rest, PostgreSQL last.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([mainSettled, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
  clearTimeout(timer);
  await stopSteps();
  tellReaper('done');
  process.exit(code);
}

function fail(err: unknown): void {
  if (stopping || err instanceof Stopping) return;
  complain(`npm start failed: ${describeError(err)}`);
  void shutdown(undefined, 1);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(`received ${signal}`, 0));
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

// ---- configuration and preflight --------------------------------------------------------------------

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number (0-65535), not "${raw.slice(0, 40)}"`);
  return port;
}

interface PortUse {
  port: number;
  what: string;
  setting: string;
}

/** Refuses to start, naming port and process, when anything the stack would listen on is taken. */
async function preflight(ports: PortUse[], dataDir: string, embeddedPostgres: boolean): Promise<void> {
  const taken: PortUse[] = [];
  for (const use of ports) if (use.port > 0 && !(await portIsFree(use.port))) taken.push(use);
  const [first, ...more] = taken;
  if (first) {
    const others = more.length > 0 ? `; also in use: ${more.map((u) => `${u.port} (${u.what})`).join(', ')}` : '';
    throw new Error(
      `port ${first.port} (${first.what}, ${first.setting}) is in use by ${describePortOwner(first.port)}${others}. Stop that process or choose other ports; nothing was started`,
    );
  }
  if (embeddedPostgres) {
    const running = embeddedPostgresInUse(dataDir);
    if (running) {
      throw new Error(
        `the PostgreSQL data directory ${running.dataDir} is in use by ${describeProcess({ pid: running.pid, command: running.command })}; is another npm start running with JIRA_DRIFT_DATA_DIR=${dataDir}? Nothing was started`,
      );
    }
  }
}

// ---- the stack --------------------------------------------------------------------------------------

function keySpec(dataDir: string, file: string, fromEnv: string | undefined, generate: () => string): string {
  if (fromEnv) return fromEnv;
  const full = path.join(dataDir, file);
  if (!fs.existsSync(full)) fs.writeFileSync(full, generate(), { mode: 0o600 });
  return fs.readFileSync(full, 'utf8').trim();
}

async function simAdmin<T>(base: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`jira-sim ${method} ${p}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

function checkpoint(): void {
  if (stopping) throw new Stopping('stopping');
}

async function main(): Promise<void> {
  const env = loadEnv();
  const dataDir = path.resolve(ROOT, env.JIRA_DRIFT_DATA_DIR);
  const shownDir = path.relative(process.cwd(), dataDir).startsWith('..') ? dataDir : path.relative(process.cwd(), dataDir) || '.';
  const startTemporal = !process.env.TEMPORAL_ADDRESS;
  const embeddedPostgres = !env.DATABASE_URL;
  const temporalPort = portFromEnv('DEV_TEMPORAL_PORT', 7233);
  const uiPort = portFromEnv('DEV_TEMPORAL_UI_PORT', 8233);
  const simPort = portFromEnv('JIRA_SIM_PORT', 8081);
  const postgresPortSet = !!process.env.DEV_POSTGRES_PORT?.trim();
  const postgresPort = portFromEnv('DEV_POSTGRES_PORT', 54329);

  const ports: PortUse[] = [];
  if (startTemporal) {
    ports.push({ port: temporalPort, what: 'Temporal gRPC', setting: 'DEV_TEMPORAL_PORT' });
    ports.push({ port: uiPort, what: 'Temporal Web UI', setting: 'DEV_TEMPORAL_UI_PORT' });
  }
  ports.push({ port: env.CODEC_SERVER_PORT, what: 'codec server', setting: 'CODEC_SERVER_PORT' });
  ports.push({ port: simPort, what: 'jira-sim', setting: 'JIRA_SIM_PORT' });
  if (embeddedPostgres && postgresPortSet) ports.push({ port: postgresPort, what: 'PostgreSQL', setting: 'DEV_POSTGRES_PORT' });
  if (env.METRICS_PORT) ports.push({ port: env.METRICS_PORT, what: 'worker metrics', setting: 'METRICS_PORT' });
  if (env.HEALTH_PORT) ports.push({ port: env.HEALTH_PORT, what: 'worker health', setting: 'HEALTH_PORT' });
  fs.mkdirSync(dataDir, { recursive: true });
  await preflight(ports, dataDir, embeddedPostgres);
  checkpoint();
  startReaper();

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    say(`starting embedded PostgreSQL under ${path.join(shownDir, 'postgres')} ...`);
    const pg = await startEmbeddedPostgres(dataDir, {
      port: postgresPort,
      strictPort: postgresPortSet,
      detached: true,
      signal: abort.signal,
      onSpawn: (child) => trackChild(child, 'SIGINT'),
    });
    onStop('PostgreSQL', () => pg.stop());
    checkpoint();
    databaseUrl = pg.databaseUrl;
  }
  const applied = await migrateUp(databaseUrl);
  checkpoint();
  say(`database ready (${applied.length} migration(s) applied)`);

  // Payloads are encrypted; the Web UI decodes them through this codec server.
  const payloadSpec = keySpec(dataDir, 'payload-keys', env.JIRA_DRIFT_PAYLOAD_KEYS, () => SecretBox.generateKeySpec('dev-payload-k1'));
  const uiOrigins = `http://localhost:${uiPort},http://127.0.0.1:${uiPort}`;
  const codecServer = buildCodecServer({
    codec: AesGcmPayloadCodec.fromSpec(payloadSpec),
    namespace: env.TEMPORAL_NAMESPACE,
    corsOrigins: (process.env.CODEC_CORS_ORIGINS ? env.CODEC_CORS_ORIGINS : uiOrigins).split(',').map((o) => o.trim()),
  });
  await codecServer.listen({ port: env.CODEC_SERVER_PORT, host: '127.0.0.1' });
  onStop('codec server', () => codecServer.close());
  checkpoint();
  const codecEndpoint = `http://localhost:${env.CODEC_SERVER_PORT}`;
  say(`codec server on ${codecEndpoint} (Temporal UI and CLI --codec-endpoint)`);

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let uiUrl: string | undefined;
  if (!temporalAddress) {
    say(`starting the Temporal dev server (Web UI on http://localhost:${uiPort}) ...`);
    const temporal = await startTemporalDevServer({
      port: temporalPort,
      uiPort,
      dbFilename: path.join(dataDir, 'temporal.db'),
      logFile: path.join(dataDir, 'temporal.log'),
      uiCodecEndpoint: codecEndpoint,
      detached: true,
      signal: abort.signal,
      onSpawn: (child) => trackChild(child, 'SIGTERM'),
    });
    onStop('Temporal dev server', () => temporal.stop());
    checkpoint();
    temporalAddress = temporal.address;
    uiUrl = temporal.uiUrl;
  }

  const sim = await startJiraSim({ port: simPort });
  onStop('jira-sim', () => sim.close());
  checkpoint();
  say(`jira-sim (simulated Jira Cloud) on ${sim.url}`);

  const keys = keySpec(dataDir, 'encryption-keys', env.JIRA_DRIFT_ENCRYPTION_KEYS, () => SecretBox.generateKeySpec('dev-k1'));
  const workerEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    JIRA_API_BASE_URL: sim.url,
    JIRA_AUTH_BASE_URL: sim.url,
    JIRA_DRIFT_ENCRYPTION_KEYS: keys,
    JIRA_DRIFT_PAYLOAD_KEYS: payloadSpec,
  };
  const workerLog = fs.openSync(path.join(dataDir, 'worker.log'), 'a');
  const worker = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')], {
    cwd: ROOT,
    env: workerEnv,
    stdio: ['ignore', workerLog, 'inherit'],
    detached: true,
  });
  fs.closeSync(workerLog);
  worker.on('error', (err) => complain(`npm start: the worker could not be started: ${describeError(err)}`));
  trackChild(worker, 'SIGTERM');
  const workerExited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('exit', (code, signal) => {
    if (!stopping) complain(`npm start: the worker exited (${signal ?? `exit code ${code}`}); see ${path.join(shownDir, 'worker.log')}`);
  });
  onStop('worker', async () => {
    if (worker.exitCode !== null || worker.signalCode !== null || worker.pid === undefined) return;
    worker.kill('SIGTERM'); // drains: in-flight activities get the worker's shutdownGraceTime
    const timer = setTimeout(() => worker.kill('SIGKILL'), 30_000);
    await workerExited;
    clearTimeout(timer);
  });
  say(`worker started (logs: ${path.join(shownDir, 'worker.log')})`);

  // Two demo tenants on small simulated sites, consented through the simulated OAuth flow and installed
  // the way an operator would (grant, token workflow, hourly and daily schedules).
  const pool = createPool(databaseUrl);
  let poolEnded = false;
  onStop('database pool', async () => {
    if (!poolEnded) await pool.end();
    poolEnded = true;
  });
  const client = await connectClient({ ...env, TEMPORAL_ADDRESS: temporalAddress, JIRA_DRIFT_PAYLOAD_KEYS: payloadSpec });
  onStop('Temporal client', () => client.connection.close());
  checkpoint();
  const deps = { pool, client, taskQueue: env.JIRA_DRIFT_TASK_QUEUE, secretBox: SecretBox.fromSpec(keys), authBaseUrl: sim.url, apiBaseUrl: sim.url };
  const sites: Record<string, { cloudId: string; siteUrl: string }> = {};
  for (const [tenantId, seed] of [
    ['demo', 7],
    ['demo2', 8],
  ] as const) {
    const clientId = `jira-drift-${tenantId}`;
    const clientSecret = crypto.randomBytes(16).toString('hex');
    await simAdmin(sim.url, 'POST', '/admin/oauth-clients', { clientId, clientSecret });
    const site = await simAdmin<{ cloudId: string; siteUrl: string }>(sim.url, 'POST', '/admin/sites', { name: tenantId, seed, size: 'small' });
    const grant = await simAdmin<{ code: string }>(sim.url, 'POST', `/admin/sites/${site.cloudId}/grants`, {
      clientId,
      scopes: [...REQUESTED_SCOPES],
    });
    // jira-sim forgets its grants when it stops: a tenant kept in the data directory from an earlier run re-consents.
    const installed = await installTenant(deps, {
      tenantId,
      siteUrl: site.siteUrl,
      clientId,
      clientSecret,
      authorizationCode: grant.code,
      redirectUri: 'http://localhost/callback',
      types: ['hourly', 'daily'],
      reconsent: true,
    });
    checkpoint();
    sites[tenantId] = site;
    say(`tenant "${tenantId}" installed for ${site.siteUrl}: ${installed.unchanged ? 'nothing changed' : installed.changes.join('; ')}`);
  }

  // Drift to look at: snapshot the previous hour, change the demo site, snapshot this hour. The second
  // snapshot hands off to a drift scan against the first.
  const thisHour = floorToWindow('hourly', Date.now());
  const before = await runSnapshot(client, {
    tenantId: 'demo',
    type: 'hourly',
    window: new Date(thisHour - 3_600_000),
    taskQueue: env.JIRA_DRIFT_TASK_QUEUE,
  });
  checkpoint();
  say(`snapshot of the previous hour ${before.status}: ${before.objectCount} objects, root hash ${before.rootHash}`);
  const demo = sites['demo']!;
  const [status] = await simAdmin<Array<{ id: string; name: string }>>(sim.url, 'GET', `/admin/sites/${demo.cloudId}/objects/status`);
  await simAdmin(sim.url, 'PATCH', `/admin/sites/${demo.cloudId}/objects/status/${status!.id}`, { name: `${status!.name} (renamed)` });
  await simAdmin(sim.url, 'POST', `/admin/sites/${demo.cloudId}/objects/field`, { name: 'Compliance Tag' });
  checkpoint();
  say('changed the demo site: renamed a status, added a custom field');
  const result = await runSnapshot(client, { tenantId: 'demo', type: 'hourly', window: new Date(thisHour), taskQueue: env.JIRA_DRIFT_TASK_QUEUE });
  checkpoint();
  const workflowId = snapshotWorkflowId('demo', 'hourly', formatWindowStart(thisHour));
  say(`snapshot of this hour ${result.status}: ${result.objectCount} objects, root hash ${result.rootHash}`);
  if (result.driftScanWorkflowId) {
    const scan = (await client.workflow.getHandle(result.driftScanWorkflowId).result()) as { added: number; removed: number; modified: number };
    checkpoint();
    say(`drift scan ${result.driftScanWorkflowId}: ${scan.added} added, ${scan.removed} removed, ${scan.modified} modified`);
  }
  poolEnded = true;
  await pool.end();

  // The environment the CLI needs to talk to this stack.
  const devEnv = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    JIRA_DRIFT_ENCRYPTION_KEYS: keys,
    JIRA_DRIFT_PAYLOAD_KEYS: payloadSpec,
    JIRA_API_BASE_URL: sim.url,
    JIRA_AUTH_BASE_URL: sim.url,
  };
  const devEnvFile = path.join(dataDir, 'dev.env');
  fs.writeFileSync(
    devEnvFile,
    Object.entries(devEnv)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
    { mode: 0o600 },
  );
  if (uiUrl) {
    say(`this hour's snapshot in the Temporal Web UI: ${uiUrl}/namespaces/default/workflows/${encodeURIComponent(workflowId)}`);
    say(`all of the demo tenant's workflows: ${uiUrl}/namespaces/default/workflows?query=${encodeURIComponent("TenantId='demo'")}`);
  }
  say('try, in another terminal:');
  say(`  set -a; . ${path.join(shownDir, 'dev.env')}; set +a; export PATH="$(dirname "$(bash scripts/ensure-temporal.sh)"):$PATH"`);
  say('  npx jira-drift tenant list');
  say('  npx jira-drift drift list --tenant demo');
  say(`  temporal workflow list --query "TenantId='demo2'"`);
  say(`  temporal workflow signal --workflow-id token-refresh:demo --name refreshNow`);
  say(`  temporal workflow query --workflow-id token-refresh:demo --name status --codec-endpoint ${codecEndpoint}`);
  say(`running (pid ${process.pid}); press Ctrl-C to stop`);
}

// npm (or the shell it runs) dying of SIGTERM does not pass the signal on: stop as if it had.
watchLaunchChain((launcher) => void shutdown(`the process that launched it has exited: pid ${launcher.pid}, ${launcher.command}`, 0));

mainSettled = main().then(() => undefined, fail);
