/**
 * Remembers, per caller (access token or OAuth client), until when a 429 told it to wait, so calls made
 * before that time can be counted as early retries and refused again, as Jira does.
 */
export class RetryAfterMemory {
  private readonly until = new Map<string, number>();
  private static readonly MAX_ENTRIES = 10_000;

  remember(caller: string, untilMs: number): void {
    this.until.set(caller, untilMs);
    if (this.until.size > RetryAfterMemory.MAX_ENTRIES) this.prune(untilMs - 3_600_000);
  }

  /** Milliseconds the caller still has to wait, or 0. */
  remainingMs(caller: string, nowMs: number): number {
    const until = this.until.get(caller);
    if (until === undefined) return 0;
    if (until <= nowMs) {
      this.until.delete(caller);
      return 0;
    }
    return until - nowMs;
  }

  clear(): void {
    this.until.clear();
  }

  private prune(olderThanMs: number): void {
    for (const [caller, until] of this.until) if (until < olderThanMs) this.until.delete(caller);
  }
}
