// Starts the real stack for the integration tests in one process of its own (run with tsx):
// PostgreSQL database + migrations, a Temporal server (the dev server, or with
// JIRA_DRIFT_TEST_TEMPORAL=postgres the PostgreSQL-backed one: see test-temporal.ts), jira-sim, and a
// prebuilt workflow bundle. Writes the addresses to the state file given as argv[2] and stops everything on SIGTERM.
import fs from 'node:fs';
import path from 'node:path';
import { startJiraSim } from '../../jira-sim/server';
import { migrateUp } from '../../store/migrate';
import { SecretBox } from '../../store/secret-box';
import { bundleWorkflows } from '../../workers/bundle-workflows';
import { createTestDatabase } from './database';
import type { StackState } from './stack-state';
import { startTestTemporal } from './test-temporal';

async function main(): Promise<void> {
  const statePath = process.argv[2];
  if (!statePath) throw new Error('usage: stack-main.ts <state-file>');
  const dir = path.dirname(statePath);
  const database = await createTestDatabase(path.join(dir, 'pg'));
  await migrateUp(database.databaseUrl);
  // Dynamic config: compose's, and a continue-as-new suggestion small enough for tests (test-temporal.ts).
  const temporal = await startTestTemporal({ dir, serverUrl: database.serverUrl });
  const sim = await startJiraSim({ port: 0 });
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  await bundleWorkflows(bundlePath);
  const state: StackState = {
    databaseUrl: database.databaseUrl,
    postgresServerUrl: database.serverUrl,
    temporalAddress: temporal.address,
    temporalPort: temporal.port,
    temporalServer: temporal.kind,
    temporalDbFile: temporal.store,
    temporalPid: temporal.pid(),
    stackPid: process.pid,
    temporalRestarts: 0,
    jiraSimUrl: sim.url,
    workflowBundlePath: bundlePath,
    encryptionKeys: SecretBox.generateKeySpec('test-k1'),
    payloadKeys: SecretBox.generateKeySpec('test-payload-k1'),
    dir,
  };
  fs.writeFileSync(statePath, JSON.stringify(state, null, 2));

  // SIGUSR2 (from a reliability test): kill -9 the Temporal server and start it again on the same
  // port and data, as a crashed and restarted server would be.
  process.on('SIGUSR2', () => {
    void (async () => {
      await temporal.crash();
      state.temporalPid = temporal.pid();
      state.temporalRestarts = (state.temporalRestarts ?? 0) + 1;
      // Atomic replace: tests poll this file while it is rewritten.
      fs.writeFileSync(`${statePath}.tmp`, JSON.stringify(state, null, 2));
      fs.renameSync(`${statePath}.tmp`, statePath);
    })();
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled([temporal.stop(), sim.close()]);
    await database.drop().catch(() => {});
    process.exit(0);
  };
  const onSignal = () => void stop();
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  // The parent (jest) going away must not leave servers behind.
  process.on('disconnect', onSignal);
}

main().catch((err) => {
  process.stderr.write(`test stack failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
