// The public contract of scheduledSnapshotWorkflow, the small workflow each snapshot Schedule starts.
import type { SnapshotType } from '../domain/snapshot-window';
import type { SnapshotStatus } from './snapshot-contract';

export interface ScheduledSnapshotInput {
  tenantId: string;
  type: SnapshotType;
  /**
   * The action's time (ISO instant). Normally absent: the workflow reads the schedule's
   * `TemporalScheduledStartTime` search attribute. Set it when starting the workflow by hand.
   */
  scheduledAt?: string;
  /** Starts of the window's snapshot when earlier starts failed (default 3). */
  attempts?: number;
  /** Durable wait between those starts, in ms (default 10 minutes). */
  retryDelayMs?: number;
}

export interface ScheduledSnapshotResult {
  windowStart: string;
  snapshotWorkflowId: string;
  /** ALREADY_STARTED: the window's snapshot was running or complete already (started another way). */
  status: SnapshotStatus | 'ALREADY_STARTED';
  snapshotId: string | null;
  attempts: number;
}
