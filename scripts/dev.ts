// `npm start`: the whole dev stack on this machine, then a demo tenant and its first snapshot.
//   PostgreSQL (DATABASE_URL, or embedded under .data/), migrations, the Temporal dev server with
//   Web UI (SQLite under .data/), jira-sim with a demo site, a worker, the demo tenant onboarded,
//   and one daily snapshot. Ctrl-C stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { runSnapshot } from '../client/snapshots';
import { provisionTenant } from '../client/tenant-install';
import { AesGcmPayloadCodec } from '../temporal/payload-codec';
import { buildCodecServer } from '../workers/codec-server';
import { connectClient } from '../temporal/connection';
import { loadEnv } from '../config/env';
import { REQUESTED_SCOPES } from '../domain/oauth-scopes';
import { floorToWindow, formatWindowStart } from '../domain/snapshot-window';
import { snapshotWorkflowId } from '../domain/workflow-ids';
import { startJiraSim } from '../jira-sim/server';
import { startEmbeddedPostgres } from '../store/embedded-postgres';
import { migrateUp } from '../store/migrate';
import { createPool } from '../store/pool';
import { SecretBox } from '../store/secret-box';
import { startTemporalDevServer, type DevServer } from './temporal-dev-server';

const ROOT = path.join(__dirname, '..');
const say = (line: string) => process.stdout.write(`${line}\n`);

function encryptionKeys(dataDir: string): string {
  if (process.env.JIRA_DRIFT_ENCRYPTION_KEYS) return process.env.JIRA_DRIFT_ENCRYPTION_KEYS;
  const file = path.join(dataDir, 'encryption-keys');
  if (!fs.existsSync(file)) fs.writeFileSync(file, SecretBox.generateKeySpec('dev-k1'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/** Temporal payload keys (JIRA_DRIFT_PAYLOAD_KEYS), generated once per data directory like the secret keys. */
function payloadKeys(dataDir: string): string {
  if (process.env.JIRA_DRIFT_PAYLOAD_KEYS) return process.env.JIRA_DRIFT_PAYLOAD_KEYS;
  const file = path.join(dataDir, 'payload-keys');
  if (!fs.existsSync(file)) fs.writeFileSync(file, SecretBox.generateKeySpec('dev-payload-k1'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
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

const stops: Array<() => Promise<void>> = [];
let worker: ChildProcess | undefined;

async function stopEverything(): Promise<void> {
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    const exited = new Promise((r) => worker!.once('exit', r));
    worker.kill('SIGTERM');
    await exited;
  }
  for (const stop of stops.reverse()) await stop().catch(() => {});
}

async function main(): Promise<void> {
  const env = loadEnv();
  const dataDir = path.resolve(ROOT, env.JIRA_DRIFT_DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  const shutdown = async () => {
    say('\nstopping...');
    await stopEverything();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    say('starting embedded PostgreSQL under .data/postgres ...');
    const pg = await startEmbeddedPostgres(dataDir);
    databaseUrl = pg.databaseUrl;
    stops.push(pg.stop);
  }
  const applied = await migrateUp(databaseUrl);
  say(`database ready (${applied.length} migration(s) applied)`);

  // Payloads are encrypted; the Web UI decodes them through this codec server.
  const payloadSpec = payloadKeys(dataDir);
  const codecServer = buildCodecServer({
    codec: AesGcmPayloadCodec.fromSpec(payloadSpec),
    namespace: env.TEMPORAL_NAMESPACE,
    corsOrigins: env.CODEC_CORS_ORIGINS.split(',').map((o) => o.trim()),
  });
  await codecServer.listen({ port: env.CODEC_SERVER_PORT, host: '127.0.0.1' });
  stops.push(() => codecServer.close());
  const codecEndpoint = `http://localhost:${env.CODEC_SERVER_PORT}`;
  say(`codec server on ${codecEndpoint} (Temporal UI and CLI --codec-endpoint)`);

  let temporal: DevServer | undefined;
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    say('starting the Temporal dev server (Web UI on http://localhost:8233) ...');
    temporal = await startTemporalDevServer({
      port: 7233,
      uiPort: 8233,
      dbFilename: path.join(dataDir, 'temporal.db'),
      logFile: path.join(dataDir, 'temporal.log'),
      uiCodecEndpoint: codecEndpoint,
    });
    temporalAddress = temporal.address;
    stops.push(temporal.stop);
  }

  const simPort = Number(process.env.JIRA_SIM_PORT ?? 8081);
  const sim = await startJiraSim({ port: simPort });
  stops.push(sim.close);
  say(`jira-sim (simulated Jira Cloud) on ${sim.url}`);

  const keys = encryptionKeys(dataDir);
  const workerEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    JIRA_API_BASE_URL: sim.url,
    JIRA_AUTH_BASE_URL: sim.url,
    JIRA_DRIFT_ENCRYPTION_KEYS: keys,
    JIRA_DRIFT_PAYLOAD_KEYS: payloadSpec,
  };
  worker = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')], {
    cwd: ROOT,
    env: workerEnv,
    stdio: ['ignore', fs.openSync(path.join(dataDir, 'worker.log'), 'a'), 'inherit'],
  });
  say('worker started (logs: .data/worker.log)');

  // Two demo tenants on small simulated sites, consented through the simulated OAuth flow and installed
  // the way an operator would (grant, token workflow, hourly and daily schedules).
  const pool = createPool(databaseUrl);
  const client = await connectClient({ ...env, TEMPORAL_ADDRESS: temporalAddress, JIRA_DRIFT_PAYLOAD_KEYS: payloadSpec });
  const deps = { pool, client, taskQueue: env.JIRA_DRIFT_TASK_QUEUE, secretBox: SecretBox.fromSpec(keys), authBaseUrl: sim.url, apiBaseUrl: sim.url };
  const sites: Record<string, { cloudId: string; siteUrl: string }> = {};
  for (const [tenantId, seed] of [['demo', 7], ['demo2', 8]] as const) {
    const clientId = `jira-drift-${tenantId}`;
    const clientSecret = crypto.randomBytes(16).toString('hex');
    await simAdmin(sim.url, 'POST', '/admin/oauth-clients', { clientId, clientSecret });
    const site = await simAdmin<{ cloudId: string; siteUrl: string }>(sim.url, 'POST', '/admin/sites', { name: tenantId, seed, size: 'small' });
    const grant = await simAdmin<{ code: string }>(sim.url, 'POST', `/admin/sites/${site.cloudId}/grants`, { clientId, scopes: [...REQUESTED_SCOPES] });
    // jira-sim forgets its grants when it stops: a tenant kept in .data/ from an earlier run re-consents.
    const installed = await provisionTenant(deps, {
      tenantId,
      siteUrl: site.siteUrl,
      clientId,
      clientSecret,
      authorizationCode: grant.code,
      redirectUri: 'http://localhost/callback',
      types: ['hourly', 'daily'],
      reconsent: true,
    });
    sites[tenantId] = site;
    say(`tenant "${tenantId}" installed for ${site.siteUrl}: ${installed.unchanged ? 'nothing changed' : installed.changes.join('; ')}`);
  }

  // Drift to look at: snapshot the previous hour, change the demo site, snapshot this hour. The second
  // snapshot hands off to a drift scan against the first.
  const thisHour = floorToWindow('hourly', Date.now());
  const before = await runSnapshot(client, { tenantId: 'demo', type: 'hourly', window: new Date(thisHour - 3_600_000), taskQueue: env.JIRA_DRIFT_TASK_QUEUE });
  say(`snapshot of the previous hour ${before.status}: ${before.objectCount} objects, root hash ${before.rootHash}`);
  const demo = sites['demo']!;
  const [status] = await simAdmin<Array<{ id: string; name: string }>>(sim.url, 'GET', `/admin/sites/${demo.cloudId}/objects/status`);
  await simAdmin(sim.url, 'PATCH', `/admin/sites/${demo.cloudId}/objects/status/${status!.id}`, { name: `${status!.name} (renamed)` });
  await simAdmin(sim.url, 'POST', `/admin/sites/${demo.cloudId}/objects/field`, { name: 'Compliance Tag' });
  say('changed the demo site: renamed a status, added a custom field');
  const result = await runSnapshot(client, { tenantId: 'demo', type: 'hourly', window: new Date(thisHour), taskQueue: env.JIRA_DRIFT_TASK_QUEUE });
  const workflowId = snapshotWorkflowId('demo', 'hourly', formatWindowStart(thisHour));
  say(`snapshot of this hour ${result.status}: ${result.objectCount} objects, root hash ${result.rootHash}`);
  if (result.driftScanWorkflowId) {
    const scan = (await client.workflow.getHandle(result.driftScanWorkflowId).result()) as { added: number; removed: number; modified: number };
    say(`drift scan ${result.driftScanWorkflowId}: ${scan.added} added, ${scan.removed} removed, ${scan.modified} modified`);
  }
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
  fs.writeFileSync(path.join(dataDir, 'dev.env'), Object.entries(devEnv).map(([k, v]) => `${k}=${v}`).join('\n') + '\n', { mode: 0o600 });
  if (temporal?.uiUrl) {
    say(`this hour's snapshot in the Temporal Web UI: ${temporal.uiUrl}/namespaces/default/workflows/${encodeURIComponent(workflowId)}`);
    say(`all of the demo tenant's workflows: ${temporal.uiUrl}/namespaces/default/workflows?query=${encodeURIComponent("TenantId='demo'")}`);
  }
  say('try, in another terminal:');
  say('  set -a; . .data/dev.env; set +a; export PATH="$(dirname "$(bash scripts/ensure-temporal.sh)"):$PATH"');
  say('  npx jira-drift tenant list');
  say('  npx jira-drift drift list --tenant demo');
  say(`  temporal workflow list --query "TenantId='demo2'"`);
  say(`  temporal workflow signal --workflow-id token-refresh:demo --name refreshNow`);
  say(`  temporal workflow query --workflow-id token-refresh:demo --name status --codec-endpoint ${codecEndpoint}`);
  say('running; press Ctrl-C to stop');
}

main().catch(async (err) => {
  process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
  await stopEverything();
  process.exit(1);
});
