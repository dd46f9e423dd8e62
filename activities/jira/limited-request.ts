// got's `request` option: every HTTP attempt (first try or retry) takes a slot of the client's
// semaphore just before the socket request is created and gives it back when that request closes.
// So the cap holds across all calls and retries, and no slot is held while got sleeps before a
// retry (Retry-After, backoff). got starts its timeout after this resolves, so queueing for a slot
// does not eat into the per-request timeout.
import http from 'node:http';
import https from 'node:https';
import type { RequestFunction } from 'got';
import type { Semaphore } from './concurrency';

export function createLimitedRequest(limiter: Semaphore, onSent: () => void): RequestFunction {
  return async (url, options) => {
    const release = await limiter.acquire();
    try {
      const request = (url.protocol === 'https:' ? https : http).request(url, options);
      request.once('close', release);
      onSent();
      return request;
    } catch (error) {
      release();
      throw error;
    }
  };
}
