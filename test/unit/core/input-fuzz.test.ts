// Property-based fuzzing of the programmatic entry points' validation: thousands of generated inputs
// give either a valid parse or an InvalidInputError with a one-line message — never another error,
// never a stack trace in the message, and never a database call for rejected input.
import fc from 'fast-check';
import type { Pool } from 'pg';
import crypto from 'node:crypto';
import { listDrift, showDrift } from '../../../client/drift-reads';
import { parseDriftScanOptions } from '../../../client/drift-scans';
import { InvalidInputError } from '../../../client/errors';
import { parseSnapshotOptions } from '../../../client/snapshots';

const RUNS = 3000;

/** Crafted tenant ids and values: traversal, SQL metacharacters, look-alikes, control characters, huge. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    '../etc/passwd',
    "acme'; DROP TABLE tenants;--",
    'acme" OR 1=1',
    '\u0430cme',
    'ACME',
    'acme\n',
    'acme\u0000',
    '',
    ' ',
    'a'.repeat(10_000),
    '%2e%2e%2f',
    '${jndi:x}',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const anything = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.object(),
  fc.array(fc.string()),
);

function expectCleanRefusalOrValue(run: () => unknown): void {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidInputError);
    const message = (err as Error).message;
    expect(message.length).toBeGreaterThan(0);
    expect(message).not.toMatch(/\n\s+at /);
  }
}

/** A pool that records any use: rejected input must never reach the database. */
function recordingPool(): { pool: Pool; calls: () => number } {
  let calls = 0;
  const pool = new Proxy({} as Pool, {
    get: () => () => {
      calls++;
      throw new Error('database used');
    },
  });
  return { pool, calls: () => calls };
}

test('snapshot start options', () => {
  fc.assert(
    fc.property(fc.record({ tenantId: anything, type: anything, window: anything, taskQueue: anything }, { requiredKeys: [] }), (input) => {
      expectCleanRefusalOrValue(() => parseSnapshotOptions(input as never));
    }),
    { numRuns: RUNS },
  );
});

test('drift scan options', () => {
  fc.assert(
    fc.property(
      fc.record(
        {
          tenantId: anything,
          baseSnapshotId: anything,
          targetSnapshotId: anything,
          pageSize: anything,
          pagesPerActivity: anything,
          activitiesPerRun: anything,
          extra: anything,
        },
        { requiredKeys: [] },
      ),
      (input) => {
        expectCleanRefusalOrValue(() => parseDriftScanOptions(input as never));
      },
    ),
    { numRuns: RUNS },
  );
});

test('drift reads refuse bad tenants, queries and cursors without touching the database', async () => {
  const { pool, calls } = recordingPool();
  const deps = { pool, cursorKey: crypto.randomBytes(32) };
  await fc.assert(
    fc.asyncProperty(
      hostileText.filter((t) => !/^[a-z0-9][a-z0-9-]{0,62}$/.test(t)),
      fc.record({ snapshotType: anything, since: anything, until: anything, pageSize: anything, cursor: anything }, { requiredKeys: [] }),
      async (tenant, query) => {
        await expect(listDrift(deps, tenant, query as never)).rejects.toBeInstanceOf(InvalidInputError);
        await expect(showDrift(deps, tenant, '1')).rejects.toBeInstanceOf(InvalidInputError);
      },
    ),
    { numRuns: RUNS },
  );
  // A valid tenant with a forged cursor or an out-of-range page size is refused before any query too.
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ minLength: 1, maxLength: 600 }), fc.base64String({ minLength: 4, maxLength: 200 })), async (cursor) => {
      await expect(listDrift(deps, 'acme', { cursor })).rejects.toBeInstanceOf(InvalidInputError);
    }),
    { numRuns: RUNS },
  );
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 501 }), fc.double({ noInteger: true })), async (pageSize) => {
      await expect(listDrift(deps, 'acme', { pageSize })).rejects.toBeInstanceOf(InvalidInputError);
    }),
    { numRuns: RUNS },
  );
  expect(calls()).toBe(0);
});
