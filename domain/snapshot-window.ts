// Snapshot windows: every snapshot belongs to exactly one UTC window, named by the window's start.
// Pure and deterministic (no Node imports) so workflows, activities and the CLI share it.
import { DAY_MS, HOUR_MS, isoSeconds, WEEK_MS } from './time';

export const SNAPSHOT_TYPES = ['hourly', 'daily', 'weekly'] as const;
export type SnapshotType = (typeof SNAPSHOT_TYPES)[number];

// 1970-01-05 was a Monday: weekly windows start on Monday 00:00 UTC (ISO week).
const FIRST_MONDAY_MS = 4 * DAY_MS;

export function isSnapshotType(value: unknown): value is SnapshotType {
  return typeof value === 'string' && (SNAPSHOT_TYPES as readonly string[]).includes(value);
}

export function windowLengthMs(type: SnapshotType): number {
  switch (type) {
    case 'hourly':
      return HOUR_MS;
    case 'daily':
      return DAY_MS;
    case 'weekly':
      return WEEK_MS;
  }
}

/** Start of the window of `type` that contains the instant `atMs`. */
export function floorToWindow(type: SnapshotType, atMs: number): number {
  const length = windowLengthMs(type);
  const origin = type === 'weekly' ? FIRST_MONDAY_MS : 0;
  return Math.floor((atMs - origin) / length) * length + origin;
}

/** Canonical text form of a window start, e.g. `2026-11-25T00:00:00Z` (second precision, UTC). */
export function formatWindowStart(startMs: number): string {
  return isoSeconds(startMs);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an operator-supplied window (`2026-11-25`, or any ISO instant inside the window) and returns
 * the canonical window start. Throws a one-line error for anything else.
 */
export function resolveWindowStart(type: SnapshotType, input: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(input) ? `${input}T00:00:00Z` : input;
  if (!ISO_INSTANT.test(text)) {
    throw new Error(`window "${input}" is not an ISO-8601 date or UTC instant (e.g. 2026-11-25T13:00:00Z)`);
  }
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new Error(`window "${input}" is not a valid date`);
  return formatWindowStart(floorToWindow(type, ms));
}

/** True when `windowStart` is already the canonical start of a `type` window. */
export function isCanonicalWindowStart(type: SnapshotType, windowStart: string): boolean {
  if (!ISO_INSTANT.test(windowStart)) return false;
  const ms = Date.parse(windowStart);
  return Number.isFinite(ms) && formatWindowStart(floorToWindow(type, ms)) === windowStart;
}

/** Window starts of `type` whose windows begin in [fromMs, toMs), oldest first. */
export function windowStartsBetween(type: SnapshotType, fromMs: number, toMs: number, limit = 10_000): string[] {
  const length = windowLengthMs(type);
  let start = floorToWindow(type, fromMs);
  if (start < fromMs) start += length;
  const starts: string[] = [];
  for (; start < toMs; start += length) {
    if (starts.length >= limit) throw new Error(`more than ${limit} ${type} windows in the requested range`);
    starts.push(formatWindowStart(start));
  }
  return starts;
}
