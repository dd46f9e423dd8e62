// Workload task queues and WORKER_ROLES (domain/workloads.ts), the per-workload worker options, and
// the queue each client start and schedule action uses.
import fc from 'fast-check';
import { snapshotScheduleOptions } from '../../../client/snapshot-schedules';
import { startTokenRefreshOptions } from '../../../client/token-refresh';
import { parseDriftScanOptions } from '../../../client/drift-scans';
import { baseTaskQueueOf, baseTaskQueueProblem, parseWorkerRoles, WORKLOADS, workloadTaskQueue } from '../../../domain/workloads';
import { WORKLOAD_WORKER_OPTIONS, workloadWorkerOptions } from '../../../workers/workload-options';

test('unset or empty WORKER_ROLES serves every workload', () => {
  expect(parseWorkerRoles(undefined)).toEqual(['tokens', 'snapshots', 'drift']);
  expect(parseWorkerRoles('')).toEqual(['tokens', 'snapshots', 'drift']);
  expect(parseWorkerRoles('  ')).toEqual(['tokens', 'snapshots', 'drift']);
});

test('WORKER_ROLES names a subset, in any order and spacing', () => {
  expect(parseWorkerRoles('tokens')).toEqual(['tokens']);
  expect(parseWorkerRoles('drift, snapshots')).toEqual(['snapshots', 'drift']);
  expect(parseWorkerRoles('snapshots,drift,tokens')).toEqual(['tokens', 'snapshots', 'drift']);
});

test.each(['token', 'tokens,', ',', 'TOKENS', 'tokens;drift', 'all', 'tokens,tokens', 'snapshots,S3CR3Tabc'])(
  'WORKER_ROLES=%j is refused in one line',
  (value) => {
    let message = '';
    try {
      parseWorkerRoles(value);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^WORKER_ROLES /);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('S3CR3T');
  },
);

test('each workload has its own queue; snapshots keep the base queue; the base is recovered from any of them', () => {
  expect(workloadTaskQueue('jira-drift', 'snapshots')).toBe('jira-drift');
  expect(workloadTaskQueue('jira-drift', 'tokens')).toBe('jira-drift:tokens');
  expect(workloadTaskQueue('jira-drift', 'drift')).toBe('jira-drift:drift-scans');
  const base = fc.string({ minLength: 1, maxLength: 40 }).filter((q) => baseTaskQueueProblem(q) === undefined);
  fc.assert(
    fc.property(base, (q) => {
      const queues = WORKLOADS.map((w) => workloadTaskQueue(q, w));
      return new Set(queues).size === WORKLOADS.length && queues.every((x) => baseTaskQueueOf(x) === q);
    }),
  );
  expect(baseTaskQueueProblem('jira-drift:tokens')).toMatch(/workload suffix/);
});

test('clients start each workflow type on its workload queue and refuse a workload queue as the base', () => {
  expect(startTokenRefreshOptions({ tenantId: 'acme', taskQueue: 'q' }).taskQueue).toBe('q');
  const schedule = snapshotScheduleOptions({ tenantId: 'acme', siteUrl: 'https://acme.atlassian.net', taskQueue: 'q' }, 'hourly');
  expect(schedule.action.taskQueue).toBe('q');
  expect(() => startTokenRefreshOptions({ tenantId: 'acme', taskQueue: 'q:tokens' })).toThrow(/workload suffix/);
  expect(() => parseDriftScanOptions({ tenantId: 'acme', baseSnapshotId: '1', targetSnapshotId: '2', taskQueue: 'q:drift-scans' })).toThrow(
    /workload suffix/,
  );
});

test('every workload has bounded slots of its own; WORKER_MAX_CACHED_WORKFLOWS caps each cache', () => {
  for (const w of WORKLOADS) {
    const o = WORKLOAD_WORKER_OPTIONS[w];
    expect(o.maxConcurrentActivityTaskExecutions).toBeGreaterThan(0);
    expect(o.maxConcurrentWorkflowTaskExecutions).toBeGreaterThan(1); // the SDK needs 2 for sticky + normal pollers
    expect(workloadWorkerOptions(w, undefined).maxCachedWorkflows).toBeUndefined();
    expect(workloadWorkerOptions(w, 250).maxCachedWorkflows).toBe(250);
  }
  expect(WORKLOAD_WORKER_OPTIONS.drift.maxConcurrentActivityTaskExecutions!).toBeLessThan(
    WORKLOAD_WORKER_OPTIONS.snapshots.maxConcurrentActivityTaskExecutions!,
  );
});
