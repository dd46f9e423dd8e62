// A Temporal Client configured from the environment (dev server, cluster or Temporal Cloud).
import { Client, Connection } from '@temporalio/client';
import type { Env } from '../config/env';
import { connectionOptions } from '../workers/temporal-connection';
import { dataConverterFromKeys } from './data-converter';

export async function connectClient(env: Env): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(env));
  return new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: dataConverterFromKeys(env.JIRA_DRIFT_PAYLOAD_KEYS) });
}
