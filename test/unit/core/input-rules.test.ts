// One source for every rule: the programmatic client (zod, client/input-schemas.ts) and the workflow
// input validators (workflows/workflow-inputs.ts) must accept and refuse exactly the same values, with
// the same message, because both take the rule from domain/input-rules.ts.
import fc from 'fast-check';
import { parseDriftScanOptions } from '../../../client/drift-scans';
import { InvalidInputError } from '../../../client/errors';
import { parseSnapshotOptions } from '../../../client/snapshots';
import { startTokenRefreshOptions } from '../../../client/token-refresh';
import { LIMITS, TENANT_ID_RULE } from '../../../domain/input-rules';
import { driftScanWorkflowId, snapshotWorkflowId, tokenRefreshWorkflowId } from '../../../domain/workflow-ids';
import { driftScanInputProblems, snapshotInputProblems, tokenRefreshInputCheck } from '../../../workflows/workflow-inputs';

const clientAccepts = (f: () => unknown): boolean => {
  try {
    f();
    return true;
  } catch (err) {
    if (err instanceof InvalidInputError) return false;
    throw err;
  }
};
const clientMessage = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  return '';
};

const boundaries = (rule: { min: number; max: number }) => [rule.min - 1, rule.min, rule.min + 1, rule.max - 1, rule.max, rule.max + 1, 1.5, -1, 0];

test('drift scan page sizes and run lengths: client and workflow agree at every boundary', () => {
  const base = { tenantId: 'acme', baseSnapshotId: '1', targetSnapshotId: '2' };
  const id = driftScanWorkflowId('acme', '1', '2');
  for (const [field, rule] of [
    ['pageSize', LIMITS.driftPageSize],
    ['pagesPerActivity', LIMITS.driftPagesPerActivity],
    ['activitiesPerRun', LIMITS.driftActivitiesPerRun],
  ] as const) {
    for (const value of boundaries(rule)) {
      const input = { ...base, [field]: value };
      const workflowOk = driftScanInputProblems(input, id).length === 0;
      expect([field, value, clientAccepts(() => parseDriftScanOptions(input))]).toEqual([field, value, workflowOk]);
      if (!workflowOk) {
        expect(driftScanInputProblems(input, id)).toEqual([rule.message]);
        expect(clientMessage(() => parseDriftScanOptions(input))).toBe(`${field}: ${rule.message}`);
      }
    }
  }
});

test('maxChecksPerRun: the client bound is the workflow bound (it was unbounded in the workflow)', () => {
  const id = tokenRefreshWorkflowId('acme');
  const rule = LIMITS.tokenMaxChecksPerRun;
  expect(rule.max).toBe(10_000);
  for (const value of boundaries(rule)) {
    const input = { tenantId: 'acme', maxChecksPerRun: value };
    const workflowOk = tokenRefreshInputCheck(input, id).settings !== undefined;
    expect([value, clientAccepts(() => startTokenRefreshOptions(input))]).toEqual([value, workflowOk]);
  }
  expect(tokenRefreshInputCheck({ tenantId: 'acme', maxChecksPerRun: 10_001 }, id).problems).toEqual([rule.message]);
  // A run started before the bound replays as it ran (the workflow decides with patched()).
  expect(
    tokenRefreshInputCheck({ tenantId: 'acme', maxChecksPerRun: 10_001 }, id, { legacyUnboundedMaxChecks: true }).settings?.maxChecksPerRun,
  ).toBe(10_001);
});

test('tenant ids: one rule and one message for the client and every workflow', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 70 }), fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,64}$/)), (tenantId) => {
      const workflowOk =
        snapshotInputProblems(
          { tenantId, type: 'daily', windowStart: '2026-11-25T00:00:00Z' },
          snapshotWorkflowId(tenantId, 'daily', '2026-11-25T00:00:00Z'),
        ).length === 0;
      expect(clientAccepts(() => parseSnapshotOptions({ tenantId, type: 'daily', window: '2026-11-25' }))).toBe(workflowOk);
      expect(TENANT_ID_RULE.test(tenantId)).toBe(workflowOk);
      if (!workflowOk) {
        expect(snapshotInputProblems({ tenantId, type: 'daily', windowStart: '2026-11-25T00:00:00Z' }, 'x')).toContain(TENANT_ID_RULE.message);
        expect(clientMessage(() => parseSnapshotOptions({ tenantId, type: 'daily' }))).toBe(`tenantId: ${TENANT_ID_RULE.message}`);
      }
    }),
    { numRuns: 2000 },
  );
});
