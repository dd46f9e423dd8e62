// Runs the real worker (workers/main.ts) as a child process, so tests can kill -9 it like production.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { StackState } from './stack-state';

const ROOT = path.join(__dirname, '..', '..');

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Graceful stop (SIGTERM) and wait for exit. */
  stop(): Promise<void>;
  /** Crash: SIGKILL, no draining. */
  kill(): Promise<void>;
}

export function workerLogDir(stack: StackState): string {
  return path.join(stack.dir, 'logs');
}

export function workerEnv(stack: StackState, taskQueue: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    JIRA_DRIFT_TASK_QUEUE: taskQueue,
    JIRA_API_BASE_URL: stack.jiraSimUrl,
    JIRA_AUTH_BASE_URL: stack.jiraSimUrl,
    JIRA_DRIFT_ENCRYPTION_KEYS: stack.encryptionKeys,
    WORKFLOW_BUNDLE_PATH: stack.workflowBundlePath,
    LOG_LEVEL: 'info',
    ...(stack.payloadKeys ? { JIRA_DRIFT_PAYLOAD_KEYS: stack.payloadKeys } : {}),
    ...extra,
  };
}

export async function startWorker(stack: StackState, taskQueue: string, extra: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')], {
    cwd: ROOT,
    env: workerEnv(stack, taskQueue, extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  // Every worker's log lines are kept for the whole run, so a suite-wide scan can look for leaked secrets.
  fs.mkdirSync(workerLogDir(stack), { recursive: true });
  const logFile = fs.createWriteStream(path.join(workerLogDir(stack), `worker-${child.pid}.log`));
  child.stdout.pipe(logFile, { end: false });
  child.stderr.pipe(logFile, { end: false });
  child.once('close', () => logFile.end());
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start in 60 s:\n${out.slice(-3000)}`)), 60_000);
    const check = () => {
      if (out.includes('worker started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} while starting:\n${out.slice(-3000)}`));
    });
  });
  const waitExit = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  return { child, output: () => out, stop: () => waitExit('SIGTERM'), kill: () => waitExit('SIGKILL') };
}
