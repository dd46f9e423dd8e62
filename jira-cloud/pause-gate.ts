// A rate limit is per caller, not per request: once Jira answers 429 (or 503) with Retry-After, no
// request of this client may go out before that time, including the other calls' next pages. Every
// attempt passes this gate before it is sent.

export interface PauseGate {
  /** Holds every later attempt until `ms` from now (never shortens a longer pause). */
  pauseFor(ms: number): void;
  /** Resolves once no pause is in force. */
  wait(): Promise<void>;
}

export function createPauseGate(now: () => number = Date.now): PauseGate {
  let until = 0;
  return {
    pauseFor(ms) {
      until = Math.max(until, now() + ms);
    },
    async wait() {
      // Loop: the pause may be extended while we sleep.
      for (let remaining = until - now(); remaining > 0; remaining = until - now()) {
        await new Promise((resolve) => setTimeout(resolve, remaining));
      }
    },
  };
}
