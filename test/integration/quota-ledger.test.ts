// The points ledger in PostgreSQL under contention: reservations from two connection pools (as two
// worker processes would make them) never grant more than a window holds; a retried reservation gets
// its own grant back; settling releases the unused part of a grant for others.
import { createPool, type Pool } from '../../store/pool';
import { reserve, settle, type ReservationRequest } from '../../store/quota-store';
import { testPool } from '../support/clients';
import { readStackState } from '../support/stack-state';
import { uniqueId } from '../support/tenant-fixture';

let workerA: Pool;
let workerB: Pool;

beforeAll(() => {
  const stack = readStackState();
  workerA = testPool(stack);
  workerB = createPool(stack.databaseUrl, 20);
});

afterAll(async () => {
  await workerA?.end();
  await workerB?.end();
});

const settings = { tier: 'global' as const, pointsPerWindow: 10_000, windowSeconds: 3600 };
/** The window less its 5% margin. */
const CAPACITY = 9_500;

let snapshots = 900_000;

/** A first read of a type by a snapshot of its own (never read before: estimated at 1,000 points). */
function request(pool: string, tenant: number): ReservationRequest {
  // Tenants without running snapshots: no fair-share limit, so only the window bounds the grants.
  return { pool, settings, tenantId: `ledger-t${tenant % 3}`, snapshotId: String(snapshots++), configType: 'fieldcontext', part: 0, divisible: true };
}

test('concurrent reservations from two workers never grant more than the window', async () => {
  const pool = uniqueId('app:ledger');
  const requests = Array.from({ length: 40 }, (_, i) => request(pool, i));
  const results = await Promise.all(requests.map((r, i) => reserve(i % 2 === 0 ? workerA : workerB, r)));
  const granted = results.reduce((sum, r) => sum + (r.granted ? r.points : 0), 0);
  // Each asks for 1,000 (a first read's estimate): nine fit whole, the tenth gets the last 500.
  expect(granted).toBe(CAPACITY);
  expect(results.filter((r) => r.granted)).toHaveLength(10);
  const refused = results.filter((r) => !r.granted);
  expect(refused).toHaveLength(30);
  for (const r of refused) expect(r).toMatchObject({ reason: 'pool-spent' });
  const waits = await workerA.query('SELECT count(*)::int AS n FROM quota_waits WHERE pool = $1', [pool]);
  expect(waits.rows[0].n).toBe(30);
});

test('a retried reservation gets its own grant back; settling releases what the read did not use', async () => {
  const pool = uniqueId('app:ledger');
  const firstRead = request(pool, 0);
  const first = await reserve(workerA, firstRead);
  expect(first).toMatchObject({ granted: true, points: 1000 });
  expect(await reserve(workerB, firstRead)).toEqual(first);

  // Fill the window with other reads, then settle the first read at a tenth of its grant.
  const others = await Promise.all(Array.from({ length: 12 }, (_, i) => reserve(workerB, request(pool, i + 1))));
  expect(others.reduce((sum, r) => sum + (r.granted ? r.points : 0), 0)).toBe(CAPACITY - 1000);
  expect(await reserve(workerA, request(pool, 20))).toMatchObject({ granted: false });
  if (!first.granted) throw new Error('unreachable');
  await settle(workerA, { pool, reservationKey: first.reservationKey, tenantId: 'ledger-t0', charged: 100 });
  // The tenant that was refused (and so is waiting: alone in asking, no share limit) gets the 900 released.
  expect(await reserve(workerA, request(pool, 20))).toMatchObject({ granted: true, points: 900 });
});
