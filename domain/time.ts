// Time units and the one text form of an instant the service prints and stores (UTC, whole seconds).
export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** `2026-11-25T13:00:00Z`: ISO-8601 in UTC, milliseconds dropped (window starts, cursors, listings). */
export function isoSeconds(instant: Date | number): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
