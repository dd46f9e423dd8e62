// Reading automation rules resumes after a failed attempt like the per-parent reads do: a retry keeps the
// rules the failed attempt stored (and that are still listed), reads only the others, and drops a rule
// deleted in between; a first attempt starts from an empty slate. Real jira-sim, real PostgreSQL, the real
// Jira client; the attempt's resume flag is what the activity derives from its heartbeat.
import pino from 'pino';
import { configSecretHasher } from '../../activities/snapshot/secret-hasher';
import { readDetailList } from '../../activities/snapshot/read-detail-list';
import { toConfigObject } from '../../domain/config-object';
import { AccessTokenProvider } from '../../jira-cloud/oauth/access-token-provider';
import { automationRules } from '../../jira-cloud/reads/automation';
import { JiraClientRegistry } from '../../jira-cloud/tenant-clients';
import type { Pool } from '../../store/pool';
import { loadAutomationToken } from '../../store/automation-token-store';
import { SecretBox } from '../../store/secret-box';
import { claimSnapshot, storePage } from '../../store/snapshot-store';
import type { EmitPage, PagingClient } from '../../jira-cloud';
import { testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';

let stack: StackState;
let pool: Pool;
let tenant: TenantFixture;
let client: PagingClient;
let target: { tenantId: string; snapshotId: string; runId: string; configType: 'automationrule' };
let emit: EmitPage;

beforeAll(async () => {
  stack = readStackState();
  pool = testPool(stack);
  // A site with enough rules for several stored batches before the failure.
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('automation-resume'), size: 6000, seed: 53 });
  const secretBox = SecretBox.fromSpec(stack.encryptionKeys);
  const tokens = new AccessTokenProvider({ pool, secretBox, authBaseUrl: stack.jiraSimUrl });
  const registry = new JiraClientRegistry(
    pool,
    tokens,
    (tenantId) => loadAutomationToken(pool, secretBox, tenantId),
    { apiBaseUrl: stack.jiraSimUrl, concurrency: 4, timeoutMs: 30_000 },
    pino({ level: 'silent' }),
  );
  client = await registry.forTenant(tenant.tenantId);
  const runId = 'run-resume-1';
  const claim = await claimSnapshot(pool, {
    tenantId: tenant.tenantId,
    type: 'hourly',
    windowStart: '2026-08-02T00:00:00Z',
    workflowId: 'automation-resume',
    runId,
  });
  target = { tenantId: tenant.tenantId, snapshotId: claim.snapshot.id, runId, configType: 'automationrule' };
  const hashSecret = configSecretHasher(secretBox, tenant.tenantId);
  emit = async (values) => {
    await storePage(pool, { ...target, objects: values.map((raw) => toConfigObject('automationrule', raw, hashSecret)) });
  };
});

afterAll(async () => {
  await simAdmin(stack, 'DELETE', '/admin/faults');
  await pool?.end();
});

async function storedKeys(): Promise<string[]> {
  const { rows } = await pool.query<{ object_key: string }>(
    "SELECT object_key FROM snapshot_entries WHERE snapshot_id = $1 AND object_type = 'automationrule' ORDER BY object_key",
    [target.snapshotId],
  );
  return rows.map((r) => r.object_key);
}

test('a retry reads only what the failed attempt did not store, and drops a rule deleted in between', async () => {
  const { summaries } = await automationRules.list(client);
  expect(summaries.length).toBeGreaterThan(60);
  const uuids = summaries.map((s) => String(s['uuid']));

  // The first attempt fails on a rule near the end of the listing (400: not retried by the client).
  const failing = uuids[uuids.length - 5]!;
  await simAdmin(stack, 'POST', '/admin/faults', { cloudId: tenant.cloudId, pathPattern: `/rule/${failing}`, kind: 'server-error', status: 400 });
  await expect(readDetailList(pool, client, target, automationRules, emit, false)).rejects.toMatchObject({ status: 400 });
  await simAdmin(stack, 'DELETE', '/admin/faults');
  const afterFailure = await storedKeys();
  expect(afterFailure.length).toBeGreaterThanOrEqual(50);
  expect(afterFailure.length).toBeLessThan(uuids.length);

  // A stored rule is deleted in Jira before the retry.
  const deleted = afterFailure[0]!.slice('automationrule/'.length);
  await simAdmin(stack, 'DELETE', `/admin/sites/${tenant.cloudId}/objects/automationrule/${deleted}`);

  const requests = await readDetailList(pool, client, target, automationRules, emit, true);
  const listingPages = Math.ceil((uuids.length - 1) / 100);
  expect(requests).toBe(listingPages + (uuids.length - 1) - (afterFailure.length - 1));
  expect(await storedKeys()).toEqual(
    uuids
      .filter((u) => u !== deleted)
      .map((u) => `automationrule/${u}`)
      .sort(),
  );
});

test('a first attempt starts from an empty slate and reads every rule', async () => {
  const before = await storedKeys();
  const requests = await readDetailList(pool, client, target, automationRules, emit, false);
  expect(requests).toBe(Math.ceil(before.length / 100) + before.length);
  expect(await storedKeys()).toEqual(before);
});
