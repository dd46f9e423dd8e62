// A connection checked out of the pool dies (its backend terminated, as in a PostgreSQL restart)
// while the code holding it awaits something else. withClient must turn that into an ordinary
// rejected query, not an unhandled 'error' that kills the worker, and must not hand the dead
// connection to the next caller.
import { createPool, withClient, withTransaction, type Pool } from '../../store/pool';
import { readStackState } from '../support/stack-state';
import { sleep } from '../support/wait-for';

let pool: Pool;
let admin: Pool;

beforeAll(() => {
  const stack = readStackState();
  pool = createPool(stack.databaseUrl, 1);
  admin = createPool(stack.databaseUrl, 1);
});

afterAll(async () => {
  await pool.end();
  await admin.end();
});

async function terminate(pid: number): Promise<void> {
  await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  // Let the termination notice reach the client while it is idle in our hands.
  await sleep(300);
}

test('a checked-out connection lost between queries fails the work, not the process', async () => {
  const work = withClient(pool, async (client) => {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await terminate(rows[0]!.pid);
    return client.query('SELECT 1');
  });
  await expect(work).rejects.toThrow(/terminat|not queryable|Connection/i);
  // The pool (max 1) gives the next caller a fresh, working connection.
  const { rows } = await pool.query<{ ok: number }>('SELECT 1 AS ok');
  expect(rows).toEqual([{ ok: 1 }]);
});

test('a transaction whose connection is lost rolls nothing forward and leaves the pool usable', async () => {
  const work = withTransaction(pool, async (client) => {
    await client.query('CREATE TABLE IF NOT EXISTS pool_loss_probe (n int)');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await terminate(rows[0]!.pid);
    await client.query('INSERT INTO pool_loss_probe VALUES (1)');
  });
  await expect(work).rejects.toThrow();
  const { rows } = await pool.query<{ exists: boolean }>("SELECT to_regclass('pool_loss_probe') IS NOT NULL AS exists");
  expect(rows).toEqual([{ exists: false }]);
});
