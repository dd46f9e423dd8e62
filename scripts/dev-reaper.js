// Safety net for `npm start` (scripts/dev.ts), run as a separate plain-node process: dev.ts reports the
// process groups it starts on this process's stdin (`track <pid> <signal>`, `untrack <pid>`), and says
// `done` after its own ordered shutdown. If stdin closes without `done` — dev.ts was killed with SIGKILL,
// e.g. by the `tsx` CLI escalating a signal, or crashed — the groups still tracked are stopped here, last
// started first, each with its signal and SIGKILL after 10 s, so nothing is left running, orphaned.
'use strict';

/** @type {Array<{ pid: number, signal: string }>} */
const tracked = [];
let done = false;
let buffer = '';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* gone */
    }
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function reap() {
  for (const { pid, signal } of tracked.reverse()) {
    if (!alive(pid)) continue;
    signalGroup(pid, signal);
    const deadline = Date.now() + 10_000;
    while (alive(pid) && Date.now() < deadline) await sleep(100);
    if (alive(pid)) signalGroup(pid, 'SIGKILL');
  }
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf('\n')) >= 0) {
    const [command, pid, signal] = buffer.slice(0, newline).trim().split(/\s+/);
    buffer = buffer.slice(newline + 1);
    if (command === 'track' && Number(pid) > 0) tracked.push({ pid: Number(pid), signal: signal || 'SIGTERM' });
    else if (command === 'untrack') tracked.splice(0, tracked.length, ...tracked.filter((t) => t.pid !== Number(pid)));
    else if (command === 'done') {
      done = true;
      process.exit(0);
    }
  }
});
process.stdin.on('error', () => {});
process.stdin.on('close', () => {
  if (done) return;
  reap().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
