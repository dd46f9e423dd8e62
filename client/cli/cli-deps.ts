// What the tenant commands connect to, from the environment (same variables as the worker).
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { loadEnv, type Env } from '../../config/env';
import { createPool } from '../../store/pool';
import { SecretBox } from '../../store/secret-box';
import { InvalidInputError } from '../errors';
import { connectClient } from '../../temporal/connection';

export interface CliDeps {
  env: Env;
  pool: Pool;
  client: Client;
  taskQueue: string;
  close(): Promise<void>;
}

export async function openCliDeps(): Promise<CliDeps> {
  const env = loadEnv();
  if (!env.DATABASE_URL) throw new InvalidInputError('DATABASE_URL is not set (tenants live in the store)');
  const pool = createPool(env.DATABASE_URL, 4);
  const client = await connectClient(env);
  return {
    env,
    pool,
    client,
    taskQueue: env.JIRA_DRIFT_TASK_QUEUE,
    async close() {
      await Promise.allSettled([pool.end(), client.connection.close()]);
    },
  };
}

export function secretBoxFrom(env: Env): SecretBox {
  if (!env.JIRA_DRIFT_ENCRYPTION_KEYS) throw new InvalidInputError('JIRA_DRIFT_ENCRYPTION_KEYS is not set (grants are stored encrypted)');
  return SecretBox.fromSpec(env.JIRA_DRIFT_ENCRYPTION_KEYS);
}
