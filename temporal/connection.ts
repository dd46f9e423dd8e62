// The one place client and worker processes learn how to reach Temporal (dev server, self-hosted
// cluster or Temporal Cloud) and how payloads are encoded. Both sides must agree on the data
// converter, so both take it from here; the worker wraps the same options in a NativeConnection.
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import type { Env } from '../config/env';
import { dataConverterFromKeys } from './data-converter';

export function connectionOptions(env: Env) {
  const tls =
    env.TEMPORAL_TLS_CERT_PATH && env.TEMPORAL_TLS_KEY_PATH
      ? {
          clientCertPair: {
            crt: fs.readFileSync(env.TEMPORAL_TLS_CERT_PATH),
            key: fs.readFileSync(env.TEMPORAL_TLS_KEY_PATH),
          },
        }
      : env.TEMPORAL_API_KEY
        ? true
        : undefined;
  return { address: env.TEMPORAL_ADDRESS, tls, apiKey: env.TEMPORAL_API_KEY };
}

/** A Temporal Client configured from the environment. Close it with `client.connection.close()`. */
export async function connectClient(env: Env): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(env));
  return new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: dataConverterFromKeys(env.JIRA_DRIFT_PAYLOAD_KEYS) });
}
