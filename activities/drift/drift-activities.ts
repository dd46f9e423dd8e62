// Activities of driftScanWorkflow: thin adapters between the workflow and the drift store. Only
// cursors and counts travel through Temporal; entries and bodies stay in PostgreSQL.
import { Context } from '@temporalio/activity';
import { draftDriftEvent, type DriftTotals } from '../../domain/drift-events';
import type { SnapshotType } from '../../domain/snapshot-window';
import {
  assertDriftScanMatches,
  beginDriftScan,
  compareEntryPage,
  completeDriftScan,
  findPreviousCompleteSnapshot,
  insertDriftEvents,
} from '../../store/drift-store';
import type { ActivityDeps } from '../deps';
import { withFailureMapping } from '../failures';

export interface BeginDriftScanInput {
  tenantId: string;
  baseSnapshotId: string;
  targetSnapshotId: string;
  workflowId: string;
}

export interface BeginDriftScanResult {
  scanId: string;
  /** The target snapshot's type and window: events are filed under them. */
  snapshotType: SnapshotType;
  windowStart: string;
  /** Set when the scan finished before (a rerun of a completed scan reports it). */
  completedTotals: DriftTotals | null;
}

export interface ScanDriftChunkInput {
  tenantId: string;
  scanId: string;
  baseSnapshotId: string;
  targetSnapshotId: string;
  snapshotType: SnapshotType;
  windowStart: string;
  /** Last object key already compared ('' = from the start). */
  cursor: string;
  pageSize: number;
  pages: number;
}

export interface ScanDriftChunkResult extends DriftTotals {
  cursor: string;
  done: boolean;
  pagesRead: number;
}

/** What a chunk heartbeats after each page, so a retry resumes after the last committed page. */
type ChunkProgress = ScanDriftChunkResult;

const zeroTotals = (): DriftTotals => ({ compared: 0, added: 0, removed: 0, modified: 0 });

export function createDriftActivities(deps: ActivityDeps) {
  return {
    async beginDriftScan(input: BeginDriftScanInput): Promise<BeginDriftScanResult> {
      return withFailureMapping(async () => {
        const scan = await beginDriftScan(deps.pool, input);
        return { scanId: scan.id, snapshotType: scan.targetType, windowStart: scan.targetWindowStart, completedTotals: scan.totals };
      });
    },

    async scanDriftChunk(input: ScanDriftChunkInput): Promise<ScanDriftChunkResult> {
      return withFailureMapping(async () => {
        const ctx = Context.current();
        const { comparedTypes } = await assertDriftScanMatches(deps.pool, input);
        const resumed = ctx.info.heartbeatDetails as ChunkProgress | undefined;
        // A retried attempt continues after the last page its predecessor committed and heartbeated.
        let committed: ChunkProgress =
          resumed && typeof resumed.cursor === 'string' ? resumed : { ...zeroTotals(), cursor: input.cursor, done: false, pagesRead: 0 };
        // Two-stage pipeline: page N's events are written while page N+1 is compared. Progress is
        // heartbeated only once a page's write has committed.
        let reading = committed;
        let writing: { write: Promise<unknown>; after: ChunkProgress } | undefined;
        while (!reading.done && reading.pagesRead < input.pages) {
          const page = await compareEntryPage(deps.pool, {
            tenantId: input.tenantId,
            baseSnapshotId: input.baseSnapshotId,
            targetSnapshotId: input.targetSnapshotId,
            after: reading.cursor,
            pageSize: input.pageSize,
            comparedTypes,
          });
          const events = page.differences.map((d) => draftDriftEvent(d, (hash) => page.bodies.get(hash)));
          // Counts come from what the page holds, not from rows inserted: a redone page counts the same.
          const next: ChunkProgress = { ...reading, compared: reading.compared + page.compared, pagesRead: reading.pagesRead + 1 };
          for (const e of events) next[e.change]++;
          if (page.boundary === null) next.done = true;
          else next.cursor = page.boundary;
          if (writing) {
            await writing.write;
            committed = writing.after;
            ctx.heartbeat(committed);
          }
          const write = insertDriftEvents(deps.pool, {
            tenantId: input.tenantId,
            scanId: input.scanId,
            snapshotType: input.snapshotType,
            windowStart: input.windowStart,
            events,
          });
          write.catch(() => {}); // awaited below; this only keeps a failure from going unhandled meanwhile
          writing = { write, after: next };
          reading = next;
        }
        if (writing) {
          await writing.write;
          committed = writing.after;
          ctx.heartbeat(committed);
        }
        return committed;
      });
    },

    async completeDriftScan(input: { tenantId: string; scanId: string; totals: DriftTotals }): Promise<void> {
      return withFailureMapping(() => completeDriftScan(deps.pool, input));
    },

    async findPreviousSnapshot(input: { tenantId: string; snapshotId: string }): Promise<{ baseSnapshotId: string | null }> {
      return withFailureMapping(async () => ({
        baseSnapshotId: (await findPreviousCompleteSnapshot(deps.pool, input.tenantId, input.snapshotId)) ?? null,
      }));
    },
  };
}
