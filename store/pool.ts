// The single PostgreSQL driver (pg) for the whole service.
import { Pool, types } from 'pg';

// bigint ids (bigserial) stay strings in JS: they travel through Temporal payloads as text anyway.
types.setTypeParser(types.builtins.INT8, (value) => value);

export function createPool(databaseUrl: string, max = 10): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max, application_name: 'jira-drift' });
  // An idle client losing its connection (a PostgreSQL restart) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

export type { Pool, PoolClient } from 'pg';
