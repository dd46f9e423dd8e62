// Creates the Temporal server's two databases when missing and brings their schemas up to date with
// the module's own SQL tool (cmd/tools/sql) and versioned schema files, as compose's admin-tools do.
// `setup-schema -v 0.0` runs only on a database without a schema_version table: run again, it would
// reset the recorded version and the update would replay v1.0 over existing tables.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { PostgresTarget } from './config';

const run = promisify(execFile);

function clientFor(pg: PostgresTarget, database: string): Client {
  return new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database });
}

async function query<T>(pg: PostgresTarget, database: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = clientFor(pg, database);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function ensureDatabase(pg: PostgresTarget, adminDatabase: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
  await query(pg, adminDatabase, async (c) => {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await c.query(`CREATE DATABASE ${name}`);
  });
}

async function hasSchemaVersion(pg: PostgresTarget, name: string): Promise<boolean> {
  return query(pg, name, async (c) => (await c.query<{ t: string | null }>("SELECT to_regclass('public.schema_version') AS t")).rows[0]?.t != null);
}

export async function ensureSchemas(buildDir: string, pg: PostgresTarget, adminDatabase: string): Promise<void> {
  const tool = path.join(buildDir, 'sql');
  const base = ['--plugin', 'postgres12', '--endpoint', pg.host, '--port', String(pg.port), '--user', pg.user];
  if (pg.password) base.push('--password', pg.password);
  for (const [name, kind] of [
    [pg.database, 'temporal'],
    [pg.visibilityDatabase, 'visibility'],
  ] as const) {
    await ensureDatabase(pg, adminDatabase, name);
    const args = [...base, '--database', name];
    try {
      if (!(await hasSchemaVersion(pg, name))) await run(tool, [...args, 'setup-schema', '-v', '0.0']);
      await run(tool, [...args, 'update-schema', '-d', path.join(buildDir, 'schema', 'postgresql', 'v12', kind, 'versioned')]);
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`temporal sql tool failed on ${name}: ${(e.stderr || e.message).trim().split('\n').slice(-3).join(' ')}`, { cause: err });
    }
  }
}

export async function dropDatabases(pg: PostgresTarget, adminDatabase: string): Promise<void> {
  await query(pg, adminDatabase, async (c) => {
    for (const name of [pg.database, pg.visibilityDatabase]) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}
