// The single PostgreSQL driver (pg) for the whole service.
import { Pool, types, type PoolClient } from 'pg';

// bigint ids (bigserial) stay strings in JS: they travel through Temporal payloads as text anyway.
types.setTypeParser(types.builtins.INT8, (value) => value);

export function createPool(databaseUrl: string, max = 10): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max, application_name: 'jira-drift' });
  // An idle client losing its connection (a PostgreSQL restart) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

/**
 * Runs `work` on one connection checked out of the pool. A checked-out connection has no error
 * listener of the pool's, so a PostgreSQL restart while `work` awaits something else (an HTTP call)
 * would crash the process with an unhandled 'error'; here the loss fails `work`'s next query and
 * the dead connection is discarded instead of going back to the pool.
 */
export async function withClient<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error) => {
    lost = err;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } finally {
    client.off('error', onError);
    client.release(lost);
  }
}

/** `work` inside BEGIN … COMMIT on one connection; any error rolls back and is rethrown. */
export function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  });
}

export type { Pool, PoolClient } from 'pg';

/** Anything a repository function can query through: the pool, or one checked-out (transaction) client. */
export type Queryable = Pool | PoolClient;
