// Hostile Jira: every fault jira-sim can inject, against real snapshots on the real stack. The site
// never changes, so a snapshot that completes must have the clean snapshot's root hash; one that cannot
// complete must fail with a clear reason and leave no complete snapshot. Never a partial snapshot
// marked complete, never a wrong root hash.
import type { Client } from '@temporalio/client';
import { runSnapshot } from '../../client/snapshots';
import type { Pool } from '../../store/pool';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { startWorker, type WorkerProcess } from '../support/worker-process';

interface Stats {
  requests: number;
  rateLimited: number;
  earlyRetries: number;
  writes: number;
}

interface Scenario {
  name: string;
  rules: Array<Record<string, unknown>>;
  /**
   * complete: must complete with the clean root hash; fail: must fail with a reason matching `reason`;
   * unavailable: completes, with the type recorded as unavailable (reason matching `reason`).
   */
  expect: 'complete' | 'fail' | 'unavailable';
  reason?: RegExp;
  /**
   * Run on the worker with one request in flight per tenant. jira-sim counts a request as an early
   * retry when it arrives before the caller's Retry-After elapsed; with several requests in flight,
   * the ones sent before the 429 came back are counted too although the client could not know yet.
   * With one in flight, every request after a 429 is one the client chose to send: the count must be 0.
   */
  serial?: boolean;
}

const SCENARIOS: Scenario[] = [
  {
    name: '429 storm (30% of requests, Retry-After 1 s)',
    rules: [{ kind: 'rate-limit', probability: 0.3, seed: 7, retryAfterSec: 1, count: 40 }],
    expect: 'complete',
    serial: true,
  },
  {
    name: '429 storm with 4 requests in flight',
    rules: [{ kind: 'rate-limit', probability: 0.2, seed: 8, retryAfterSec: 1, count: 20 }],
    expect: 'complete',
  },
  { name: '5xx burst (12 × 503)', rules: [{ kind: 'server-error', count: 12 }], expect: 'complete' },
  {
    name: '500 with Retry-After on one endpoint',
    rules: [{ kind: 'server-error', status: 500, retryAfterSec: 1, count: 3, pathPattern: '/rest/api/3/field/search' }],
    expect: 'complete',
  },
  { name: 'responses slower than the client timeout (3 ×)', rules: [{ kind: 'timeout', latencyMs: 4000, count: 3 }], expect: 'complete' },
  { name: 'malformed JSON bodies (3 ×)', rules: [{ kind: 'malformed', count: 3 }], expect: 'complete' },
  { name: 'truncated pages (2 ×)', rules: [{ kind: 'truncated-page', count: 2, pathPattern: '/rest/api/3/field/search' }], expect: 'complete' },
  {
    name: 'total changing between pages (2 ×)',
    rules: [{ kind: 'total-drift', count: 2, afterRequests: 1, pathPattern: '/rest/api/3/field/search' }],
    expect: 'complete',
  },
  { name: 'missing isLast on every page', rules: [{ kind: 'missing-islast', pathPattern: '/rest/api/3/field/search' }], expect: 'complete' },
  {
    name: 'a page that repeats the previous one (2 ×)',
    rules: [{ kind: 'repeat-page', count: 2, afterRequests: 1, pathPattern: '/rest/api/3/field/search' }],
    expect: 'complete',
  },
  {
    // What a site without a product, or a grant without a scope, looks like: recorded, not a failure.
    name: 'an endpoint that disappears (404)',
    // Anchored: `/rest/api/3/screenscheme` starts with the same text.
    rules: [{ kind: 'not-found', pathPattern: '/rest/api/3/screens$' }],
    expect: 'unavailable',
    reason: /^HTTP 404/,
  },
  {
    name: 'a permanent client error on one endpoint (400)',
    rules: [{ kind: 'server-error', status: 400, pathPattern: '/rest/api/3/screens' }],
    expect: 'fail',
    reason: /400/,
  },
  {
    name: 'malformed JSON on every response of one endpoint',
    rules: [{ kind: 'malformed', pathPattern: '/rest/api/3/role' }],
    expect: 'fail',
    reason: /malformed/i,
  },
];

let stack: StackState;
let client: Client;
let pool: Pool;
let worker: WorkerProcess;
let serialWorker: WorkerProcess;
const serialQueue = uniqueId('hostile-serial');
let tenant: TenantFixture;
let cleanRootHash: string;
const taskQueue = uniqueId('hostile-it');
const report: Array<Record<string, unknown>> = [];

const stats = () => simAdmin<Stats>(stack, 'GET', `/admin/stats?cloudId=${tenant.cloudId}`);

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('hostile'), size: 1500, seed: 31 });
  // A short client timeout so "slower than the timeout" costs seconds, not the default 30 s.
  worker = await startWorker(stack, taskQueue, { JIRA_TIMEOUT_MS: '2000' });
  serialWorker = await startWorker(stack, serialQueue, { JIRA_TIMEOUT_MS: '2000', JIRA_CONCURRENCY: '1' });
  const clean = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-08-01', taskQueue });
  cleanRootHash = clean.rootHash!;
});

afterAll(async () => {
  await simAdmin(stack, 'DELETE', '/admin/faults').catch(() => {});
  await worker?.stop();
  await serialWorker?.stop();
  await pool?.end();
  await client?.connection.close();
  process.stdout.write(`hostile-jira: ${JSON.stringify(report)}\n`);
});

test.each(SCENARIOS.map((s, i) => [s.name, s, i] as const))('%s', async (_name, scenario, index) => {
  const window = `2026-08-${String(index + 2).padStart(2, '0')}`;
  const windowStart = `${window}T00:00:00Z`;
  await simAdmin(stack, 'DELETE', '/admin/faults');
  for (const rule of scenario.rules) await simAdmin(stack, 'POST', '/admin/faults', { cloudId: tenant.cloudId, ...rule });
  const before = await stats();
  let outcome: { status: string; rootHash?: string | null; error?: string; unavailable?: Array<{ configType: string; reason: string }> };
  try {
    const result = await runSnapshot(client, {
      tenantId: tenant.tenantId,
      type: 'daily',
      window,
      taskQueue: scenario.serial ? serialQueue : taskQueue,
    });
    outcome = { status: result.status, rootHash: result.rootHash, ...(result.unavailable ? { unavailable: result.unavailable } : {}) };
  } catch (err) {
    outcome = { status: 'FAILED', error: err instanceof Error ? err.message : String(err) };
  }
  const rules = await simAdmin<Array<{ applied: number }>>(stack, 'GET', '/admin/faults');
  await simAdmin(stack, 'DELETE', '/admin/faults');
  const after = await stats();
  const { rows } = await pool.query(
    'SELECT status, status_reason, root_hash FROM snapshots WHERE tenant_id = $1 AND snapshot_type = $2 AND window_start = $3',
    [tenant.tenantId, 'daily', windowStart],
  );
  const row = rows[0];
  report.push({
    scenario: scenario.name,
    faultsInjected: rules.reduce((n, r) => n + r.applied, 0),
    requests: after.requests - before.requests,
    rateLimited: after.rateLimited - before.rateLimited,
    earlyRetries: after.earlyRetries - before.earlyRetries,
    result: outcome.status,
    reason: row?.status_reason ?? null,
  });

  // Every 429 was waited out: jira-sim counts calls made before Retry-After elapsed.
  if (scenario.serial || after.rateLimited === before.rateLimited) expect(after.earlyRetries - before.earlyRetries).toBe(0);
  expect(after.writes - before.writes).toBe(0);
  expect(rules.reduce((n, r) => n + r.applied, 0)).toBeGreaterThan(0);
  if (scenario.expect === 'unavailable') {
    expect(outcome.status).toBe('COMPLETED');
    // A screen's tabs are read per screen: with no screens, they are unavailable for the same reason.
    expect(outcome.unavailable).toEqual([
      { configType: 'screen', reason: expect.stringMatching(scenario.reason!) },
      { configType: 'screentab', reason: expect.stringMatching(/^screen unavailable: HTTP 404/) },
    ]);
    expect(row).toMatchObject({ status: 'complete' });
    expect(row.root_hash).not.toBe(cleanRootHash);
  } else if (scenario.expect === 'complete') {
    expect(outcome).toEqual({ status: 'COMPLETED', rootHash: cleanRootHash });
    expect(row).toMatchObject({ status: 'complete', root_hash: cleanRootHash });
  } else {
    expect(outcome.status).toBe('FAILED');
    expect(row.status).toBe('failed');
    expect(row.root_hash).toBeNull();
    expect(row.status_reason).toMatch(scenario.reason!);
    // The reason is one clear line, not a stack trace.
    expect(row.status_reason).not.toMatch(/\n\s+at /);
  }
});
