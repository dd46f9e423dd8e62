// tokenRefreshWorkflow end to end on the real stack (Temporal dev server, PostgreSQL, jira-sim, a worker
// process, the real `temporal` CLI and the codec server). Durations are seconds instead of hours.
// The workflow's own timing logic (timer-driven checks, failure backoff, signals around continue-as-new,
// grant expiry) is tested with a mocked activity in test/workflows/token-refresh.test.ts; this file
// waits on no timer of the workflow's.
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { runSnapshot } from '../../client/snapshots';
import { getTokenStatus, notifyCredentialsUpdated, requestTokenRefresh, startTokenRefresh } from '../../client/token-refresh';
import { AesGcmPayloadCodec } from '../../temporal/payload-codec';
import { REQUESTED_SCOPES } from '../../jira-cloud';
import { temporalBinary } from '../../scripts/temporal-dev-server';
import type { Pool } from '../../store/pool';
import { getTenant, setAllowWriteScopes } from '../../store/tenant-store';
import type { TokenStatus } from '../../workflows/token-refresh-contract';
import { buildCodecServer } from '../../workers/codec-server';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, reconsentTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { sleep, waitFor } from '../support/wait-for';
import { startWorker, type WorkerProcess } from '../support/worker-process';
import { workloadTaskQueue } from '../../domain/workloads';

const run = promisify(execFile);

let stack: StackState;
let client: Client;
let pool: Pool;
let worker: WorkerProcess;
let codecServer: ReturnType<typeof buildCodecServer>;
let codecEndpoint: string;
const taskQueue = uniqueId('token-it');

interface GrantView {
  refreshes: number;
  invalidGrants: number;
  revoked: boolean;
}
const grant = (id: string) => simAdmin<GrantView>(stack, 'GET', `/admin/grants/${id}`);
const status = (tenantId: string) => getTokenStatus(client, tenantId);
const waitStatus = (tenantId: string, accept: (s: TokenStatus) => boolean, what: string, timeoutMs = 60_000) =>
  waitFor(() => status(tenantId), accept, { what, timeoutMs });

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  worker = await startWorker(stack, taskQueue);
  codecServer = buildCodecServer({ codec: AesGcmPayloadCodec.fromSpec(stack.payloadKeys!), namespace: 'default', corsOrigins: [] });
  await codecServer.listen({ port: 0, host: '127.0.0.1' });
  codecEndpoint = `http://127.0.0.1:${(codecServer.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  // Token workflows run forever: end this file's ones so later files see a quiet server.
  for await (const wf of client.workflow.list({
    query: `WorkflowType = 'tokenRefreshWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${workloadTaskQueue(taskQueue, 'tokens')}'`,
  })) {
    await client.workflow
      .getHandle(wf.workflowId)
      .terminate('test file finished')
      .catch(() => {});
  }
  await worker?.stop();
  await codecServer?.close();
  await pool?.end();
  await client?.connection.close();
});

async function temporalCli(args: string[]): Promise<string> {
  const { stdout } = await run(temporalBinary(), [...args, '--address', stack.temporalAddress, '--namespace', 'default'], { encoding: 'utf8' });
  return stdout;
}

test('refreshes when the token is due, reports metadata only, tags the TokenState search attribute', async () => {
  // An 8-second token is due at once within refreshWithin 1m (one that is not due: the next test).
  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('tok'), accessTokenTtlSec: 8 });
  const handle = await startTokenRefresh(client, { tenantId: tenant.tenantId, checkEvery: '1h', refreshWithin: '1m', taskQueue });
  expect(handle.workflowId).toBe(`token-refresh:${tenant.tenantId}`);
  const s = await waitStatus(tenant.tenantId, (x) => x.refreshes >= 1, 'the first check refreshes');
  expect(s.state).toBe('active');
  expect(Date.parse(s.accessExpiresAt!)).toBeGreaterThan(Date.now());
  expect(s.lastRefreshAt).not.toBeNull();
  expect(s.daysUntilGrantExpiry).toBeGreaterThanOrEqual(364);
  expect(s.writeScopes).toEqual([]);
  expect(s.consecutiveFailures).toBe(0);
  expect((await grant(tenant.grantId)).refreshes).toBeGreaterThanOrEqual(1);

  // A second start attaches to the running workflow: one refresh loop per grant.
  const again = await startTokenRefresh(client, { tenantId: tenant.tenantId, taskQueue });
  expect((await again.describe()).runId).toBe((await handle.describe()).runId);

  const listed = await waitFor(
    () => client.workflow.count(`WorkflowType = 'tokenRefreshWorkflow' AND TenantId = '${tenant.tenantId}' AND TokenState = 'active'`),
    (c) => c.count === 1,
    { what: 'TokenState=active in visibility' },
  );
  expect(listed.count).toBe(1);
});

test('refreshNow sent with `temporal workflow signal`, status read with `temporal workflow query`', async () => {
  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('tok-cli') });
  const workflowId = `token-refresh:${tenant.tenantId}`;
  // Hour-long tokens and timer: only the signal can cause a refresh here.
  await startTokenRefresh(client, { tenantId: tenant.tenantId, checkEvery: '1h', refreshWithin: '1m', taskQueue });
  await waitStatus(tenant.tenantId, (x) => x.state === 'active', 'first check');
  expect((await grant(tenant.grantId)).refreshes).toBe(0);

  await temporalCli(['workflow', 'signal', '--workflow-id', workflowId, '--name', 'refreshNow']);
  await waitFor(
    () => grant(tenant.grantId),
    (g) => g.refreshes === 1,
    { what: 'one refresh after the CLI signal' },
  );

  // The result is encrypted by the worker's codec; the CLI decodes it through the codec server.
  const out = await temporalCli([
    'workflow',
    'query',
    '--workflow-id',
    workflowId,
    '--name',
    'status',
    '--codec-endpoint',
    codecEndpoint,
    '--output',
    'json',
  ]);
  const parsed = JSON.parse(out);
  const cliStatus: TokenStatus = (parsed.queryResult ?? parsed)[0] ?? parsed.queryResult;
  expect(cliStatus).toMatchObject({ tenantId: tenant.tenantId, state: 'active', signalsReceived: { refreshNow: 1, credentialsUpdated: 0 } });
  await waitStatus(tenant.tenantId, (x) => x.refreshes === 1, 'refresh counted');

  // Without the codec the CLI sees only ciphertext: nothing readable leaves the worker unencrypted.
  const raw = await temporalCli(['workflow', 'query', '--workflow-id', workflowId, '--name', 'status', '--output', 'json']);
  expect(raw).not.toContain(tenant.tenantId);
});

test('continue-as-new carries the state, and no signal is lost around the switch', async () => {
  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('tok-can') });
  // Every check ends the run: signals constantly land around a continue-as-new.
  await startTokenRefresh(client, { tenantId: tenant.tenantId, checkEvery: '1h', refreshWithin: '1m', maxChecksPerRun: 1, taskQueue });
  await waitStatus(tenant.tenantId, (x) => x.state === 'active', 'first check');
  const signals = 25;
  for (let i = 0; i < signals; i++) {
    await requestTokenRefresh(client, tenant.tenantId);
    if (i % 5 === 4) await sleep(150);
  }
  const s = await waitStatus(tenant.tenantId, (x) => x.signalsReceived.refreshNow === signals && x.nextCheckAt !== null, 'all signals counted');
  expect(s.runs).toBeGreaterThan(2);
  expect(s.refreshes).toBeGreaterThanOrEqual(1);
  // Signals coalesce. A check whose workflow task was rejected (a signal racing continue-as-new) runs
  // again and may refresh again, so the token endpoint can count more refreshes than the workflow
  // recorded, never fewer; and the grant survives all of them.
  const g = await grant(tenant.grantId);
  expect(g.refreshes).toBeGreaterThanOrEqual(s.refreshes);
  expect(g).toMatchObject({ revoked: false, invalidGrants: 0 });
  expect((await getTenant(pool, tenant.tenantId))!.status).toBe('active');
});

test('a revoked grant: reauth_required silently, snapshots SKIPPED, waits for credentialsUpdated, then resumes', async () => {
  let tenant: TenantFixture = await onboardTenant(stack, pool, { tenantId: uniqueId('tok-revoked') });
  await startTokenRefresh(client, { tenantId: tenant.tenantId, checkEvery: '1s', refreshWithin: '1m', taskQueue });
  await waitStatus(tenant.tenantId, (x) => x.state === 'active', 'first check');
  await simAdmin(stack, 'POST', `/admin/grants/${tenant.grantId}/revoke`);

  await requestTokenRefresh(client, tenant.tenantId);
  const s = await waitStatus(tenant.tenantId, (x) => x.state === 'reauth_required', 'reauth_required');
  expect(s.reason).toMatch(/invalid_grant/);
  expect(s.consecutiveFailures).toBe(0);
  expect((await getTenant(pool, tenant.tenantId))!.status).toBe('reauth_required');
  await waitFor(
    () => client.workflow.count(`TenantId = '${tenant.tenantId}' AND TokenState = 'reauth_required'`),
    (c) => c.count === 1,
    { what: 'TokenState=reauth_required in visibility' },
  );

  // Checks keep coming (a forced one here), but nobody calls the token endpoint for a revoked grant again.
  await requestTokenRefresh(client, tenant.tenantId);
  await waitStatus(tenant.tenantId, (x) => x.signalsReceived.refreshNow === 2 && x.nextCheckAt !== null, 'the forced check done');
  expect((await grant(tenant.grantId)).invalidGrants).toBe(1);
  const handle = client.workflow.getHandle(`token-refresh:${tenant.tenantId}`);
  expect((await handle.describe()).status.name).toBe('RUNNING');
  // Silent by default: no error-level log line about this tenant (pino levels 50 error, 60 fatal).
  const loud = worker
    .output()
    .split('\n')
    .filter((l) => l.includes(tenant.tenantId) && /"level":(50|60)/.test(l));
  expect(loud).toEqual([]);

  const skipped = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-07-01', taskQueue });
  expect(skipped.status).toBe('SKIPPED');
  expect(skipped.reason).toMatch(/reauth_required/);

  tenant = await reconsentTenant(stack, pool, tenant);
  await notifyCredentialsUpdated(client, { tenantId: tenant.tenantId, taskQueue });
  const resumed = await waitStatus(tenant.tenantId, (x) => x.state === 'active', 'active after re-consent');
  expect(resumed.signalsReceived.credentialsUpdated).toBe(1);
  expect(resumed.reason).toBeNull();
  await requestTokenRefresh(client, tenant.tenantId);
  await waitFor(
    () => grant(tenant.grantId),
    (g) => g.refreshes === 1,
    { what: 'refresh on the new grant' },
  );
  const done = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-07-02', taskQueue });
  expect(done.status).toBe('COMPLETED');
});

test('a grant revoked in the middle of a snapshot: the window is SKIPPED with the reason, not failed', async () => {
  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('tok-midsnap') });
  await simAdmin(stack, 'POST', `/admin/grants/${tenant.grantId}/revoke`);
  // The stored token looks expired, so the first Jira call refreshes on demand and meets invalid_grant.
  await pool.query(`UPDATE credentials SET access_expires_at = now() - interval '1 second' WHERE tenant_id = $1`, [tenant.tenantId]);
  const result = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-07-04', taskQueue });
  expect(result.status).toBe('SKIPPED');
  expect(result.reason).toMatch(/reauth_required.*invalid_grant/);
  const row = await pool.query('SELECT status, status_reason FROM snapshots WHERE tenant_id = $1 AND id = $2', [tenant.tenantId, result.snapshotId]);
  expect(row.rows[0].status).toBe('skipped');
  expect((await grant(tenant.grantId)).invalidGrants).toBe(1);
});

test('write scopes: reported in status, refused on refresh once the operator withdraws the opt-in', async () => {
  const scopes = [...REQUESTED_SCOPES, 'manage:jira-configuration'];
  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('tok-write'), scopes, allowWriteScopes: true });
  await startTokenRefresh(client, { tenantId: tenant.tenantId, checkEvery: '1h', refreshWithin: '1m', taskQueue });
  await requestTokenRefresh(client, tenant.tenantId);
  const allowed = await waitStatus(tenant.tenantId, (x) => x.refreshes === 1, 'refresh with opt-in');
  expect(allowed).toMatchObject({ state: 'active', writeScopes: ['manage:jira-configuration'], writeScopesAllowed: true });

  await setAllowWriteScopes(pool, tenant.tenantId, false);
  await requestTokenRefresh(client, tenant.tenantId);
  const refused = await waitStatus(tenant.tenantId, (x) => x.state === 'write_scopes_refused', 'write_scopes_refused');
  expect(refused.writeScopesAllowed).toBe(false);
  expect(refused.reason).toMatch(/write scopes \(manage:jira-configuration\)/);
  const skipped = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-07-03', taskQueue });
  expect(skipped.status).toBe('SKIPPED');
  expect(skipped.reason).toMatch(/write scopes/);
});

test('bad input fails the start at once', async () => {
  await expect(startTokenRefresh(client, { tenantId: 'Bad Tenant', taskQueue })).rejects.toThrow(/tenantId/);
  await expect(startTokenRefresh(client, { tenantId: 'ok', checkEvery: 'soon', taskQueue })).rejects.toThrow(/checkEvery/);
  const rogue = await client.workflow.start('tokenRefreshWorkflow', { workflowId: uniqueId('rogue-token'), taskQueue, args: [{ tenantId: 'acme' }] });
  await expect(rogue.result()).rejects.toThrow();
  expect((await rogue.describe()).status.name).toBe('FAILED');
});
