// Audit ingestion resumes where it stopped: with 1,005 records in the interval (two pages of 1,000), the
// second page fails once with HTTP 500; the retried activity asks again from offset 1000 (its heartbeat),
// not from the start, and every record is stored once.
import type { DriftScanResult } from '../../workflows/drift-scan-contract';
import { startCoverageDrift, type CoverageDrift } from '../support/coverage-drift';

const CHANGES = 1005;
let ctx: CoverageDrift;
let scan: DriftScanResult;
let auditOffsets: string[];

beforeAll(async () => {
  ctx = await startCoverageDrift({ name: 'audit-resume', seed: 35 });
  const cloudId = ctx.tenant.cloudId;
  await ctx.snap('2026-09-04T00:00:00Z');
  const [resolution] = await ctx.objects('resolution');
  for (let i = 0; i < CHANGES; i++) await ctx.patch('resolution', resolution!.id, { description: `edit ${i}` });
  await ctx.sim('POST', '/admin/faults', {
    cloudId,
    pathPattern: '/rest/api/3/auditing/record',
    kind: 'server-error',
    status: 500,
    afterRequests: 1,
    count: 1,
  });
  try {
    const after = await ctx.snap('2026-09-04T01:00:00Z');
    scan = (await ctx.client.workflow.getHandle(after.driftScanWorkflowId!).result()) as DriftScanResult;
  } finally {
    await ctx.sim('DELETE', '/admin/faults');
  }
  const log = await ctx.sim<{ entries: Array<{ path: string; query: Record<string, string>; status: number }> }>(
    'GET',
    `/admin/requests?cloudId=${cloudId}&limit=50000`,
  );
  // The interval's pages (the coverage probe has no `from`).
  auditOffsets = log.entries
    .filter((e) => e.path.endsWith('/rest/api/3/auditing/record') && e.query['from'] !== undefined)
    .map((e) => `${e.query['offset']}:${e.status}`);
});

afterAll(async () => {
  await ctx?.close();
});

test('the retry asks for the failed page again, not the first one', () => {
  expect(auditOffsets).toEqual(['0:200', '1000:500', '1000:200']);
});

test('every record is stored once and the change is attributed', async () => {
  const { rows } = await ctx.pool.query('SELECT count(*)::int AS n, count(DISTINCT record_id)::int AS d FROM audit_records WHERE tenant_id = $1', [
    ctx.tenant.tenantId,
  ]);
  expect(rows[0]).toEqual({ n: CHANGES, d: CHANGES });
  expect(scan.attribution).toMatchObject({ auditLog: 'read', auditRecords: CHANGES, attributed: 1 });
});
