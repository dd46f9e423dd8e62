// `jira-drift tenant ...` end to end through the real CLI binary (bin/jira-drift.js) on the real stack:
// install twice → identical state and "nothing changed"; a revoked grant → one clear line, nothing
// stored; list/show/pause/resume/remove; `temporal workflow list --query "TenantId='x'"` with the real
// temporal CLI returns exactly that tenant's workflows; snapshot backfill with progress.
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { snapshotScheduleId } from '../../domain/snapshot-schedule';
import { tokenRefreshWorkflowId } from '../../domain/workflow-ids';
import { getTokenStatus } from '../../client/token-refresh';
import { temporalBinary } from '../../scripts/temporal-dev-server';
import type { Pool } from '../../store/pool';
import { temporalClient, testPool } from '../support/clients';
import { consentOnNewSite, type Consent } from '../support/consent-fixture';
import { readStackState, type StackState } from '../support/stack-state';
import { simAdmin, uniqueId } from '../support/tenant-fixture';
import { waitFor } from '../support/wait-for';
import { startWorker, workerEnv, type WorkerProcess } from '../support/worker-process';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'jira-drift.js');

let stack: StackState;
let client: Client;
let pool: Pool;
let worker: WorkerProcess;
const taskQueue = uniqueId('tenant-it');

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  worker = await startWorker(stack, taskQueue);
});

afterAll(async () => {
  await worker?.stop();
  await pool?.end();
  await client?.connection.close();
});

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: ROOT, env: workerEnv(stack, taskQueue, env), timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The CLI with `input` piped into its stdin (how secrets reach it). */
function cliWithStdin(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: workerEnv(stack, taskQueue, {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

const AUTOMATION_NEEDED = '  unavailable until set: automationrule (needs an API token (jira-drift tenant automation-token set))';

function installArgs(tenantId: string, c: Consent, types = 'daily,hourly'): string[] {
  return [
    'tenant',
    'install',
    tenantId,
    '--site',
    c.siteUrl,
    '--client-id',
    c.clientId,
    '--types',
    types,
    '--redirect-uri',
    'http://localhost/callback',
  ];
}

const secretsEnv = (c: Consent) => ({ JIRA_DRIFT_CLIENT_SECRET: c.clientSecret, JIRA_DRIFT_AUTHORIZATION_CODE: c.code });

/** Everything install decides, read back from PostgreSQL and Temporal. */
async function installedState(tenantId: string) {
  const tenant = (
    await pool.query('SELECT id, site_url, cloud_id, oauth_client_id, granted_scopes, status, updated_at FROM tenants WHERE id = $1', [tenantId])
  ).rows;
  const creds = (await pool.query('SELECT version, key_id, updated_at, access_token_enc FROM credentials WHERE tenant_id = $1', [tenantId])).rows;
  const schedules = [];
  for (const type of ['hourly', 'daily', 'weekly']) {
    try {
      const d = await client.schedule.getHandle(snapshotScheduleId(tenantId, type as 'daily')).describe();
      schedules.push({
        type,
        spec: d.spec,
        action: d.action,
        policies: d.policies,
        paused: d.state.paused,
        updated: d.info.lastUpdatedAt?.toISOString() ?? null,
      });
    } catch {
      /* absent */
    }
  }
  const token = await client.workflow.getHandle(tokenRefreshWorkflowId(tenantId)).describe();
  const workflows: string[] = [];
  for await (const wf of client.workflow.list({ query: `TenantId = '${tenantId}' AND WorkflowType = 'tokenRefreshWorkflow'` }))
    workflows.push(`${wf.workflowId}/${wf.runId}`);
  const grantIssuedAt = (await pool.query('SELECT grant_issued_at FROM credentials WHERE tenant_id = $1', [tenantId])).rows[0]?.grant_issued_at;
  return { tenant, creds, grantIssuedAt, schedules, token: { runId: token.runId, status: token.status.name }, workflows };
}

test('install twice: the second run changes nothing and says so; state is identical', async () => {
  const tenantId = uniqueId('inst');
  const consent = await consentOnNewSite(stack, tenantId, { size: 1 });
  const first = await cli(installArgs(tenantId, consent), secretsEnv(consent));
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(first.stdout).toContain(`tenant ${tenantId}: installed for ${consent.siteUrl}`);
  expect(first.stdout).toContain('started the token workflow');
  expect(first.stdout).toContain(`created schedule ${snapshotScheduleId(tenantId, 'daily')}`);
  expect(first.stdout).toContain(`created schedule ${snapshotScheduleId(tenantId, 'hourly')}`);
  // The token workflow's first check refreshes the fresh grant; compare states once it has settled.
  await waitFor(
    () => getTokenStatus(client, tenantId),
    (st) => st.state === 'active',
    { what: 'first token check' },
  );
  const before = await installedState(tenantId);
  expect(before.schedules.map((s) => s.type)).toEqual(['hourly', 'daily']);
  expect(before.creds).toHaveLength(1);

  // Same command, same (now used) code: nothing is exchanged, stored, started or updated.
  const second = await cli(installArgs(tenantId, consent), secretsEnv(consent));
  expect(second.code).toBe(0);
  expect(second.stdout.trim().split('\n')).toEqual([
    `tenant ${tenantId}: already installed for ${consent.siteUrl}, nothing changed`,
    AUTOMATION_NEEDED,
  ]);
  expect(await installedState(tenantId)).toEqual(before);

  // A part-way install is completed by the next run: lose a schedule and the token workflow, install again.
  await client.schedule.getHandle(snapshotScheduleId(tenantId, 'hourly')).delete();
  await client.workflow.getHandle(tokenRefreshWorkflowId(tenantId)).terminate('simulated crash mid-install');
  const repair = await cli(installArgs(tenantId, consent), secretsEnv(consent));
  expect(repair.code).toBe(0);
  expect(repair.stdout).toContain('started the token workflow');
  expect(repair.stdout).toContain(`created schedule ${snapshotScheduleId(tenantId, 'hourly')}`);
  expect(repair.stdout).not.toContain('daily');
  const after = await installedState(tenantId);
  // The grant was not exchanged again (the restarted token workflow may have refreshed the access token).
  expect(after.grantIssuedAt).toEqual(before.grantIssuedAt);
  expect(after.schedules.map((s) => s.type)).toEqual(['hourly', 'daily']);

  // list / show (token state from the status query), pause / resume, with JSON for the checks.
  const list = await cli(['tenant', 'list']);
  expect(list.stdout).toMatch(new RegExp(`^${tenantId}\\tactive\\t${consent.siteUrl.replace(/[.]/g, '\\.')}\\thourly,daily$`, 'm'));
  const shown = await waitFor(
    async () => JSON.parse((await cli(['tenant', 'show', tenantId, '--json'])).stdout),
    (s) => s.token.state === 'active',
    { what: 'token state active' },
  );
  expect(shown.token.status.tenantId).toBe(tenantId);
  expect(shown.scheduleDetails.map((s: { overlap: string }) => s.overlap)).toEqual(['BUFFER_ALL', 'BUFFER_ALL']);
  expect(JSON.stringify(shown)).not.toContain(consent.clientSecret);
  const paused = await cli(['tenant', 'pause', tenantId]);
  expect(paused.stdout.trim()).toBe(`tenant ${tenantId}: hourly, daily schedule(s) paused`);
  expect((await cli(['tenant', 'pause', tenantId])).stdout).toContain('already paused, nothing changed');
  expect((await client.schedule.getHandle(snapshotScheduleId(tenantId, 'daily')).describe()).state.paused).toBe(true);
  expect((await cli(['tenant', 'resume', tenantId])).stdout.trim()).toBe(`tenant ${tenantId}: hourly, daily schedule(s) resumed`);

  // remove keeps the data; remove --purge deletes it.
  const removed = await cli(['tenant', 'remove', tenantId]);
  expect(removed.stdout).toContain('stopped the token workflow');
  expect((await cli(['tenant', 'remove', tenantId])).stdout.trim()).toBe(`tenant ${tenantId}: already removed, nothing changed`);
  expect((await pool.query('SELECT status FROM tenants WHERE id = $1', [tenantId])).rows[0].status).toBe('disabled');
  await expect(client.schedule.getHandle(snapshotScheduleId(tenantId, 'daily')).describe()).rejects.toThrow();
  const purged = await cli(['tenant', 'remove', tenantId, '--purge']);
  expect(purged.stdout).toContain('deleted every row of the tenant');
  expect((await pool.query('SELECT count(*)::int AS n FROM tenants WHERE id = $1', [tenantId])).rows[0].n).toBe(0);
  expect((await pool.query('SELECT count(*)::int AS n FROM credentials WHERE tenant_id = $1', [tenantId])).rows[0].n).toBe(0);
});

test('automation API token: install says it is needed; set from stdin (never argv), show says set, never the value; clear; bad input exit 2, nothing written', async () => {
  const tenantId = uniqueId('autotoken');
  const consent = await consentOnNewSite(stack, tenantId, { size: 1 });
  const installed = await cli(installArgs(tenantId, consent, 'daily'), secretsEnv(consent));
  expect(installed.code).toBe(0);
  expect(installed.stdout.split('\n')).toContain(AUTOMATION_NEEDED);
  const installJson = JSON.parse((await cli([...installArgs(tenantId, consent, 'daily'), '--json'], secretsEnv(consent))).stdout);
  expect(installJson.unavailableTypes).toEqual([
    { type: 'automationrule', missingScopes: [], needs: 'needs an API token (jira-drift tenant automation-token set)' },
  ]);
  const stored = async () =>
    (await pool.query('SELECT email_enc, api_token_enc, set_at FROM automation_tokens WHERE tenant_id = $1', [tenantId])).rows;
  const shown = async () => JSON.parse((await cli(['tenant', 'show', tenantId, '--json'])).stdout);
  expect((await shown()).automationToken).toEqual({ set: false, setAt: null });

  // Bad input: one line, exit 2, nothing stored.
  const token = 'ATATT3xFfGF0-automation-token-7f3a';
  const refusals: Array<[string[], string, RegExp]> = [
    [['tenant', 'automation-token', 'set', tenantId, '--email', 'not-an-email'], `${token}\n`, /^jira-drift: email: must be the email address/],
    [
      ['tenant', 'automation-token', 'set', tenantId, '--email', 'a@example.com'],
      '',
      /^jira-drift: stdin must hold the API token on one line \(got 0/,
    ],
    [
      ['tenant', 'automation-token', 'set', tenantId, '--email', 'a@example.com'],
      `${token}\nsecond\n`,
      /^jira-drift: stdin must hold the API token on one line \(got 2/,
    ],
    [
      ['tenant', 'automation-token', 'set', tenantId, '--email', 'a@example.com'],
      'with space\n',
      /^jira-drift: apiToken: must be one line of printable/,
    ],
    [
      ['tenant', 'automation-token', 'set', 'nosuch-tenant-x', '--email', 'a@example.com'],
      `${token}\n`,
      /^jira-drift: tenant nosuch-tenant-x is not installed$/,
    ],
    [['tenant', 'automation-token', 'set', tenantId, '--email', 'a@example.com', '--token', token], '', /unknown option '--token'/],
    [['tenant', 'automation-token', 'set', tenantId], `${token}\n`, /required option '--email <email>' not specified/],
  ];
  for (const [args, input, message] of refusals) {
    const refused = await cliWithStdin(args, input);
    expect([args.slice(3).join(' '), refused.code, refused.stderr.trim().split('\n').length]).toEqual([args.slice(3).join(' '), 2, 1]);
    expect(refused.stderr.trim()).toMatch(message);
    expect(refused.stderr).not.toContain('second');
    expect(refused.stderr + refused.stdout).not.toContain(token);
  }
  expect(await stored()).toEqual([]);

  const set = await cliWithStdin(['tenant', 'automation-token', 'set', tenantId, '--email', 'automation@acme.example'], `${token}\n`);
  expect([set.code, set.stdout.trim(), set.stderr]).toEqual([0, `tenant ${tenantId}: automation API token stored (encrypted)`, '']);
  const rows = await stored();
  expect(rows).toHaveLength(1);
  // Encrypted at rest: neither value is in the row.
  expect(Buffer.concat([rows[0].email_enc, rows[0].api_token_enc]).toString('latin1')).not.toMatch(/ATATT3x|automation@acme/);
  const status = await shown();
  expect(status.automationToken).toEqual({ set: true, setAt: rows[0].set_at.toISOString() });
  expect(JSON.stringify(status)).not.toContain(token);
  expect((await cli(['tenant', 'show', tenantId])).stdout).toContain(`automation API token: set (since ${rows[0].set_at.toISOString()})`);
  // The install check no longer names automation rules.
  const again = await cli(installArgs(tenantId, consent, 'daily'), secretsEnv(consent));
  expect(again.stdout.trim()).toBe(`tenant ${tenantId}: already installed for ${consent.siteUrl}, nothing changed`);
  const replaced = await cliWithStdin(
    ['tenant', 'automation-token', 'set', tenantId, '--email', 'automation@acme.example', '--json'],
    `${token}-2\n`,
  );
  expect(JSON.parse(replaced.stdout)).toEqual({ tenantId, replaced: true });

  expect((await cli(['tenant', 'automation-token', 'clear', tenantId])).stdout.trim()).toBe(`tenant ${tenantId}: automation API token deleted`);
  expect((await cli(['tenant', 'automation-token', 'clear', tenantId])).stdout.trim()).toBe(
    `tenant ${tenantId}: no automation API token was set, nothing changed`,
  );
  expect(await stored()).toEqual([]);
  expect((await shown()).automationToken).toEqual({ set: false, setAt: null });
  await cli(['tenant', 'remove', tenantId, '--purge']);
}, 600_000); // some twenty CLI runs, each a fresh process

test('install against a revoked grant: one clear line, exit 1, nothing stored or started', async () => {
  const tenantId = uniqueId('revoked');
  const consent = await consentOnNewSite(stack, tenantId, { size: 1 });
  await simAdmin(stack, 'POST', `/admin/grants/${consent.grantId}/revoke`, {});
  const result = await cli(installArgs(tenantId, consent), secretsEnv(consent));
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^jira-drift: install refused, nothing stored: .*invalid_grant.*consent again/);
  expect(result.stderr).not.toContain(consent.clientSecret);
  expect((await pool.query('SELECT count(*)::int AS n FROM tenants WHERE id = $1', [tenantId])).rows[0].n).toBe(0);
  await expect(client.workflow.getHandle(tokenRefreshWorkflowId(tenantId)).describe()).rejects.toThrow();
  await expect(client.schedule.getHandle(snapshotScheduleId(tenantId, 'daily')).describe()).rejects.toThrow();
});

test('bad input: one line, exit 2, and secrets are never taken from arguments', async () => {
  const noSecret = await cli([
    'tenant',
    'install',
    'bad-1',
    '--site',
    'https://x.atlassian.net',
    '--client-id',
    'c',
    '--redirect-uri',
    'http://localhost/cb',
  ]);
  expect(noSecret.code).toBe(2);
  expect(noSecret.stderr).toMatch(/^jira-drift: a new grant needs the client secret/);
  const badTypes = await cli(['tenant', 'install', 'bad-2', '--site', 'https://x.atlassian.net', '--client-id', 'c', '--types', 'daily,monthly']);
  expect(badTypes.code).toBe(2);
  expect(badTypes.stderr.trim()).toBe('jira-drift: --types must be a comma-separated list of hourly, daily, weekly');
  const secretArg = await cli(['tenant', 'install', 'bad-3', '--site', 'https://x.atlassian.net', '--client-id', 'c', '--client-secret', 's']);
  expect(secretArg.code).toBe(2);
  expect(secretArg.stderr).toContain("unknown option '--client-secret'");
  const badTenant = await cli(['tenant', 'show', 'Not_A_Tenant']);
  expect(badTenant.code).toBe(2);
  expect(badTenant.stderr).not.toMatch(/\n\s+at /);
});

test("temporal workflow list --query \"TenantId='x'\" (real CLI) lists exactly that tenant's workflows; backfill with progress", async () => {
  const a = uniqueId('lista');
  const b = uniqueId('listb');
  const consentA = await consentOnNewSite(stack, a, { size: 1 });
  const consentB = await consentOnNewSite(stack, b, { size: 1 });
  expect((await cli(installArgs(a, consentA, 'daily'), secretsEnv(consentA))).code).toBe(0);
  expect((await cli(installArgs(b, consentB, 'daily'), secretsEnv(consentB))).code).toBe(0);
  // Two daily windows for tenant a, with progress lines read from the snapshot's `progress` query.
  const backfill = await cli(['snapshot', 'backfill', '--tenant', a, '--type', 'daily', '--from', '2026-01-01', '--to', '2026-01-03', '--progress']);
  expect(backfill.code).toBe(0);
  expect(backfill.stdout).toMatch(/^COMPLETED\t2026-01-01T00:00:00Z\tsnapshot:.*\n^COMPLETED\t2026-01-02T00:00:00Z/m);
  expect(backfill.stderr).toMatch(/\[1\/2\] 2026-01-01T00:00:00Z (claiming|fetching|finalizing|done): \d+\/\d+ resources/);
  const again = await cli(['snapshot', 'backfill', '--tenant', a, '--type', 'daily', '--from', '2026-01-01', '--to', '2026-01-03', '--json']);
  expect(JSON.parse(again.stdout).map((r: { status: string }) => r.status)).toEqual(['SKIPPED', 'SKIPPED']);

  const expected: string[] = [];
  for await (const wf of client.workflow.list({
    query: `WorkflowId STARTS_WITH 'snapshot:${a}:' OR WorkflowId = '${tokenRefreshWorkflowId(a)}' OR WorkflowId STARTS_WITH 'drift:${a}:'`,
  })) {
    expected.push(wf.workflowId);
  }
  expect(expected.length).toBeGreaterThanOrEqual(4); // token, two snapshots, one drift scan
  const listed = await waitFor(
    async () => {
      const { stdout } = await run(
        temporalBinary(),
        ['workflow', 'list', '--address', stack.temporalAddress, '--query', `TenantId='${a}'`, '--output', 'json'],
        {
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      return (JSON.parse(stdout || '[]') as Array<{ execution: { workflowId: string } }>).map((w) => w.execution.workflowId).sort();
    },
    (ids) => ids.length === new Set(expected).size,
    { what: 'visibility to catch up' },
  );
  expect(listed).toEqual([...new Set(expected)].sort());
  expect(listed.some((id) => id.includes(b))).toBe(false);
});
