// PostgreSQL for tests and benchmarks: a fresh database on the configured/local server, or an
// embedded server when none is reachable. Every run gets its own database, dropped afterwards.
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../store/embedded-postgres';

export interface TestDatabase {
  databaseUrl: string;
  /** The server's maintenance database, for creating more databases on the same server. */
  serverUrl: string;
  drop(): Promise<void>;
}

const LOCAL_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether a PostgreSQL server answers a query at `url` (false on any error, within 2 s). */
export async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(dataDir: string, label = 'test'): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? LOCAL_ADMIN_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let serverUrl = adminUrl;
  if (!(await reachable(adminUrl))) {
    const embedded = await startEmbeddedPostgres(dataDir);
    serverUrl = withDatabase(embedded.databaseUrl, 'postgres');
    stopEmbedded = () => embedded.stop();
  }
  const name = `jira_drift_${label}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    databaseUrl: withDatabase(serverUrl, name),
    serverUrl,
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      if (stopEmbedded) await stopEmbedded();
    },
  };
}
