// A small FIFO semaphore: caps in-flight HTTP requests per Jira client (p-limit is not a dependency).

export interface Semaphore {
  /** Waits for a free slot; returns a release function (safe to call more than once). */
  acquire(): Promise<() => void>;
  inFlight(): number;
  waiting(): number;
}

export function createSemaphore(limit: number): Semaphore {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  let active = 0;
  const queue: Array<() => void> = [];

  async function acquire(): Promise<() => void> {
    if (active < limit) active++;
    // A released slot is handed straight to the next waiter, so `active` never dips and rises again.
    else await new Promise<void>((resolve) => queue.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      if (next) next();
      else active--;
    };
  }

  return { acquire, inFlight: () => active, waiting: () => queue.length };
}
