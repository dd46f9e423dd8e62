// Jest global setup: starts the stack process (see stack-main.ts) once for the whole run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STACK_STATE_ENV } from './stack-state';

const ROOT = path.join(__dirname, '..', '..');

export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jira-drift-test-'));
  const statePath = path.join(dir, 'state.json');
  process.env[STACK_STATE_ENV] = statePath;
  const log = fs.openSync(path.join(dir, 'stack.log'), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'stack-main.ts'), statePath], {
    cwd: ROOT,
    stdio: ['ignore', log, log, 'ipc'],
  });
  (globalThis as Record<string, unknown>).__JIRA_DRIFT_STACK__ = child;
  const deadline = Date.now() + 10 * 60_000; // the first run on a machine may build the temporal CLI
  while (!fs.existsSync(statePath)) {
    if (child.exitCode !== null) {
      throw new Error(`test stack exited with ${child.exitCode}: ${fs.readFileSync(path.join(dir, 'stack.log'), 'utf8').slice(-2000)}`);
    }
    if (Date.now() > deadline) throw new Error('test stack did not start within 10 minutes');
    await new Promise((r) => setTimeout(r, 200));
  }
}
