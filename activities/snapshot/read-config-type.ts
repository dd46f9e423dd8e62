// Reads one configuration type into a snapshot: a list type in one pass, a per-parent type once per
// parent object already in the snapshot (a field's contexts, a context's options), a detail-list type
// (automation rules) as a listing then one read per object (read-detail-list.ts). Per-parent reads
// go through parents in key order, several at a time, and heartbeat how many leading parents are
// fully stored, so a retried attempt keeps those and redoes only the rest; a retried detail-list read
// keeps the objects already stored.
// Under a points budget (issue 12) the read counts what it spends (requests + objects) and a per-parent
// read stops before its next parent once the budget is spent, returning how many parents it finished:
// the next part of the read resumes there, exactly as a retried attempt does.
import { Context } from '@temporalio/activity';
import { PARENT_TYPE, type ConfigType } from '../../domain/config-catalogue';
import type { SecretHasher } from '../../domain/catalogue-kit';
import { toStoredConfigObject } from '../../domain/config-object';
import {
  AUTOMATION_TOKEN_NEEDED,
  AutomationTokenMissingError,
  isNotFound,
  JiraClientError,
  meteredClient,
  type PagingClient,
} from '../../jira-cloud';
import { isUnavailableStatus, unavailableAreaObject } from '../../domain/unavailable-area';
import type { Pool } from '../../store/pool';
import { clearChildEntriesExcept, clearResourceEntries, storePage, streamTypeBodies, unavailableMarker } from '../../store/snapshot-store';
import { CONFIG_RESOURCES, type EmitPage, type PerParentPlan } from '../../jira-cloud';
import { readDetailList } from './read-detail-list';

export interface ReadTarget {
  tenantId: string;
  snapshotId: string;
  runId: string;
  configType: ConfigType;
  budget?: ReadBudget;
}

export interface ReadBudget {
  /** Points this part of the read may spend, over all its attempts. */
  points: number;
  /** Leading parents earlier parts of this type read finished. */
  parentsDone?: number;
  /** Jira's headers say the pool is nearly spent: stop at the next boundary as well. */
  poolNearlySpent(): boolean;
}

export interface ReadOutcome {
  objects: number;
  /** Why the type could not be read (scope missing, product absent); its entries are then only this marker. */
  unavailable?: string;
  /** Requests made by this attempt. */
  pages: number;
  newObjects: number;
  /** Points spent (requests + objects) by this part of the read, earlier attempts included. */
  points: number;
  /** Set when the budget stopped a per-parent read part-way: the leading parents it finished. */
  parentsDone?: number;
}

/** What a per-parent read heartbeats: the leading parents (in key order) whose children are all stored. */
interface ParentProgress {
  configType: ConfigType;
  objects: number;
  parentsDone?: number;
  /** Points spent so far by every attempt of this part. */
  points?: number;
}

/**
 * `hashSecret` replaces the secrets of types that hold some (automation rules) by their keyed hash
 * before anything is stored.
 */
export async function readConfigType(pool: Pool, jiraClient: PagingClient, target: ReadTarget, hashSecret: SecretHasher): Promise<ReadOutcome> {
  const { tenantId, snapshotId, runId, configType } = target;
  const ctx = Context.current();
  const client = meteredClient(jiraClient);
  const spentBefore = earlierProgress(configType)?.points;
  const pointsBefore = Number.isSafeInteger(spentBefore) ? spentBefore! : 0;
  const outcome: ReadOutcome = { objects: 0, pages: 0, newObjects: 0, points: 0 };
  const progress: ParentProgress = { configType, objects: 0, points: pointsBefore };
  const spent = () => (progress.points = pointsBefore + client.points());
  const beat = () => {
    spent();
    ctx.heartbeat(progress);
  };
  const emit: EmitPage = async (values) => {
    const page = values.map((raw) => toStoredConfigObject(configType, raw, hashSecret));
    const stored = await storePage(pool, { tenantId, snapshotId, runId, objects: page });
    outcome.objects += page.length;
    outcome.newObjects += stored.newObjects;
    progress.objects = outcome.objects;
    beat();
  };
  // Heartbeat on a clock too: a page can wait out a long Retry-After, and a short heartbeat timeout
  // is what lets a crashed worker's activity be retried elsewhere quickly.
  const ticker = setInterval(beat, 5_000);
  try {
    const plan = CONFIG_RESOURCES[configType];
    const parentType = PARENT_TYPE[configType];
    const parentMissing = parentType && (await unavailableMarker(pool, tenantId, snapshotId, parentType));
    if (parentMissing) {
      // No parents were read, so none of their children can be: unavailable for the same reason.
      const reason = `${parentType} unavailable: ${parentMissing.reason}`.slice(0, 500);
      await clearResourceEntries(pool, tenantId, snapshotId, runId, configType);
      await storePage(pool, { tenantId, snapshotId, runId, objects: [unavailableAreaObject(configType, parentMissing.status, reason)] });
      return { objects: 0, pages: 0, newObjects: 0, points: spent(), unavailable: reason };
    }
    if (plan.kind === 'list') {
      // A retried attempt starts from an empty slate: objects deleted in Jira between attempts must not survive.
      await clearResourceEntries(pool, tenantId, snapshotId, runId, configType);
      outcome.pages = await plan.read(client, emit);
    } else if (plan.kind === 'detail-list') {
      outcome.pages = await readDetailList(pool, client, target, plan, emit, isRetryOf(configType));
    } else {
      const read = await readPerParent(pool, client, target, plan, emit, progress, () => spent() >= (target.budget?.points ?? Infinity));
      outcome.pages = read.requests;
      if (read.stoppedAt !== undefined) outcome.parentsDone = read.stoppedAt;
    }
    outcome.points = spent();
  } catch (err) {
    const unavailable = unavailableBecause(err);
    if (!unavailable) throw err;
    // The site, grant or stored credentials do not offer this type: recorded, not failed (and not retried).
    const { status, reason } = unavailable;
    await clearResourceEntries(pool, tenantId, snapshotId, runId, configType);
    await storePage(pool, { tenantId, snapshotId, runId, objects: [unavailableAreaObject(configType, status, reason)] });
    return { objects: 0, pages: outcome.pages, newObjects: 0, points: spent(), unavailable: reason };
  } finally {
    clearInterval(ticker);
  }
  return outcome;
}

/**
 * Why an error means the type is unavailable (not a fault): Jira's 401/403/404, or no automation API token
 * stored (recorded with the 401 the gateway would answer, and the command that sets one).
 */
function unavailableBecause(err: unknown): { status: number; reason: string } | undefined {
  if (err instanceof AutomationTokenMissingError) return { status: 401, reason: AUTOMATION_TOKEN_NEEDED };
  const status = (err as { status?: number }).status;
  if (!(err instanceof JiraClientError) || !isUnavailableStatus(status)) return undefined;
  return { status, reason: `HTTP ${status}: ${err.message}`.slice(0, 500) };
}

async function readPerParent(
  pool: Pool,
  client: PagingClient,
  target: ReadTarget,
  plan: PerParentPlan,
  emit: EmitPage,
  progress: ParentProgress,
  grantSpent: () => boolean,
): Promise<{ requests: number; stoppedAt?: number }> {
  const { tenantId, snapshotId, runId, configType, budget } = target;
  const parentType = PARENT_TYPE[configType];
  if (!parentType) throw new Error(`${configType} is read per parent but has no parent type`);
  const resumed = resumePoint(configType) || budget?.parentsDone || 0;
  const spent = () => budget !== undefined && (grantSpent() || budget.poolNearlySpent());
  let stopped = false;
  const prefix = `${parentType}/`;
  const kept: string[] = [];
  let index = 0;
  let requests = 0;
  // Parents finish out of order; `parentsDone` only ever names the unbroken run from the start.
  const finished = new Set<number>();
  const inFlight = new Set<Promise<void>>();
  const window = Math.max(1, client.concurrency ?? 4);
  let cleared = resumed === 0;
  if (cleared) await clearResourceEntries(pool, tenantId, snapshotId, runId, configType);
  progress.parentsDone = resumed;

  try {
    reading: for await (const batch of streamTypeBodies(pool, tenantId, snapshotId, parentType)) {
      for (const { key, body } of batch) {
        if (index >= resumed && spent()) {
          stopped = true;
          break reading;
        }
        const position = index++;
        if (position < resumed) {
          kept.push(key.slice(prefix.length));
          continue;
        }
        if (!cleared) {
          // Children of the parents after the resume point may be half stored: redo them.
          await clearChildEntriesExcept(pool, { tenantId, snapshotId, runId, objectType: configType, keptParents: kept });
          cleared = true;
        }
        const parent = JSON.parse(body) as Record<string, unknown>;
        const work = readChildrenOf(plan, client, parent, emit).then((n) => {
          requests += n;
          finished.add(position);
          while (finished.has(progress.parentsDone!)) finished.delete(progress.parentsDone!++);
        });
        const tracked = work.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        if (inFlight.size >= window) await Promise.race(inFlight);
      }
    }
    if (!cleared) await clearChildEntriesExcept(pool, { tenantId, snapshotId, runId, objectType: configType, keptParents: kept });
    await Promise.all(inFlight);
  } catch (err) {
    // No write of this attempt may land after it failed (its retry would see it as its own).
    await Promise.allSettled(inFlight);
    throw err;
  }
  // Every parent started has finished, so the leading run is exactly the parents started.
  return stopped ? { requests, stoppedAt: progress.parentsDone } : { requests };
}

/** What an earlier attempt of this activity heartbeat while reading this type; undefined on a first attempt. */
function earlierProgress(configType: ConfigType): Partial<ParentProgress> | undefined {
  const details = Context.current().info.heartbeatDetails as Partial<ParentProgress> | undefined;
  return details?.configType === configType ? details : undefined;
}

function isRetryOf(configType: ConfigType): boolean {
  return earlierProgress(configType) !== undefined;
}

/** Leading parents a previous attempt of this activity finished (0 on a first attempt). */
function resumePoint(configType: ConfigType): number {
  const parentsDone = earlierProgress(configType)?.parentsDone;
  return parentsDone !== undefined && Number.isSafeInteger(parentsDone) && parentsDone > 0 ? parentsDone : 0;
}

/** A parent deleted in Jira since its phase was read answers 404: it has no children any more. */
async function readChildrenOf(plan: PerParentPlan, client: PagingClient, parent: Record<string, unknown>, emit: EmitPage): Promise<number> {
  try {
    return await plan.read(client, parent, emit);
  } catch (err) {
    if (isNotFound(err)) return 1;
    throw err;
  }
}
