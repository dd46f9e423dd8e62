// The worker refuses a bad WORKER_ROLES or base task queue before connecting to anything: one line on
// stderr, exit 2 (nothing polled, nothing written).
import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

function runWorker(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')],
      // Nothing listens on this address: a worker that got past validation would fail with exit 1.
      { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, TEMPORAL_ADDRESS: '127.0.0.1:1', ...env }, timeout: 60_000 },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

test.each([['tokens,bogus'], ['snapshots,,drift'], ['S3CR3Tsecret']])('WORKER_ROLES=%j: exit 2 with one line', async (roles) => {
  const { code, stderr, stdout } = await runWorker({ WORKER_ROLES: roles, DATABASE_URL: 'postgres://127.0.0.1:1/none' });
  expect(code).toBe(2);
  expect(stderr).toBe('jira-drift worker: WORKER_ROLES must be a comma-separated list of tokens, snapshots, drift\n');
  expect(stdout).toBe('');
});

test('a workload queue as JIRA_DRIFT_TASK_QUEUE: exit 2 with one line', async () => {
  const { code, stderr } = await runWorker({ JIRA_DRIFT_TASK_QUEUE: 'jira-drift:tokens', DATABASE_URL: 'postgres://127.0.0.1:1/none' });
  expect(code).toBe(2);
  expect(stderr.trim().split('\n')).toEqual([
    'jira-drift worker: JIRA_DRIFT_TASK_QUEUE: the base task queue must not end with a workload suffix (jira-drift:tokens)',
  ]);
});
