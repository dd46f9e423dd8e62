// Reads a type listed as summaries and then one object per request (automation rules): the listing
// first, then the details, a bounded number at a time, emitted in small batches. A retried attempt of
// the same activity (`resume`) keeps what an earlier attempt stored for objects still listed and reads
// the rest; a first attempt starts from an empty slate.
import type { ConfigType } from '../../domain/config-catalogue';
import type { DetailListPlan, EmitPage, PagingClient } from '../../jira-cloud';
import type { Pool } from '../../store/pool';
import { clearResourceEntries, keepEntriesAmong } from '../../store/snapshot-store';

export interface DetailListTarget {
  tenantId: string;
  snapshotId: string;
  runId: string;
  configType: ConfigType;
}

/** Objects handed to the store at once: few round trips without holding many bodies. */
const BATCH = 25;

/** Reads every object of the plan's type; returns the requests made. */
export async function readDetailList(
  pool: Pool,
  client: PagingClient,
  target: DetailListTarget,
  plan: DetailListPlan,
  emit: EmitPage,
  resume: boolean,
): Promise<number> {
  const { tenantId, snapshotId, runId, configType } = target;
  const { summaries, requests: listRequests } = await plan.list(client);
  const keyOf = (summary: Record<string, unknown>) => `${configType}/${plan.idOf(summary)}`;
  const stored = resume
    ? await keepEntriesAmong(pool, { tenantId, snapshotId, runId, objectType: configType, candidates: summaries.map(keyOf) })
    : (await clearResourceEntries(pool, tenantId, snapshotId, runId, configType), new Set<string>());
  const todo = summaries.filter((summary) => !stored.has(keyOf(summary)));

  let requests = listRequests;
  let next = 0;
  let batch: Array<Record<string, unknown>> = [];
  let flushing = Promise.resolve();
  const flush = () => {
    const page = batch;
    batch = [];
    flushing = flushing.then(() => (page.length > 0 ? emit(page) : undefined));
    return flushing;
  };
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const summary = todo[next++]!;
      requests++;
      const body = await plan.read(client, summary);
      if (body === undefined) continue;
      batch.push(body);
      if (batch.length >= BATCH) await flush();
    }
  };
  const workers = Array.from({ length: Math.min(todo.length, Math.max(1, client.concurrency ?? 4)) }, worker);
  try {
    await Promise.all(workers);
  } finally {
    // A failed attempt must not write after it failed: its retry would take those writes as its own.
    await Promise.allSettled(workers);
    await flushing.catch(() => undefined);
  }
  await flush();
  return requests;
}
