// Drift reads for programs and the CLI: cursor-paginated listing (1–500 per page, memory bounded by
// the page size) and one event with its before/after values from the content-addressed store.
import type { Pool } from 'pg';
import { z } from 'zod';
import type { Json } from '../domain/canonical-json';
import { decodeDriftCursor, encodeDriftCursor, InvalidCursorError, type CursorScope } from '../domain/drift-cursor';
import { valueAtPointer } from '../domain/json-pointer-diff';
import { LIMITS, recordIdRule } from '../domain/input-rules';
import { getDriftEvent, listDriftEvents, loadBodies, type DriftEventRow } from '../store/drift-store';
import type { SecretBox } from '../store/secret-box';
import { InvalidInputError } from './errors';
import { attributionOf, type AuditRecordLink, type DriftAttribution } from './drift-attribution';
import { requireInstalledTenant } from './installed-tenant';
import { assertTenantId, countSchema, parseInput, recordIdSchema, snapshotTypeSchema } from './input-schemas';

export interface DriftReadDeps {
  pool: Pool;
  /** Signs cursors; derive it with driftCursorKey(). */
  cursorKey: Buffer;
}

export function driftCursorKey(secretBox: SecretBox): Buffer {
  return secretBox.deriveKey('drift-cursor-v1');
}

/** An instant given as ISO-8601 text or a Date, normalised to ISO-8601 UTC. */
export const instantSchema = z.union([z.string().max(64), z.date()]).transform((v, ctx) => {
  const ms = v instanceof Date ? v.getTime() : /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an ISO-8601 date or instant' });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

const listDriftSchema = z
  .object({
    snapshotType: snapshotTypeSchema.optional(),
    since: instantSchema.optional(),
    until: instantSchema.optional(),
    scanId: recordIdSchema('scan').optional(),
    pageSize: countSchema(LIMITS.driftListPageSize).default(LIMITS.driftListPageSize.default),
    cursor: z.string().max(512).optional(),
  })
  .strict()
  .refine((q) => q.since === undefined || q.until === undefined || q.since < q.until, {
    message: 'since must be earlier than until',
    path: ['since'],
  });

export type ListDriftQuery = z.input<typeof listDriftSchema>;

export interface DriftEvent extends DriftEventRow {
  /** When and by whom (account ids), from the audit records linked to the event; or why none. */
  attribution: DriftAttribution;
}

export interface DriftPage {
  events: DriftEvent[];
  /** Pass back to get the next page; null when this page holds the last event. */
  nextCursor: string | null;
}

/**
 * One page of a tenant's drift events, ordered by the window in which they were observed, then by id.
 * `since` (inclusive) and `until` (exclusive) bound that window's start.
 */
export async function listDrift(deps: DriftReadDeps, tenantId: string, query: ListDriftQuery = {}): Promise<DriftPage> {
  const tenant = assertTenantId(tenantId);
  const q = parseInput(listDriftSchema, query);
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
  // Checked after everything that needs no database: bad input is refused without a query.
  await requireInstalledTenant(deps.pool, tenant);
  // One row more than the page tells exactly whether another page exists.
  const rows = await listDriftEvents(deps.pool, { tenantId: tenant, ...q, after, limit: q.pageSize + 1 });
  const page = rows.slice(0, q.pageSize);
  const { attribution } = await attributionOf(deps.pool, tenant, page);
  const events = page.map((e) => ({ ...e, attribution: attribution.get(e.id)! }));
  const last = events[events.length - 1];
  const nextCursor =
    rows.length > q.pageSize && last ? encodeDriftCursor(deps.cursorKey, scope, { windowStart: last.windowStart, id: last.id }) : null;
  return { events, nextCursor };
}

export interface DriftEventDetail extends DriftEvent {
  /** For a modified object: each changed pointer with its value before and after (absent = no value). */
  changes: Array<{ path: string; before?: Json; after?: Json }>;
  /** For an added object its body; for a removed one the body it had. */
  body?: Json;
  /** The audit records that name the event's object, oldest first, with summary and changed values. */
  auditRecords: AuditRecordLink[];
}

export async function showDrift(deps: Pick<DriftReadDeps, 'pool'>, tenantId: string, eventId: string): Promise<DriftEventDetail> {
  assertTenantId(tenantId);
  const eventRule = recordIdRule('event');
  if (!eventRule.test(eventId)) throw new InvalidInputError(eventRule.message);
  const tenant = (await requireInstalledTenant(deps.pool, tenantId)).id;
  const row = await getDriftEvent(deps.pool, tenant, eventId);
  if (!row) throw new InvalidInputError(`no drift event ${eventId} for tenant ${tenant}`);
  const linked = await attributionOf(deps.pool, tenant, [row]);
  const event = { ...row, attribution: linked.attribution.get(row.id)!, auditRecords: linked.records.get(row.id) ?? [] };
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
