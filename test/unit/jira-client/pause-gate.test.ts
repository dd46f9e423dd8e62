// The client-wide Retry-After pause and Retry-After parsing.
import { createPauseGate } from '../../../jira-cloud/pause-gate';
import { retryAfterMs } from '../../../jira-cloud/retry-after';

test('parses delta-seconds and HTTP dates, ignores garbage', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  expect(retryAfterMs('3', now)).toBe(3000);
  expect(retryAfterMs([' 0 '], now)).toBe(0);
  expect(retryAfterMs('Thu, 26 Nov 2026 10:00:05 GMT', now)).toBe(5000);
  expect(retryAfterMs('Thu, 26 Nov 2026 09:00:00 GMT', now)).toBe(0);
  expect(retryAfterMs(undefined, now)).toBeUndefined();
  expect(retryAfterMs('soon', now)).toBeUndefined();
});

test('a pause is never shortened and holds every waiter until it ends', async () => {
  let clock = 1000;
  const gate = createPauseGate(() => clock);
  gate.pauseFor(500);
  gate.pauseFor(100); // shorter: ignored
  let released = false;
  const waiting = gate.wait().then(() => (released = true));
  await new Promise((r) => setTimeout(r, 20));
  expect(released).toBe(false);
  clock = 1500; // the pause is over once its time has passed
  await waiting;
  expect(released).toBe(true);
  await expect(gate.wait()).resolves.toBeUndefined();
});
