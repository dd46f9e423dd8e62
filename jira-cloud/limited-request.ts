// got's `request` option: every HTTP attempt (first try or retry) takes a slot of the client's
// semaphore just before the socket request is created and gives it back when that request closes.
// So the cap holds across all calls and retries, and no slot is held while got sleeps before a
// retry (Retry-After, backoff). got starts its timeout after this resolves, so queueing for a slot
// does not eat into the per-request timeout.
import http from 'node:http';
import https from 'node:https';
import type { RequestFunction } from 'got';
import type { Semaphore } from './concurrency';
import type { PauseGate } from './pause-gate';
import { retryAfterMs } from './retry-after';

export interface RateLimitPause {
  gate: PauseGate;
  /** Longest pause taken from a Retry-After header; longer ones fail the call instead (retry-policy). */
  maxMs: number;
}

export function createLimitedRequest(
  limiter: Semaphore,
  onSent: () => void,
  pause?: RateLimitPause,
  onHeaders?: (headers: http.IncomingHttpHeaders) => void,
): RequestFunction {
  const gate = pause?.gate;
  return async (url, options) => {
    await gate?.wait();
    const release = await limiter.acquire();
    try {
      // A 429 may have arrived while this attempt queued for a slot.
      await gate?.wait();
      const request = (url.protocol === 'https:' ? https : http).request(url, options);
      // Pause the client as soon as a rate-limit answer's headers arrive, before this slot is released:
      // otherwise a queued attempt could take the slot and go out before got reads the Retry-After.
      request.once('response', (response) => {
        const status = response.statusCode ?? 0;
        const waitMs = status === 429 || status === 503 ? retryAfterMs(response.headers['retry-after']) : undefined;
        if (pause && waitMs !== undefined && waitMs > 0) pause.gate.pauseFor(Math.min(waitMs, pause.maxMs));
        onHeaders?.(response.headers);
      });
      request.once('close', release);
      onSent();
      return request;
    } catch (error) {
      release();
      throw error;
    }
  };
}
