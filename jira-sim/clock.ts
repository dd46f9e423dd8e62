/**
 * The simulator's notion of "now". Tests age OAuth grants (90-day inactivity, 365-day absolute expiry)
 * by moving this clock forward instead of waiting.
 */
export class SimClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  get offsetSec(): number {
    return this.offsetMs / 1000;
  }

  setOffsetSec(offsetSec: number): void {
    this.offsetMs = Math.round(offsetSec * 1000);
  }
}
