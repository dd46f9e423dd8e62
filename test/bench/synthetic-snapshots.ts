// Two synthetic snapshots written straight to the store in SQL (for the drift benchmark): `entries`
// field objects in the base; in the target 1% modified (i % 100 = 1), 0.5% removed (i % 200 = 0) and
// 0.5% added (a key next to every i % 200 = 7), so expected events = 2% of entries.
import type { Pool } from '../../store/pool';

export interface SyntheticPair {
  tenantId: string;
  baseSnapshotId: string;
  targetSnapshotId: string;
  expectedEvents: number;
  expectedCompared: number;
}

const KEY = `'field/' || lpad(i::text, 9, '0')`;
const BASE_BODY = `format('{"id":"%s","name":"Field %s","schema":{"type":"string"}}', i, i)`;
const EDITED_BODY = `format('{"id":"%s","name":"Field %s (edited)","schema":{"type":"string"}}', i, i)`;
const ADDED_BODY = `format('{"id":"%s-new","name":"Added %s","schema":{"type":"number"}}', i, i)`;
const HASH = (body: string) => `encode(sha256(convert_to(${body}, 'UTF8')), 'hex')`;

export async function writeSyntheticPair(pool: Pool, tenantId: string, entries: number, windowHour: number): Promise<SyntheticPair> {
  await pool.query(
    `INSERT INTO tenants (id, site_url, cloud_id, oauth_client_id) VALUES ($1, 'https://bench.atlassian.net', 'bench-cloud', 'bench')
     ON CONFLICT (id) DO NOTHING`,
    [tenantId],
  );
  const snapshot = async (hour: number) =>
    (
      await pool.query(
        `INSERT INTO snapshots (tenant_id, snapshot_type, window_start, status, workflow_id, run_id, completed_at)
         VALUES ($1, 'hourly', $2, 'complete', 'synthetic', 'synthetic', now()) RETURNING id`,
        [tenantId, new Date(Date.UTC(2026, 0, 1, hour)).toISOString()],
      )
    ).rows[0].id as string;
  const baseSnapshotId = await snapshot(windowHour);
  const targetSnapshotId = await snapshot(windowHour + 1);
  const series = `generate_series(1, $2::int) AS i`;
  await pool.query(
    `INSERT INTO config_objects (tenant_id, hash, object_type, body)
     SELECT $1, ${HASH('b')}, 'field', b FROM (
       SELECT ${BASE_BODY} AS b FROM ${series}
       UNION ALL SELECT ${EDITED_BODY} FROM ${series} WHERE i % 100 = 1
       UNION ALL SELECT ${ADDED_BODY} FROM ${series} WHERE i % 200 = 7) AS bodies
     ON CONFLICT DO NOTHING`,
    [tenantId, entries],
  );
  await pool.query(
    `INSERT INTO snapshot_entries (tenant_id, snapshot_id, object_key, object_type, object_hash)
     SELECT $1, $3::bigint, ${KEY}, 'field', ${HASH(BASE_BODY)} FROM ${series}`,
    [tenantId, entries, baseSnapshotId],
  );
  await pool.query(
    `INSERT INTO snapshot_entries (tenant_id, snapshot_id, object_key, object_type, object_hash)
     SELECT $1, $3::bigint, ${KEY}, 'field', CASE WHEN i % 100 = 1 THEN ${HASH(EDITED_BODY)} ELSE ${HASH(BASE_BODY)} END
       FROM ${series} WHERE i % 200 <> 0
     UNION ALL
     SELECT $1, $3::bigint, ${KEY} || '-new', 'field', ${HASH(ADDED_BODY)} FROM ${series} WHERE i % 200 = 7`,
    [tenantId, entries, targetSnapshotId],
  );
  await pool.query('ANALYZE snapshot_entries');
  await pool.query('ANALYZE config_objects');
  const count = (mod: number, rest: number) => Math.floor((entries - rest) / mod) + (rest >= 1 && rest <= entries ? 1 : 0);
  const modified = count(100, 1);
  const added = count(200, 7);
  const removed = Math.floor(entries / 200);
  return { tenantId, baseSnapshotId, targetSnapshotId, expectedEvents: modified + added + removed, expectedCompared: entries + added };
}
