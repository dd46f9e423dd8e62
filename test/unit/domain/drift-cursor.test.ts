// Drift cursors: opaque, bound to tenant and query, and refused when edited.
import crypto from 'node:crypto';
import fc from 'fast-check';
import { decodeDriftCursor, encodeDriftCursor, InvalidCursorError, type CursorScope } from '../../../domain/drift-cursor';

const key = crypto.randomBytes(32);
const scope: CursorScope = { tenantId: 'acme', filters: { snapshotType: 'daily', since: undefined, until: undefined } };
const position = { windowStart: '2026-06-01T00:00:00Z', id: '42' };

test('round-trips a position for the same tenant and query', () => {
  const cursor = encodeDriftCursor(key, scope, position);
  expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(decodeDriftCursor(key, scope, cursor)).toEqual(position);
  // Filters that are unset do not change the scope, whatever order they are listed in.
  expect(decodeDriftCursor(key, { tenantId: 'acme', filters: { until: undefined, snapshotType: 'daily' } }, cursor)).toEqual(position);
});

test('refuses a cursor from another tenant, another query or another key', () => {
  const cursor = encodeDriftCursor(key, scope, position);
  expect(() => decodeDriftCursor(key, { ...scope, tenantId: 'acme2' }, cursor)).toThrow(InvalidCursorError);
  expect(() => decodeDriftCursor(key, { ...scope, filters: { snapshotType: 'hourly' } }, cursor)).toThrow(InvalidCursorError);
  expect(() => decodeDriftCursor(key, { ...scope, filters: { ...scope.filters, since: '2026-01-01T00:00:00.000Z' } }, cursor)).toThrow(
    InvalidCursorError,
  );
  expect(() => decodeDriftCursor(crypto.randomBytes(32), scope, cursor)).toThrow(InvalidCursorError);
});

test('refuses every single-character edit of a cursor', () => {
  const cursor = encodeDriftCursor(key, scope, position);
  for (let i = 0; i < cursor.length; i++) {
    for (const c of ['A', 'z', '0', '_']) {
      if (c === cursor[i]) continue;
      const edited = cursor.slice(0, i) + c + cursor.slice(i + 1);
      // Base64url's last character may carry unused bits: an edit there can decode to the same bytes.
      if (Buffer.from(edited, 'base64url').equals(Buffer.from(cursor, 'base64url'))) continue;
      expect(() => decodeDriftCursor(key, scope, edited)).toThrow(InvalidCursorError);
    }
  }
});

test('arbitrary strings are refused with InvalidCursorError, never another error', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 600 }), (text) => {
      expect(() => decodeDriftCursor(key, scope, text)).toThrow(InvalidCursorError);
    }),
    { numRuns: 2000 },
  );
});

test('a forged payload with a recomputed plain hash is refused (the MAC needs the key)', () => {
  const payload = Buffer.from(JSON.stringify([1, '2026-06-01T00:00:00Z', '1']));
  const fakeMac = crypto.createHash('sha256').update(payload).digest().subarray(0, 16);
  expect(() => decodeDriftCursor(key, scope, Buffer.concat([fakeMac, payload]).toString('base64url'))).toThrow(InvalidCursorError);
});
