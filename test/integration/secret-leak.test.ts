// Runs last (test/support/secret-scan-last-sequencer.js): every token jira-sim issued during the whole
// suite (OAuth tokens and automation API tokens), every stored client secret and automation API token
// (and the HTTP Basic form it is sent in), is searched for in every workflow history of the namespace
// (raw, and with payloads decrypted by the codec), every workflow's search attributes, and every log line
// the stack and the workers wrote. None may appear anywhere.
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { DefaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../../temporal/payload-codec';
import { runSnapshot } from '../../client/snapshots';
import { getTokenStatus, requestTokenRefresh, startTokenRefresh } from '../../client/token-refresh';
import { setAutomationToken } from '../../client/automation-token';
import { loadAutomationToken } from '../../store/automation-token-store';
import { loadCredentials } from '../../store/credential-store';
import type { Pool } from '../../store/pool';
import { SecretBox } from '../../store/secret-box';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId } from '../support/tenant-fixture';
import { waitFor } from '../support/wait-for';
import { startWorker, workerLogDir, type WorkerProcess } from '../support/worker-process';

let stack: StackState;
let client: Client;
let pool: Pool;
let worker: WorkerProcess;
const taskQueue = uniqueId('leak-it');

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

/** Every readable rendering of a history: strings as they are, bytes as UTF-8 and base64, payloads decrypted. */
async function historyTexts(value: unknown, codec: AesGcmPayloadCodec, out: string[]): Promise<void> {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'), Buffer.from(value).toString('base64'));
  else if (Array.isArray(value)) for (const item of value) await historyTexts(item, codec, out);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.data instanceof Uint8Array && record.metadata && typeof record.metadata === 'object') {
      const [decoded] = await codec.decode([record]);
      out.push(Buffer.from(decoded!.data ?? []).toString('utf8'));
    }
    for (const item of Object.values(record)) await historyTexts(item, codec, out);
  }
}

function logFiles(): string[] {
  const dirs = [stack.dir, workerLogDir(stack)];
  return dirs.flatMap((dir) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.log'))
          .map((f) => path.join(dir, f))
      : [],
  );
}

test('no issued token and no client secret appears in any workflow history or log line', async () => {
  // Some token traffic of its own, so the scan means something even when this file runs alone.
  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('leak') });
  await startTokenRefresh(client, { tenantId: tenant.tenantId, checkEvery: '1h', refreshWithin: '1m', taskQueue });
  await requestTokenRefresh(client, tenant.tenantId);
  await waitFor(
    () => getTokenStatus(client, tenant.tenantId),
    (s) => s.refreshes === 1,
    { what: 'a refresh' },
  );
  const read = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-09-01', taskQueue });
  await client.workflow.getHandle(`token-refresh:${tenant.tenantId}`).terminate('scan');
  // Automation rules were read with the API token; a wrong token's 401 goes through the error paths too.
  expect(read.types!['automationrule']!.objects).toBeGreaterThan(0);
  expect(read.unavailable ?? []).toEqual([]);
  const box = SecretBox.fromSpec(stack.encryptionKeys);
  const wrongToken = await onboardTenant(stack, pool, { tenantId: uniqueId('leak-wrong') });
  const wrongValue = `${wrongToken.automationToken!.token}-wrong-value`;
  await setAutomationToken(
    { pool, secretBox: box },
    { tenantId: wrongToken.tenantId, email: wrongToken.automationToken!.email, apiToken: wrongValue },
  );
  const refused = await runSnapshot(client, { tenantId: wrongToken.tenantId, type: 'daily', window: '2026-09-01', taskQueue });
  expect(refused.unavailable).toEqual([{ configType: 'automationrule', reason: expect.stringMatching(/^HTTP 401/) }]);

  const secrets = new Set((await simAdmin<{ tokens: string[] }>(stack, 'GET', '/admin/issued-tokens')).tokens);
  const { rows } = await pool.query('SELECT tenant_id FROM credentials');
  for (const row of rows) {
    const creds = await loadCredentials(pool, box, row.tenant_id);
    for (const s of [creds!.accessToken, creds!.refreshToken, creds!.clientSecret]) secrets.add(s);
  }
  const automation = await pool.query('SELECT tenant_id FROM automation_tokens');
  for (const row of automation.rows) {
    const stored = (await loadAutomationToken(pool, box, row.tenant_id))!;
    secrets.add(stored.apiToken);
    secrets.add(Buffer.from(`${stored.email}:${stored.apiToken}`).toString('base64'));
  }
  // Control: both tenants' automation tokens are among what is searched for.
  expect(secrets.has(tenant.automationToken!.token)).toBe(true);
  expect(secrets.has(wrongValue)).toBe(true);
  expect(secrets.size).toBeGreaterThan(10);

  const codec = AesGcmPayloadCodec.fromSpec(stack.payloadKeys!);
  // Control: the scan does see a value inside an encrypted payload.
  const [planted] = await codec.encode([new DefaultPayloadConverter().toPayload({ canary: 'planted-canary-value' })]);
  const control: string[] = [];
  await historyTexts({ events: [{ input: { payloads: [planted] } }] }, codec, control);
  expect(control.join('\n')).toContain('planted-canary-value');

  const leaks: string[] = [];
  let histories = 0;
  let tokenWorkflows = 0;
  for await (const wf of client.workflow.list()) {
    const history = await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
    const texts: string[] = [];
    await historyTexts(history, codec, texts);
    const all = texts.join('\n');
    for (const secret of secrets) if (all.includes(secret)) leaks.push(`history of ${wf.workflowId}`);
    const attributes = JSON.stringify([wf.searchAttributes, wf.typedSearchAttributes]);
    for (const secret of secrets) if (attributes.includes(secret)) leaks.push(`search attributes of ${wf.workflowId}`);
    histories++;
    if (wf.type === 'tokenRefreshWorkflow') tokenWorkflows++;
  }
  const files = logFiles();
  for (const file of files) {
    const content = fs.readFileSync(file, 'utf8');
    for (const secret of secrets) if (content.includes(secret)) leaks.push(`log ${path.basename(file)}`);
  }
  process.stdout.write(
    `secret scan: ${secrets.size} secrets, ${histories} histories (${tokenWorkflows} token workflows), ${files.length} log files\n`,
  );
  expect(tokenWorkflows).toBeGreaterThan(0);
  expect(files.some((f) => f.includes('worker-'))).toBe(true);
  expect(leaks).toEqual([]);
});
