// Property-based fuzzing of workflow inputs (workflows/workflow-inputs.ts): what `temporal workflow
// start --input` can deliver is any JSON. For thousands of generated inputs the checks never throw
// (a throw inside a workflow is a workflow task failing forever, not a failed workflow), refuse with
// one-line problems, accept every well-formed input, and whatever they accept is safe for the code
// after them (ids canonical, numbers in range, carried state usable, windows representable).
import fc from 'fast-check';
import { floorToWindow, formatWindowStart, isCanonicalWindowStart, type SnapshotType } from '../../../domain/snapshot-window';
import { driftScanWorkflowId, snapshotWorkflowId, tokenRefreshWorkflowId } from '../../../domain/workflow-ids';
import { TOKEN_STATES } from '../../../workflows/token-refresh-contract';
import {
  driftScanInputProblems,
  scheduledSnapshotInputCheck,
  scheduledWindow,
  snapshotInputProblems,
  tokenRefreshInputCheck,
} from '../../../workflows/workflow-inputs';

const RUNS = 3000;
const TYPES: SnapshotType[] = ['hourly', 'daily', 'weekly'];

const hostileText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '../x',
    "acme'; DROP TABLE tenants;--",
    '\u0430cme',
    'ACME',
    'acme\n',
    'acme\u0000',
    '',
    ' ',
    'a'.repeat(5000),
    '1e3',
    '-1',
    '0',
    '007',
    'NaN',
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
/** Any JSON value, plus the numbers JSON can carry that code tends to mishandle. */
const anyJson = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.constantFrom(0, -1, 1.5, 1e20, -1e20, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e308, null, true, [], {}) },
);
const tenantId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const snapshotId = fc.bigInt({ min: 1n, max: 10n ** 18n }).map(String);
const windowOf = (type: SnapshotType) =>
  fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2100-01-01') }).map((ms) => formatWindowStart(floorToWindow(type, ms)));
const typedWindow = fc.constantFrom(...TYPES).chain((type) => windowOf(type).map((windowStart) => ({ type, windowStart })));
const count = fc.nat({ max: 1_000_000 });

/** Replaces one field of a well-formed record with arbitrary JSON (or removes it). */
function mutated<T extends Record<string, unknown>>(valid: fc.Arbitrary<T>): fc.Arbitrary<Record<string, unknown>> {
  return valid.chain((v) =>
    fc.tuple(fc.constantFrom(...Object.keys(v), 'extra'), fc.option(anyJson, { nil: undefined })).map(([key, value]) => ({ ...v, [key]: value })),
  );
}

/** Any JSON at all, a record of arbitrary fields, or a well-formed input with one field broken. */
function inputs<T extends Record<string, unknown>>(valid: fc.Arbitrary<T>, keys: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(anyJson, fc.record(Object.fromEntries(keys.map((k) => [k, anyJson])), { requiredKeys: [] }), mutated(valid), valid);
}

function expectOneLineProblems(problems: string[]): void {
  for (const p of problems) {
    expect(typeof p).toBe('string');
    expect(p).not.toMatch(/[\r\n]/);
    expect(p.length).toBeLessThan(300);
  }
}

// ---- snapshotWorkflow -------------------------------------------------------------------------

const validSnapshot = fc.tuple(tenantId, typedWindow).map(([t, w]) => ({ tenantId: t, type: w.type, windowStart: w.windowStart }));

test('snapshotWorkflow input: refused cleanly or accepted only when canonical', () => {
  fc.assert(
    fc.property(inputs(validSnapshot, ['tenantId', 'type', 'windowStart']), fc.boolean(), (input, useCanonicalId) => {
      const i = input as Record<string, unknown>;
      const canonical =
        typeof i?.tenantId === 'string' && typeof i?.type === 'string' && typeof i?.windowStart === 'string'
          ? snapshotWorkflowId(i.tenantId, i.type as SnapshotType, i.windowStart)
          : 'snapshot:x:hourly:x';
      const problems = snapshotInputProblems(input, useCanonicalId ? canonical : 'some-other-id');
      expectOneLineProblems(problems);
      if (problems.length === 0) {
        expect(useCanonicalId).toBe(true);
        expect(isCanonicalWindowStart(i.type as SnapshotType, i.windowStart as string)).toBe(true);
      }
    }),
    { numRuns: RUNS },
  );
});

test('snapshotWorkflow input: every well-formed input is accepted', () => {
  fc.assert(
    fc.property(validSnapshot, (v) => {
      expect(snapshotInputProblems(v, snapshotWorkflowId(v.tenantId, v.type, v.windowStart))).toEqual([]);
    }),
    { numRuns: 500 },
  );
});

// ---- driftScanWorkflow ------------------------------------------------------------------------

const driftCarried = fc
  .record({
    scanId: snapshotId,
    snapshotType: fc.constantFrom(...TYPES),
    cursor: fc.string({ maxLength: 80 }),
    totals: fc.record({ compared: count, added: count, removed: count, modified: count }),
    runs: fc.integer({ min: 1, max: 10_000 }),
  })
  .chain((c) => windowOf(c.snapshotType).map((windowStart) => ({ ...c, windowStart })));
const validDrift = fc
  .record(
    {
      tenantId,
      baseSnapshotId: snapshotId,
      targetSnapshotId: snapshotId,
      pageSize: fc.integer({ min: 1, max: 500 }),
      pagesPerActivity: fc.integer({ min: 1, max: 10_000 }),
      activitiesPerRun: fc.integer({ min: 1, max: 1000 }),
      carried: driftCarried,
    },
    { requiredKeys: ['tenantId', 'baseSnapshotId', 'targetSnapshotId'] },
  )
  .filter((v) => v.baseSnapshotId !== v.targetSnapshotId);
/** A field as text for building the expected id; JSON such as {"toString": null} cannot go through String(). */
const text = (v: unknown) => (typeof v === 'string' ? v : '?');
const driftId = (i: Record<string, unknown>) => driftScanWorkflowId(text(i?.tenantId), text(i?.baseSnapshotId), text(i?.targetSnapshotId));

test('driftScanWorkflow input (including a hand-made carried state): refused cleanly or safe to run', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        inputs(validDrift, ['tenantId', 'baseSnapshotId', 'targetSnapshotId', 'pageSize', 'pagesPerActivity', 'activitiesPerRun', 'carried']),
        validDrift.chain((v) => mutated(fc.constant(v.carried ?? {})).map((carried) => ({ ...v, carried }))),
      ),
      (input) => {
        const i = (input ?? {}) as Record<string, unknown>;
        const problems = driftScanInputProblems(input, driftId(i));
        expectOneLineProblems(problems);
        if (problems.length > 0) return;
        expect(i.baseSnapshotId).not.toBe(i.targetSnapshotId);
        for (const k of ['pageSize', 'pagesPerActivity', 'activitiesPerRun']) if (i[k] !== undefined) expect(Number.isInteger(i[k])).toBe(true);
        const carried = i.carried as Record<string, unknown> | undefined;
        if (carried) {
          // What the workflow dereferences and sends on to its activities.
          expect(typeof carried.scanId).toBe('string');
          expect(typeof carried.cursor).toBe('string');
          expect(isCanonicalWindowStart(carried.snapshotType as SnapshotType, carried.windowStart as string)).toBe(true);
          for (const k of ['compared', 'added', 'removed', 'modified'])
            expect(Number.isSafeInteger((carried.totals as Record<string, unknown>)[k])).toBe(true);
          expect(Number.isSafeInteger(carried.runs)).toBe(true);
        }
      },
    ),
    { numRuns: RUNS },
  );
});

test('driftScanWorkflow input: every well-formed input is accepted, and only under its canonical id', () => {
  fc.assert(
    fc.property(validDrift, (v) => {
      expect(driftScanInputProblems(v, driftId(v))).toEqual([]);
      expect(driftScanInputProblems(v, `${driftId(v)}x`)).toEqual([`workflow id must be ${driftId(v)}`]);
    }),
    { numRuns: 500 },
  );
});

// ---- tokenRefreshWorkflow ---------------------------------------------------------------------

const tokenCarried = (t: string) =>
  fc.record({
    status: fc.record({
      tenantId: fc.constant(t),
      state: fc.constantFrom(...TOKEN_STATES),
      accessExpiresAt: fc.constant(null),
      lastRefreshAt: fc.constant(null),
      lastCheckAt: fc.constant(null),
      nextCheckAt: fc.constant(null),
      grantIssuedAt: fc.constant(null),
      grantExpiresAt: fc.constant(null),
      daysUntilGrantExpiry: fc.constant(null),
      consecutiveFailures: count,
      lastError: fc.option(fc.string(), { nil: null }),
      reason: fc.option(fc.string(), { nil: null }),
      writeScopes: fc.array(fc.string()),
      writeScopesAllowed: fc.boolean(),
      credentialVersion: fc.option(fc.string(), { nil: null }),
      refreshes: count,
      signalsReceived: fc.record({ refreshNow: count, credentialsUpdated: count }),
      runs: fc.integer({ min: 1, max: 10_000 }),
    }),
    pending: fc.record({ refreshNow: fc.boolean(), credentialsUpdated: fc.boolean() }),
  });
const duration = fc.oneof(fc.integer({ min: 1, max: 86_400_000 }), fc.constantFrom('12h', '15s', '1d', '500ms', '30m'));
const validToken = tenantId.chain((t) =>
  fc.record(
    {
      tenantId: fc.constant(t),
      checkEvery: duration,
      refreshWithin: duration,
      maxChecksPerRun: fc.integer({ min: 1, max: 10_000 }),
      carried: tokenCarried(t),
    },
    { requiredKeys: ['tenantId'] },
  ),
);

test('tokenRefreshWorkflow input (including a hand-made carried state): refused cleanly or safe to run', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        inputs(validToken, ['tenantId', 'checkEvery', 'refreshWithin', 'maxChecksPerRun', 'carried']),
        validToken.chain((v) => mutated(fc.constant((v.carried ?? {}) as Record<string, unknown>)).map((carried) => ({ ...v, carried }))),
        validToken.chain((v) =>
          mutated(fc.constant((v.carried?.status ?? {}) as Record<string, unknown>)).map((status) => ({ ...v, carried: { ...v.carried, status } })),
        ),
      ),
      (input) => {
        const i = (input ?? {}) as Record<string, unknown>;
        const { problems, settings } = tokenRefreshInputCheck(input, tokenRefreshWorkflowId(text(i.tenantId)));
        expectOneLineProblems(problems);
        if (!settings) {
          expect(problems.length).toBeGreaterThan(0);
          return;
        }
        expect(problems).toEqual([]);
        for (const ms of [settings.checkEveryMs, settings.refreshWithinMs]) expect(Number.isInteger(ms) && ms >= 1).toBe(true);
        expect(Number.isInteger(settings.maxChecksPerRun) && settings.maxChecksPerRun >= 1).toBe(true);
        const carried = i.carried as { status: Record<string, unknown> } | undefined;
        if (carried) {
          // What a continued run reads: a number of runs to increment and signal counters to bump.
          expect(Number.isSafeInteger(carried.status.runs)).toBe(true);
          expect(typeof (carried.status.signalsReceived as Record<string, unknown>).refreshNow).toBe('number');
          expect(carried.status.tenantId === undefined || carried.status.tenantId === i.tenantId).toBe(true);
        }
      },
    ),
    { numRuns: RUNS },
  );
});

test('tokenRefreshWorkflow input: every well-formed input is accepted; a carried state of another tenant is not', () => {
  fc.assert(
    fc.property(validToken, (v) => {
      expect(tokenRefreshInputCheck(v, tokenRefreshWorkflowId(v.tenantId)).problems).toEqual([]);
      if (v.carried) {
        const other = { ...v, carried: { ...v.carried, status: { ...v.carried.status, tenantId: `${v.tenantId}-other` } } };
        expect(tokenRefreshInputCheck(other, tokenRefreshWorkflowId(v.tenantId)).problems).toEqual([
          'carried is set by continue-as-new only and is malformed',
        ]);
      }
    }),
    { numRuns: 500 },
  );
});

// ---- scheduledSnapshotWorkflow ----------------------------------------------------------------

const validScheduled = fc.record(
  {
    tenantId,
    type: fc.constantFrom(...TYPES),
    scheduledAt: fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2100-01-01') }).map((ms) => new Date(ms).toISOString()),
    attempts: fc.integer({ min: 1, max: 20 }),
    retryDelayMs: fc.integer({ min: 1000, max: 86_400_000 }),
  },
  { requiredKeys: ['tenantId', 'type'] },
);

test('scheduledSnapshotWorkflow input: refused cleanly, or a representable canonical window', () => {
  fc.assert(
    fc.property(
      inputs(validScheduled, ['tenantId', 'type', 'scheduledAt', 'attempts', 'retryDelayMs']),
      fc.integer({ min: 0, max: Date.parse('2200-01-01') }),
      (input, nowMs) => {
        const { problem, settings } = scheduledSnapshotInputCheck(input);
        if (!settings) {
          expect(typeof problem).toBe('string');
          expectOneLineProblems([problem!]);
          return;
        }
        const i = input as { type: SnapshotType; scheduledAt?: string };
        expect(Number.isInteger(settings.attempts) && Number.isInteger(settings.retryDelayMs)).toBe(true);
        // The workflow's next step: the window of the action's time. It must never throw.
        const ms = i.scheduledAt ? Date.parse(i.scheduledAt) : nowMs;
        const window = scheduledWindow(i.type, ms);
        if (window.windowStart) expect(isCanonicalWindowStart(i.type, window.windowStart)).toBe(true);
        else expectOneLineProblems([window.problem!]);
      },
    ),
    { numRuns: RUNS },
  );
});

test('scheduledSnapshotWorkflow input: a well-formed input is accepted with its settings', () => {
  fc.assert(
    fc.property(validScheduled, (v) => {
      const { problem, settings } = scheduledSnapshotInputCheck(v);
      expect(problem).toBeUndefined();
      expect(settings).toEqual({ attempts: v.attempts ?? 3, retryDelayMs: v.retryDelayMs ?? 600_000 });
    }),
    { numRuns: 500 },
  );
});

test('an impossible calendar instant in scheduledAt is refused, not turned into a crash later', () => {
  expect(scheduledSnapshotInputCheck({ tenantId: 'acme', type: 'hourly', scheduledAt: '2026-13-45T99:99:99Z' }).problem).toMatch(/scheduledAt/);
  // Beyond what a Date can hold (a hand-made search attribute): a problem, not an exception.
  expect(scheduledWindow('weekly', 8.64e15 + 1)).toEqual({ problem: 'the schedule time maps to no representable window' });
  expect(scheduledWindow('weekly', Date.parse('0000-01-01T00:00:00Z'))).toEqual({ problem: 'the schedule time maps to no representable window' });
});
