// What each snapshot read of each configuration type (objects, requests, or why it was unavailable),
// and from that, which types two snapshots can be compared on. Every statement is scoped by tenant.
import { CATALOGUE_V2_TYPES, LEGACY_CONFIG_TYPES } from '../domain/config-catalogue';
import { UNAVAILABLE_TYPE } from '../domain/unavailable-area';
import type { Queryable } from './pool';
import { assertOwned } from './snapshot-store';

export interface TypeRead {
  tenantId: string;
  snapshotId: string;
  runId: string;
  configType: string;
  /** Requests made by the attempt that finished the read. */
  requests: number;
  unavailable?: string;
}

/** The entry key range of one type (`type/` up to `type0`: '0' is the code point after '/'). */
const keyRange = (type: string): [string, string] => [`${type}/`, `${type}0`];

/**
 * Records one type's read (a retried read overwrites its own row), only while the run owns the
 * snapshot. The object count is the type's entries, so a read resumed after a retry counts them all.
 */
export async function recordTypeRead(db: Queryable, r: TypeRead): Promise<{ objects: number }> {
  await assertOwned(db, r.tenantId, r.snapshotId, r.runId);
  const [from, to] = keyRange(r.configType);
  const { rows } = await db.query<{ objects: number }>(
    `INSERT INTO snapshot_types (tenant_id, snapshot_id, config_type, objects, requests, unavailable)
     SELECT $1, $2, $3, count(*)::int, $4, $5 FROM snapshot_entries
      WHERE tenant_id = $1 AND snapshot_id = $2 AND object_key >= $6 AND object_key < $7
     ON CONFLICT (snapshot_id, config_type) DO UPDATE SET objects = EXCLUDED.objects, requests = EXCLUDED.requests, unavailable = EXCLUDED.unavailable
     RETURNING objects`,
    [r.tenantId, r.snapshotId, r.configType, r.requests, r.unavailable ?? null, from, to],
  );
  return { objects: rows[0]!.objects };
}

/**
 * The types a snapshot read successfully. Snapshots taken before per-type records have none: their
 * catalogue is then told by their entries (any fields-group entry or unavailable marker means the
 * 17-type catalogue, else the original 12), less the types they marked unavailable.
 */
export async function typesReadBy(db: Queryable, tenantId: string, snapshotId: string): Promise<string[]> {
  const recorded = await db.query<{ config_type: string; unavailable: string | null }>(
    'SELECT config_type, unavailable FROM snapshot_types WHERE tenant_id = $1 AND snapshot_id = $2',
    [tenantId, snapshotId],
  );
  if (recorded.rows.length > 0) return recorded.rows.filter((r) => r.unavailable === null).map((r) => r.config_type);
  const [from, to] = keyRange(UNAVAILABLE_TYPE);
  const markers = await db.query<{ object_type: string }>(
    'SELECT object_type FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2 AND object_key >= $3 AND object_key < $4',
    [tenantId, snapshotId, from, to],
  );
  const unavailable = new Set(markers.rows.map((r) => r.object_type));
  let catalogue: readonly string[] = LEGACY_CONFIG_TYPES;
  if (unavailable.size > 0) catalogue = CATALOGUE_V2_TYPES;
  else {
    for (const type of CATALOGUE_V2_TYPES.filter((t) => !LEGACY_CONFIG_TYPES.includes(t))) {
      const [lo, hi] = keyRange(type);
      const hit = await db.query(
        'SELECT 1 FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2 AND object_key >= $3 AND object_key < $4 LIMIT 1',
        [tenantId, snapshotId, lo, hi],
      );
      if (hit.rows.length > 0) {
        catalogue = CATALOGUE_V2_TYPES;
        break;
      }
    }
  }
  return catalogue.filter((t) => !unavailable.has(t));
}

/** Types read by both snapshots, sorted: a scan compares only these (and the unavailable markers). */
export async function typesReadByBoth(db: Queryable, tenantId: string, baseId: string, targetId: string): Promise<string[]> {
  const base = new Set(await typesReadBy(db, tenantId, baseId));
  return (await typesReadBy(db, tenantId, targetId)).filter((t) => base.has(t)).sort();
}
