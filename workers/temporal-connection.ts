// Connection options shared by worker and client: dev server, self-hosted cluster or Temporal Cloud.
import fs from 'node:fs';
import type { Env } from '../config/env';

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
