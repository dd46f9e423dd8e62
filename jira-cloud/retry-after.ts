// Retry-After, read one way everywhere (the pause gate, error translation, the OAuth client).
// RFC 9110: delta-seconds (a non-negative integer) or an HTTP date; anything else is ignored.

/** Retry-After as milliseconds (never negative), or undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
