// Event → audit record links of a drift scan, and the reads that show them. Every statement is scoped
// by tenant id; links are unique on (event, record), so a retried page links nothing twice.
import type { Queryable } from './pool';
import type { AuditLink, AuditLookup, AuditMatchKind, CandidateRecord } from '../domain/audit/audit-matching';
import type { AuditInterval } from '../domain/audit/audit-interval';
import type { AuditRecord } from '../domain/audit/audit-record';

/** A page of a scan's events after an event id (ids only: the matcher needs keys, types and hashes). */
export async function scanEventPage(
  db: Queryable,
  q: { tenantId: string; scanId: string; afterEventId: string; limit: number },
): Promise<Array<{ id: string; objectKey: string; objectType: string; beforeHash: string | null; afterHash: string | null }>> {
  const { rows } = await db.query(
    `SELECT id, object_key, object_type, before_hash, after_hash FROM drift_events
      WHERE tenant_id = $1 AND scan_id = $2 AND id > $3 ORDER BY id LIMIT $4`,
    [q.tenantId, q.scanId, q.afterEventId, q.limit],
  );
  return rows.map((r) => ({ id: r.id, objectKey: r.object_key, objectType: r.object_type, beforeHash: r.before_hash, afterHash: r.after_hash }));
}

export async function countScanEvents(db: Queryable, tenantId: string, scanId: string): Promise<number> {
  const { rows } = await db.query('SELECT count(*) AS n FROM drift_events WHERE tenant_id = $1 AND scan_id = $2', [tenantId, scanId]);
  return Number(rows[0].n);
}

/**
 * The tenant's records inside the interval that some lookup may name: same typeName and id, name, or
 * associated item. Only a narrowing by the indexes: whether a candidate names an event is decided by
 * domain/audit/audit-matching.ts (`auditLinks`), the one statement of the match conditions.
 */
export async function candidateAuditRecords(
  db: Queryable,
  p: { tenantId: string; interval: AuditInterval; lookups: readonly AuditLookup[] },
): Promise<CandidateRecord[]> {
  if (p.lookups.length === 0) return [];
  const l = p.lookups;
  const { rows } = await db.query({
    name: 'jira-drift.candidate-audit-records',
    text: `WITH m AS (
             SELECT DISTINCT * FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                      AS m(kind, type_name, object_id, object_name, item_type, item_id)),
           found AS (
             SELECT r.record_id FROM m JOIN audit_records r
                 ON r.tenant_id = $1 AND r.object_type_name = m.type_name AND r.object_id = m.object_id AND r.created BETWEEN $2 AND $3
              WHERE m.kind = 'id'
             UNION
             SELECT r.record_id FROM m JOIN audit_records r
                 ON r.tenant_id = $1 AND r.object_type_name = m.type_name AND r.object_name = m.object_name AND r.created BETWEEN $2 AND $3
              WHERE m.kind = 'name'
             UNION
             SELECT r.record_id FROM m JOIN audit_records r
                 ON r.tenant_id = $1 AND r.object_type_name = m.type_name AND r.created BETWEEN $2 AND $3
                AND r.associated_items @> jsonb_build_array(jsonb_build_object('typeName', m.item_type, 'id', m.item_id))
              WHERE m.kind = 'associated item')
           SELECT r.record_id, r.summary, r.object_type_name, r.object_id, r.object_name, r.associated_items
             FROM found JOIN audit_records r ON r.tenant_id = $1 AND r.record_id = found.record_id`,
    values: [
      p.tenantId,
      p.interval.from,
      p.interval.to,
      l.map((x) => x.kind),
      l.map((x) => x.typeName),
      l.map((x) => x.objectId),
      l.map((x) => x.objectName),
      l.map((x) => x.itemTypeName),
      l.map((x) => x.itemId),
    ],
  });
  return rows.map((r) => ({
    recordId: r.record_id,
    summary: r.summary,
    objectItem: {
      typeName: r.object_type_name,
      ...(r.object_id !== null ? { id: r.object_id } : {}),
      ...(r.object_name !== null ? { name: r.object_name } : {}),
    },
    associatedItems: r.associated_items,
  }));
}

/** Stores links (unique on event and record, so a retried page links nothing twice). */
export async function insertAuditLinks(db: Queryable, tenantId: string, links: readonly AuditLink[]): Promise<void> {
  if (links.length === 0) return;
  await db.query({
    name: 'jira-drift.insert-audit-links',
    text: `INSERT INTO drift_event_audit_links (tenant_id, event_id, record_id, matched_by)
           SELECT $1, e, r, k FROM unnest($2::bigint[], $3::bigint[], $4::text[]) AS u(e, r, k)
           ON CONFLICT (event_id, record_id) DO NOTHING`,
    values: [tenantId, links.map((x) => x.eventId), links.map((x) => x.recordId), links.map((x) => x.matchedBy)],
  });
}

/** A stored audit record as linked to one event, with how it matched. */
export interface LinkedAuditRecord extends AuditRecord {
  eventId: string;
  matchedBy: AuditMatchKind;
}

/** The records linked to some events of one tenant, oldest first per event. */
export async function linkedAuditRecords(db: Queryable, tenantId: string, eventIds: string[]): Promise<LinkedAuditRecord[]> {
  if (eventIds.length === 0) return [];
  const { rows } = await db.query(
    `SELECT l.event_id, l.matched_by, r.* FROM drift_event_audit_links l
       JOIN audit_records r ON r.tenant_id = l.tenant_id AND r.record_id = l.record_id
      WHERE l.tenant_id = $1 AND l.event_id = ANY($2::bigint[])
      ORDER BY l.event_id, r.created, r.record_id`,
    [tenantId, eventIds],
  );
  return rows.map((r) => ({
    eventId: r.event_id,
    recordId: r.record_id,
    matchedBy: r.matched_by,
    created: (r.created as Date).toISOString(),
    authorAccountId: r.author_account_id,
    summary: r.summary,
    category: r.category,
    objectItem: {
      typeName: r.object_type_name,
      ...(r.object_id !== null ? { id: r.object_id } : {}),
      ...(r.object_name !== null ? { name: r.object_name } : {}),
      ...(r.object_parent_id !== null ? { parentId: r.object_parent_id } : {}),
    },
    associatedItems: r.associated_items,
    changedValues: r.changed_values,
  }));
}
