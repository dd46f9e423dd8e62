// Opaque cursors for drift reads. A cursor names the last event of a page (window start + id) and is
// bound to the tenant and the query that produced it by an HMAC, so a cursor from another tenant or
// another query, or an edited one, is refused instead of silently reading something else.
import crypto from 'node:crypto';

export interface DriftPosition {
  windowStart: string;
  id: string;
}

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

const VERSION = 1;
const MAC_BYTES = 16;

/** The parts of a query a cursor is bound to; everything except the cursor and the page size. */
export interface CursorScope {
  tenantId: string;
  filters: Record<string, string | undefined>;
}

function scopeText(scope: CursorScope): string {
  const filters = Object.keys(scope.filters)
    .sort()
    .filter((k) => scope.filters[k] !== undefined)
    .map((k) => `${k}=${scope.filters[k]}`);
  return [scope.tenantId, ...filters].join('\n');
}

function mac(key: Buffer, scope: CursorScope, payload: Buffer): Buffer {
  return crypto.createHmac('sha256', key).update(scopeText(scope)).update('\0').update(payload).digest().subarray(0, MAC_BYTES);
}

export function encodeDriftCursor(key: Buffer, scope: CursorScope, position: DriftPosition): string {
  const payload = Buffer.from(JSON.stringify([VERSION, position.windowStart, position.id]), 'utf8');
  return Buffer.concat([mac(key, scope, payload), payload]).toString('base64url');
}

export function decodeDriftCursor(key: Buffer, scope: CursorScope, cursor: string): DriftPosition {
  const invalid = () => new InvalidCursorError('invalid cursor: it was not issued for this tenant and query, or it was altered');
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const raw = Buffer.from(cursor, 'base64url');
  if (raw.length <= MAC_BYTES) throw invalid();
  const given = raw.subarray(0, MAC_BYTES);
  const payload = raw.subarray(MAC_BYTES);
  if (!crypto.timingSafeEqual(given, mac(key, scope, payload))) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== VERSION ||
    typeof parsed[1] !== 'string' ||
    Number.isNaN(Date.parse(parsed[1])) ||
    typeof parsed[2] !== 'string' ||
    !/^[0-9]{1,19}$/.test(parsed[2])
  ) {
    throw invalid();
  }
  return { windowStart: parsed[1], id: parsed[2] };
}
