import { driftPairProblem, type SnapshotFacts } from '../../../domain/drift-pair';

const snap = (id: string, windowStart: string, over: Partial<SnapshotFacts> = {}): SnapshotFacts => ({
  id,
  status: 'complete',
  type: 'hourly',
  windowStart,
  ...over,
});
const a = snap('1', '2026-07-01T00:00:00Z');
const b = snap('2', '2026-07-01T01:00:00Z');

test('two complete snapshots of one type, base earlier: no problem', () => {
  expect(driftPairProblem('acme', '1', '2', a, b)).toBeUndefined();
});

test('each refusal names what is wrong', () => {
  expect(driftPairProblem('acme', '1', '1', a, a)).toBe('a snapshot cannot be compared with itself');
  expect(driftPairProblem('acme', '9', '2', undefined, b)).toBe('snapshot 9 does not exist for tenant acme');
  expect(driftPairProblem('acme', '1', '9', a, undefined)).toBe('snapshot 9 does not exist for tenant acme');
  expect(driftPairProblem('acme', '1', '2', a, { ...b, status: 'running' })).toBe('snapshot 2 is running, not complete');
  expect(driftPairProblem('acme', '2', '1', b, a)).toBe(
    'base snapshot 2 (2026-07-01T01:00:00Z) must be earlier than target snapshot 1 (2026-07-01T00:00:00Z)',
  );
  expect(driftPairProblem('acme', '1', '2', a, { ...b, type: 'daily' })).toBe(
    'snapshot 1 is hourly and snapshot 2 is daily: drift compares snapshots of one type',
  );
  // Same window twice (only possible across types, or corrupt data): not earlier, refused.
  expect(driftPairProblem('acme', '1', '3', a, snap('3', a.windowStart))).toMatch(/must be earlier/);
});
