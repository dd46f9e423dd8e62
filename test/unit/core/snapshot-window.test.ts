import fc from 'fast-check';
import {
  floorToWindow,
  formatWindowStart,
  isCanonicalWindowStart,
  resolveWindowStart,
  windowLengthMs,
  windowStartsBetween,
  SNAPSHOT_TYPES,
} from '../../../domain/snapshot-window';

test('windows floor to the UTC hour, day and ISO week (Monday)', () => {
  const at = Date.parse('2026-11-25T13:47:12.345Z'); // a Wednesday
  expect(formatWindowStart(floorToWindow('hourly', at))).toBe('2026-11-25T13:00:00Z');
  expect(formatWindowStart(floorToWindow('daily', at))).toBe('2026-11-25T00:00:00Z');
  expect(formatWindowStart(floorToWindow('weekly', at))).toBe('2026-11-23T00:00:00Z');
  expect(new Date(floorToWindow('weekly', at)).getUTCDay()).toBe(1);
});

test('operator input resolves to the canonical window start or fails with one clear line', () => {
  expect(resolveWindowStart('daily', '2026-11-25')).toBe('2026-11-25T00:00:00Z');
  expect(resolveWindowStart('hourly', '2026-11-25T13:59:59+02:00')).toBe('2026-11-25T11:00:00Z');
  expect(resolveWindowStart('weekly', '2026-11-29T23:59:59Z')).toBe('2026-11-23T00:00:00Z');
  for (const bad of ['yesterday', '2026-13-45', '2026-11-25 13:00', '', '1e9', '2026-11-25T13:00:00']) {
    expect(() => resolveWindowStart('daily', bad)).toThrow(/window/);
  }
});

test('a window start is canonical only when it is exactly the floor', () => {
  expect(isCanonicalWindowStart('daily', '2026-11-25T00:00:00Z')).toBe(true);
  expect(isCanonicalWindowStart('daily', '2026-11-25T00:00:00.000Z')).toBe(false);
  expect(isCanonicalWindowStart('daily', '2026-11-25T01:00:00Z')).toBe(false);
  expect(isCanonicalWindowStart('weekly', '2026-11-25T00:00:00Z')).toBe(false);
  expect(isCanonicalWindowStart('hourly', 'garbage')).toBe(false);
});

test('property: every instant lies in exactly the window its floor names', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SNAPSHOT_TYPES), fc.integer({ min: 0, max: 4_102_444_800_000 }), (type, at) => {
      const start = floorToWindow(type, at);
      expect(start).toBeLessThanOrEqual(at);
      expect(at).toBeLessThan(start + windowLengthMs(type));
      expect(isCanonicalWindowStart(type, formatWindowStart(start))).toBe(true);
      expect(resolveWindowStart(type, new Date(at).toISOString())).toBe(formatWindowStart(start));
    }),
  );
});

test('windowStartsBetween lists the windows that begin inside a range', () => {
  const from = Date.parse('2026-11-25T10:30:00Z');
  const to = Date.parse('2026-11-25T13:00:00Z');
  expect(windowStartsBetween('hourly', from, to)).toEqual(['2026-11-25T11:00:00Z', '2026-11-25T12:00:00Z']);
  expect(() => windowStartsBetween('hourly', 0, Date.parse('2026-01-01'), 100)).toThrow(/more than 100/);
});
