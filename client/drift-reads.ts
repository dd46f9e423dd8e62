// Drift reads for programs and the CLI: cursor-paginated listing (1–500 per page, memory bounded by
// the page size) and one event with its before/after values from the content-addressed store.
import type { Pool } from 'pg';
import { z } from 'zod';
import type { Json } from '../domain/canonical-json';
import { decodeDriftCursor, encodeDriftCursor, InvalidCursorError, type CursorScope } from '../domain/drift-cursor';
import { valueAtPointer } from '../domain/json-pointer-diff';
import { isRecordId, RECORD_ID_PATTERN } from '../domain/record-id';
import { SNAPSHOT_TYPES } from '../domain/snapshot-window';
import { TENANT_ID_PATTERN } from '../domain/tenant-id';
import { getDriftEvent, listDriftEvents, loadBodies, type DriftEventRow } from '../store/drift-store';
import type { SecretBox } from '../store/secret-box';
import { InvalidInputError } from './errors';
import { zodProblems } from './validation';

export interface DriftReadDeps {
  pool: Pool;
  /** Signs cursors; derive it with driftCursorKey(). */
  cursorKey: Buffer;
}

export function driftCursorKey(secretBox: SecretBox): Buffer {
  return secretBox.deriveKey('drift-cursor-v1');
}

const tenantIdSchema = z.string().regex(TENANT_ID_PATTERN, 'tenant must be 1-63 chars of a-z, 0-9 and "-"');
const instant = z
  .union([z.string().max(64), z.date()])
  .transform((v, ctx) => {
    const ms = v instanceof Date ? v.getTime() : /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : Number.NaN;
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an ISO-8601 date or instant' });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

const listDriftSchema = z
  .object({
    snapshotType: z.enum(SNAPSHOT_TYPES).optional(),
    since: instant.optional(),
    until: instant.optional(),
    scanId: z.string().regex(RECORD_ID_PATTERN, 'must be a scan id').optional(),
    pageSize: z.number().int('must be an integer').min(1, 'must be from 1 to 500').max(500, 'must be from 1 to 500').default(100),
    cursor: z.string().max(512).optional(),
  })
  .strict();

export type ListDriftQuery = z.input<typeof listDriftSchema>;

export type DriftEvent = DriftEventRow;

export interface DriftPage {
  events: DriftEvent[];
  /** Pass back to get the next page; null when this page holds the last event. */
  nextCursor: string | null;
}

function parseTenant(tenantId: string): string {
  const parsed = tenantIdSchema.safeParse(tenantId);
  if (!parsed.success) throw new InvalidInputError(`tenantId: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/**
 * One page of a tenant's drift events, ordered by the window in which they were observed, then by id.
 * `since` (inclusive) and `until` (exclusive) bound that window's start.
 */
export async function listDrift(deps: DriftReadDeps, tenantId: string, query: ListDriftQuery = {}): Promise<DriftPage> {
  const tenant = parseTenant(tenantId);
  const parsed = listDriftSchema.safeParse(query);
  if (!parsed.success) throw new InvalidInputError(zodProblems(parsed.error));
  const q = parsed.data;
  const scope: CursorScope = { tenantId: tenant, filters: { snapshotType: q.snapshotType, since: q.since, until: q.until, scanId: q.scanId } };
  let after;
  if (q.cursor !== undefined) {
    try {
      after = decodeDriftCursor(deps.cursorKey, scope, q.cursor);
    } catch (err) {
      if (err instanceof InvalidCursorError) throw new InvalidInputError(err.message);
      throw err;
    }
  }
  // One row more than the page tells exactly whether another page exists.
  const rows = await listDriftEvents(deps.pool, { tenantId: tenant, ...q, after, limit: q.pageSize + 1 });
  const events = rows.slice(0, q.pageSize);
  const last = events[events.length - 1];
  const nextCursor = rows.length > q.pageSize && last ? encodeDriftCursor(deps.cursorKey, scope, { windowStart: last.windowStart, id: last.id }) : null;
  return { events, nextCursor };
}

export interface DriftEventDetail extends DriftEvent {
  /** For a modified object: each changed pointer with its value before and after (absent = no value). */
  changes: Array<{ path: string; before?: Json; after?: Json }>;
  /** For an added object its body; for a removed one the body it had. */
  body?: Json;
}

export async function showDrift(deps: Pick<DriftReadDeps, 'pool'>, tenantId: string, eventId: string): Promise<DriftEventDetail> {
  const tenant = parseTenant(tenantId);
  if (!isRecordId(eventId)) throw new InvalidInputError('event id must be a positive integer');
  const event = await getDriftEvent(deps.pool, tenant, eventId);
  if (!event) throw new InvalidInputError(`no drift event ${eventId} for tenant ${tenant}`);
  const hashes = [event.beforeHash, event.afterHash].filter((h): h is string => h !== null);
  const bodies = await loadBodies(deps.pool, tenant, hashes);
  const parse = (hash: string | null) => (hash && bodies.has(hash) ? (JSON.parse(bodies.get(hash)!) as Json) : undefined);
  const before = parse(event.beforeHash);
  const after = parse(event.afterHash);
  if (event.change !== 'modified') return { ...event, changes: [], body: event.change === 'added' ? after : before };
  const changes = event.changedPaths.map((path) => {
    const b = before === undefined ? undefined : valueAtPointer(before, path);
    const a = after === undefined ? undefined : valueAtPointer(after, path);
    return { path, ...(b === undefined ? {} : { before: b }), ...(a === undefined ? {} : { after: a }) };
  });
  return { ...event, changes };
}
