// storePage writes a page in one statement (bodies as one JSON array, ownership checked in the same
// statement): bodies come back byte for byte, a retried page writes nothing twice, and a run that lost
// the snapshot writes nothing at all.
import { canonicalJson, type Json } from '../../domain/canonical-json';
import { sha256Hex } from '../../domain/hashing';
import type { Pool } from '../../store/pool';
import { claimSnapshot, SnapshotOwnershipLostError, storePage, type StoredObject } from '../../store/snapshot-store';
import { testPool } from '../support/clients';
import { readStackState } from '../support/stack-state';
import { uniqueId } from '../support/tenant-fixture';

let pool: Pool;
const tenantId = uniqueId('store-page');

beforeAll(async () => {
  pool = testPool(readStackState());
  await pool.query(`INSERT INTO tenants (id, site_url, cloud_id, oauth_client_id) VALUES ($1, 'https://x.example', $1, 'c')`, [tenantId]);
});

afterAll(async () => {
  await pool.query('DELETE FROM tenants WHERE id = $1', [tenantId]);
  await pool.end();
});

/** Bodies a text[] literal or JSON could mangle: quotes, backslashes, escapes (NUL, lone surrogate), astral characters, braces. */
const BODIES: Json[] = [
  { name: 'quote " and backslash \\ and {braces}, commas' },
  { text: 'nul \u0000 tab \t newline \n', lone: '\ud800', astral: '\u{1F600} é ～' },
  { empty: '', nested: [[], {}, null, -0, 1e21, 0.1] },
  { unicodeKey: { '\u{10000}': 1, '\uE000': 2 } },
];

function objects(type: string): StoredObject[] {
  return BODIES.map((body, i) => {
    const canonicalText = canonicalJson(body);
    return { key: `${type}/${i}`, type, hash: sha256Hex(canonicalText), canonicalText };
  });
}

async function claim(window: string, runId: string): Promise<string> {
  const claimed = await claimSnapshot(pool, { tenantId, type: 'daily', windowStart: window, workflowId: `wf-${window}`, runId });
  return claimed.snapshot.id;
}

test('stores every body byte for byte and each entry once; a retried page writes nothing new', async () => {
  const snapshotId = await claim('2026-07-01T00:00:00Z', 'run-1');
  const page = objects('field');
  // The same key twice in one page keeps one entry (the last).
  expect(await storePage(pool, { tenantId, snapshotId, runId: 'run-1', objects: [page[0]!, ...page] })).toEqual({ newObjects: page.length });
  expect(await storePage(pool, { tenantId, snapshotId, runId: 'run-1', objects: page })).toEqual({ newObjects: 0 });

  const { rows } = await pool.query<{ object_key: string; object_hash: string; body: string }>(
    `SELECT e.object_key, e.object_hash, o.body FROM snapshot_entries e JOIN config_objects o ON o.tenant_id = e.tenant_id AND o.hash = e.object_hash
      WHERE e.tenant_id = $1 AND e.snapshot_id = $2 ORDER BY e.object_key`,
    [tenantId, snapshotId],
  );
  expect(rows.map((r) => [r.object_key, r.object_hash, r.body])).toEqual(page.map((o) => [o.key, o.hash, o.canonicalText]));
  for (const row of rows) expect(sha256Hex(row.body)).toBe(row.object_hash);
});

test('a run that no longer owns the snapshot writes nothing', async () => {
  const snapshotId = await claim('2026-07-02T00:00:00Z', 'run-a');
  await pool.query(`UPDATE snapshots SET status = 'failed' WHERE tenant_id = $1 AND id = $2`, [tenantId, snapshotId]);
  const page = objects('screen').map((o) => ({ ...o, canonicalText: `${o.canonicalText} `, hash: sha256Hex(`${o.canonicalText} `) }));
  await expect(storePage(pool, { tenantId, snapshotId, runId: 'run-a', objects: page })).rejects.toBeInstanceOf(SnapshotOwnershipLostError);
  const entries = await pool.query('SELECT 1 FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2', [tenantId, snapshotId]);
  const bodies = await pool.query('SELECT 1 FROM config_objects WHERE tenant_id = $1 AND hash = ANY($2::bpchar[])', [
    tenantId,
    page.map((o) => o.hash),
  ]);
  expect([entries.rowCount, bodies.rowCount]).toEqual([0, 0]);
});
