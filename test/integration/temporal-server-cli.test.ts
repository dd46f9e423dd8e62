// `npm run temporal:server -- start|stop` from nothing: databases and schemas made, the default
// namespace served with its search attributes, a second start reports the running server, stop
// leaves no process behind, and a workflow started before a stop is still there after the next start.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { freeTcpPort } from '../../scripts/port-owner';
import { postgresTarget } from '../../scripts/temporal-server/config';
import { dropDatabases } from '../../scripts/temporal-server/schema';
import { temporalServerBuild } from '../../scripts/temporal-server/server';
import { readStackState } from '../support/stack-state';
import { uniqueId } from '../support/tenant-fixture';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jira-drift-temporal-server-'));
const dbName = `jira_drift_temporal_cli_${process.pid}_${Date.now().toString(36)}`;
let serverUrl: string;

async function cli(...args: string[]): Promise<string> {
  const env = { ...process.env, JIRA_DRIFT_TEMPORAL_SERVER_DIR: dir };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/temporal-server/cli.ts'), ...args], { cwd: ROOT, env });
  return stdout.trim();
}

function pid(): number {
  return Number(fs.readFileSync(path.join(dir, 'server.pid'), 'utf8'));
}

/** Running, not exited (a zombie has exited: it waits only for init, its new parent, to reap it). */
function alive(p: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

beforeAll(() => {
  serverUrl = readStackState().postgresServerUrl!;
  temporalServerBuild(); // built by .ci/run and `npm test` beforehand; a no-op then
}, 900_000);

afterAll(async () => {
  if (fs.existsSync(path.join(dir, 'server.pid'))) await cli('stop').catch(() => {});
  const { pg, adminDatabase } = postgresTarget(serverUrl, dbName);
  await dropDatabases(pg, adminDatabase);
  fs.rmSync(dir, { recursive: true, force: true });
}, 300_000);

test('start, start again, stop, start: one server at a time, data kept, nothing left running', async () => {
  const port = await freeTcpPort();
  const start = ['start', '--port', String(port), '--database-url', serverUrl, '--db-name', dbName];
  expect(await cli(...start)).toMatch(new RegExp(`^temporal server serving at 127\\.0\\.0\\.1:${port} \\(pid \\d+`));
  const first = pid();
  expect(await cli(...start)).toBe(`temporal server already running at 127.0.0.1:${port} (pid ${first})`);

  const workflowId = uniqueId('cli-kept');
  let connection = await Connection.connect({ address: `127.0.0.1:${port}` });
  let client = new Client({ connection });
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
  expect(Object.keys(customAttributes ?? {})).toEqual(expect.arrayContaining(['TenantId', 'SnapshotType', 'WindowStart', 'TokenState']));
  // No worker polls this queue: the execution just waits, stored in PostgreSQL.
  await client.workflow.start('neverRuns', { taskQueue: uniqueId('nobody'), workflowId });
  await connection.close();

  expect(await cli('stop')).toBe(`temporal server stopped (pid ${first})`);
  expect(alive(first)).toBe(false);
  expect(await cli('status').catch((err: { stdout?: string }) => err.stdout?.trim())).toBe('not running');

  expect(await cli(...start)).toMatch(/^temporal server serving at/);
  expect(pid()).not.toBe(first);
  connection = await Connection.connect({ address: `127.0.0.1:${port}` });
  client = new Client({ connection });
  const described = await client.workflow.getHandle(workflowId).describe();
  expect(described.status.name).toBe('RUNNING');
  await client.workflow.getHandle(workflowId).terminate('test done');
  await connection.close();

  const second = pid();
  await cli('stop');
  expect(alive(second)).toBe(false);
}, 300_000);
