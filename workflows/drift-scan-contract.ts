// The public contract of driftScanWorkflow: input, result and progress query, shared with clients.
import { defineQuery } from '@temporalio/workflow';

import type { DriftTotals } from '../domain/drift-events';

export type { DriftTotals } from '../domain/drift-events';

export interface DriftScanInput {
  tenantId: string;
  baseSnapshotId: string;
  targetSnapshotId: string;
  /** Object keys per page, 1–500 (default 500). */
  pageSize?: number;
  /** Pages per activity (default 100): each activity heartbeats its cursor after every page. */
  pagesPerActivity?: number;
  /** Activities per run before continuing as new (default 100). */
  activitiesPerRun?: number;
  /** Carried across continue-as-new; absent on the first run. */
  carried?: DriftScanCarriedState;
}

export interface DriftScanCarriedState {
  scanId: string;
  snapshotType: 'hourly' | 'daily' | 'weekly';
  windowStart: string;
  cursor: string;
  totals: DriftTotals;
  runs: number;
  /** What the audit log read of this scan (runs with the `drift-audit-attribution` marker) found. */
  auditRead?: { status: 'read' | 'unavailable'; records: number; requests: number };
}

export interface DriftScanResult extends DriftTotals {
  scanId: string;
  events: number;
  runs: number;
  /** Scans run with the `drift-audit-attribution` marker: what the audit log said about the events. */
  attribution?: DriftAttributionTotals;
}

export interface DriftAttributionTotals {
  /** `unavailable`: Free plan, no Administer Jira or the audit scope missing; every event unattributed. */
  auditLog: 'read' | 'unavailable';
  auditRecords: number;
  attributed: number;
  unattributed: number;
}

export interface DriftScanProgress extends DriftTotals {
  scanId: string | null;
  cursor: string;
  runs: number;
  done: boolean;
}

export const driftScanProgressQuery = defineQuery<DriftScanProgress>('progress');
