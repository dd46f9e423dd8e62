// Durations given to workflows as input ("12h", "15s", or milliseconds). Pure, so workflows, clients
// and tests share one parser; anything unclear is refused instead of guessed.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
/** Longer than any sensible check interval, and far below Temporal's timer limit. */
const MAX_MS = 365 * 86_400_000;

export type DurationInput = string | number;

/** Milliseconds, or undefined when the value is not a positive duration of at most a year. */
export function parseDuration(value: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') {
    const match = PATTERN.exec(value.trim());
    if (match) ms = Number(match[1]) * UNIT_MS[match[2]!]!;
  }
  if (ms === undefined || !Number.isFinite(ms) || ms < 1 || ms > MAX_MS) return undefined;
  return Math.round(ms);
}
