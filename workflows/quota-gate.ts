// The snapshot's quota gate (issue 12): every part of a type read is paid for before it starts. A
// refusal says when the pool's window resets; the workflow sleeps on a durable timer until then (a
// worker may die meanwhile) and asks again. A read whose grant runs out stops at a parent boundary and
// returns how far it got; the next part, paid separately, continues from there.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SnapshotResourceInput, SnapshotResourceResult } from '../activities/snapshot/snapshot-activities';
import type { SnapshotProgress } from './snapshot-contract';
import { workflowNowMs } from './workflow-clock';

const ledger = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 10 },
});

type ReadPart = (input: SnapshotResourceInput) => Promise<SnapshotResourceResult>;

/** Which pool the tenant's reads are charged to (null: no quota configured, read as before). */
export async function quotaPool(tenantId: string): Promise<string | null> {
  return (await ledger.quotaPoolFor({ tenantId })).pool;
}

/** Type reads waiting for quota, and until when, as the progress query shows them. */
class Waits {
  private readonly until = new Map<string, string>();
  constructor(private readonly progress: SnapshotProgress) {}
  set(configType: string, until: string | undefined): void {
    if (until) this.until.set(configType, until);
    else this.until.delete(configType);
    const latest = [...this.until.values()].sort().at(-1);
    if (this.progress.phase !== 'fetching' && this.progress.phase !== 'waiting-for-quota') return;
    this.progress.phase = latest ? 'waiting-for-quota' : 'fetching';
    if (latest) this.progress.waitingForQuotaUntil = latest;
    else delete this.progress.waitingForQuotaUntil;
  }
}

export function quotaGate(pool: string, progress: SnapshotProgress, read: ReadPart) {
  const waits = new Waits(progress);
  return async function readPaidFor(input: SnapshotResourceInput): Promise<SnapshotResourceResult> {
    const total: SnapshotResourceResult = { configType: input.configType, objects: 0, pages: 0, newObjects: 0, points: 0 };
    let parentsDone: number | undefined;
    for (let part = 0; ;) {
      const grant = await ledger.reserveQuota({ tenantId: input.tenantId, snapshotId: input.snapshotId, configType: input.configType, pool, part });
      if (!grant.granted) {
        waits.set(input.configType, grant.retryAt);
        // Workflow time: deterministic, and the timer is durable (it survives the worker).
        await sleep(Math.max(1000, Date.parse(grant.retryAt) - workflowNowMs()));
        continue;
      }
      waits.set(input.configType, undefined);
      const quota = { pool, reservationKey: grant.reservationKey, points: grant.points, parentsDone, requestsBefore: total.pages };
      const r = await read({ ...input, quota });
      // Objects are the type's entries so far (a later part's count includes the earlier parts').
      total.objects = r.objects;
      total.pages += r.pages;
      total.newObjects += r.newObjects;
      total.points! += r.points ?? 0;
      if (r.unavailable) total.unavailable = r.unavailable;
      if (r.parentsDone === undefined) return total;
      parentsDone = r.parentsDone;
      part++;
    }
  };
}
