// Rotating refresh tokens against jira-sim's token endpoint and the real PostgreSQL store: single-flight
// across callers and processes, and a crash between the token endpoint's answer and the write.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { AccessTokenProvider, ReauthRequiredError } from '../../jira-cloud/oauth/access-token-provider';
import { createPool, type Pool } from '../../store/pool';
import { SecretBox } from '../../store/secret-box';
import { getTenant } from '../../store/tenant-store';
import { testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId } from '../support/tenant-fixture';

interface GrantView {
  refreshes: number;
  invalidGrants: number;
  revoked: boolean;
}

let stack: StackState;
let pool: Pool;
const extraPools: Pool[] = [];

beforeAll(() => {
  stack = readStackState();
  pool = testPool(stack);
});

afterAll(async () => {
  await Promise.all([pool, ...extraPools].map((p) => p.end()));
});

/** One provider per simulated worker process: its own pool, its own in-process single-flight map. */
function provider(): AccessTokenProvider {
  const own = createPool(stack.databaseUrl, 12);
  extraPools.push(own);
  return new AccessTokenProvider({ pool: own, secretBox: SecretBox.fromSpec(stack.encryptionKeys), authBaseUrl: stack.jiraSimUrl });
}

const grant = (id: string) => simAdmin<GrantView>(stack, 'GET', `/admin/grants/${id}`);
const version = async (tenantId: string) =>
  (await pool.query('SELECT version FROM credentials WHERE tenant_id = $1', [tenantId])).rows[0].version as string;
const expireAccessToken = (tenantId: string) =>
  pool.query(`UPDATE credentials SET access_expires_at = now() - interval '1 second' WHERE tenant_id = $1`, [tenantId]);

function crashMidRefresh(tenantId: string): Promise<NodeJS.Signals | null> {
  const script = path.join(__dirname, '..', 'support', 'crash-mid-refresh.ts');
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', script, stack.databaseUrl, stack.encryptionKeys, stack.jiraSimUrl, tenantId], {
      cwd: path.join(__dirname, '..', '..'),
    });
    child.once('exit', (_code, signal) => resolve(signal));
  });
}

test('20 concurrent on-demand refreshes from two processes make exactly one token endpoint call', async () => {
  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('single-flight') });
  await expireAccessToken(tenant.tenantId);
  const before = await version(tenant.tenantId);
  const [a, b] = [provider(), provider()];
  const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).getAccessToken(tenant.tenantId)));
  expect(new Set(tokens).size).toBe(1);
  expect((await grant(tenant.grantId)).refreshes).toBe(1);
  expect(a.tokenEndpointCalls + b.tokenEndpointCalls).toBe(1);
  expect(Number(await version(tenant.tenantId))).toBe(Number(before) + 1);
});

test('rotation: each refresh stores the new refresh token, and the next refresh uses it', async () => {
  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('rotation'), refreshReuseIntervalSec: 1 });
  const p = provider();
  for (let i = 0; i < 3; i++) {
    await p.refresh(tenant.tenantId, { ifExpiringWithinMs: Number.POSITIVE_INFINITY });
    // Longer than the reuse interval: a stale refresh token would now revoke the whole family.
    await new Promise((r) => setTimeout(r, 1200));
  }
  const g = await grant(tenant.grantId);
  expect(g).toMatchObject({ refreshes: 3, invalidGrants: 0, revoked: false });
  expect((await getTenant(pool, tenant.tenantId))!.status).toBe('active');
});

test('a crash between the token answer and the write is survivable inside the reuse interval', async () => {
  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('crash-inside') });
  const before = await version(tenant.tenantId);
  expect(await crashMidRefresh(tenant.tenantId)).toBe('SIGKILL');
  // Atlassian rotated, but nothing was committed: the store still holds the old (now rotated) pair.
  expect((await grant(tenant.grantId)).refreshes).toBe(1);
  expect(await version(tenant.tenantId)).toBe(before);

  // The old refresh token is still accepted within the reuse interval (default 10 minutes).
  const outcome = await provider().refresh(tenant.tenantId, { ifExpiringWithinMs: Number.POSITIVE_INFINITY });
  expect(outcome.refreshed).toBe(true);
  expect((await grant(tenant.grantId)).refreshes).toBe(2);
  expect((await grant(tenant.grantId)).invalidGrants).toBe(0);
  expect((await getTenant(pool, tenant.tenantId))!.status).toBe('active');
});

test('after the reuse interval the old token revokes the family: reauth_required, and no further token calls', async () => {
  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('crash-after'), refreshReuseIntervalSec: 1 });
  expect(await crashMidRefresh(tenant.tenantId)).toBe('SIGKILL');
  await new Promise((r) => setTimeout(r, 1500));
  const p = provider();
  await expect(p.refresh(tenant.tenantId, { ifExpiringWithinMs: Number.POSITIVE_INFINITY })).rejects.toBeInstanceOf(ReauthRequiredError);
  const row = (await getTenant(pool, tenant.tenantId))!;
  expect(row.status).toBe('reauth_required');
  expect(row.statusReason).toMatch(/invalid_grant/);
  expect(await grant(tenant.grantId)).toMatchObject({ revoked: true, invalidGrants: 1 });

  // Instead of looping: later refreshes and on-demand calls stop before the token endpoint.
  await expireAccessToken(tenant.tenantId);
  await expect(p.refresh(tenant.tenantId, { ifExpiringWithinMs: Number.POSITIVE_INFINITY })).rejects.toBeInstanceOf(ReauthRequiredError);
  await expect(p.getAccessToken(tenant.tenantId)).rejects.toBeInstanceOf(ReauthRequiredError);
  expect((await grant(tenant.grantId)).invalidGrants).toBe(1);
  expect(p.tokenEndpointCalls).toBe(1);
});
