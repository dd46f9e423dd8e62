// Addresses of the running test stack, shared from global setup with every test file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface StackState {
  databaseUrl: string;
  /** Maintenance database of the PostgreSQL server databaseUrl is on (for tests that create databases). */
  postgresServerUrl?: string;
  temporalAddress: string;
  temporalPort: number;
  /** Which Temporal server runs (JIRA_DRIFT_TEST_TEMPORAL); absent means the dev server. */
  temporalServer?: 'dev' | 'postgres';
  /** The dev server's SQLite file, or the postgres server's database name. */
  temporalDbFile: string;
  temporalPid: number;
  /** The stack process: SIGUSR2 restarts the Temporal server (see stack-main.ts). */
  stackPid?: number;
  temporalRestarts?: number;
  jiraSimUrl: string;
  workflowBundlePath: string;
  encryptionKeys: string;
  /** JIRA_DRIFT_PAYLOAD_KEYS for workers and clients (unset: payloads not encrypted). */
  payloadKeys?: string;
  dir: string;
}

export const STACK_STATE_ENV = 'JIRA_DRIFT_TEST_STACK';

export function stackStatePath(): string {
  return process.env[STACK_STATE_ENV] ?? path.join(os.tmpdir(), 'jira-drift-test-stack', 'state.json');
}

export function readStackState(): StackState {
  const file = stackStatePath();
  if (!fs.existsSync(file)) throw new Error(`test stack not running (no ${file}); run tests through jest's globalSetup`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StackState;
}
