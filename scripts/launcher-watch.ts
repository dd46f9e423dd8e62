// Notices that whatever launched this process has gone away without passing a signal on.
//
// `npm start` runs `sh -c "bash scripts/ensure-temporal.sh >/dev/null && tsx scripts/dev.ts"`: on SIGTERM
// npm forwards the signal to that shell only, and the shell dies of it without forwarding it further; the
// `tsx` CLI (which runs dev.ts as its child) relays SIGINT and SIGTERM but dies of SIGHUP. Either way
// dev.ts would keep running, orphaned, with everything it started. So dev.ts watches its launch chain:
// its parent, then further ancestors as long as they are launchers — the tsx CLI, `sh -c` / `bash -c`
// shells, and npm/npx, where the chain ends. An interactive shell or anything else ends it too, so
// `nohup npm start &` from a shell that then exits is not affected. Linux (/proc) only; elsewhere the
// chain is empty and only signals stop the stack.
import fs from 'node:fs';
import path from 'node:path';

export interface Launcher {
  pid: number;
  command: string;
  /** Start time in clock ticks since boot (/proc/<pid>/stat field 22): tells a reused pid apart. */
  startTime: string;
}

interface Stat {
  state: string;
  ppid: number;
  startTime: string;
}

function stat(pid: number): Stat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, ppid: Number(fields[1]), startTime: fields[19]! };
  } catch {
    return undefined;
  }
}

function argv(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** 'chain': a launcher, keep walking up; 'top': a launcher that ends the chain (npm/npx); undefined: not one. */
function launcherKind(args: string[]): 'chain' | 'top' | undefined {
  const joined = args.join(' ');
  // npm sets its process title ("npm start", "npm exec tsx scripts/dev.ts"), which replaces its argv.
  if (/^(npm|npx)( |$)/.test(joined)) return 'top';
  const base = path.basename(args[0] ?? '');
  if (['sh', 'bash', 'dash', 'zsh'].includes(base)) return args[1] === '-c' ? 'chain' : undefined;
  if (base === 'tsx') return 'chain';
  if (/^node(js)?$/.test(base)) {
    const script = args.slice(1).find((a) => !a.startsWith('-'));
    if (!script) return undefined;
    if (/(^|\/)(npm|npx)(-cli\.js)?$|\/bin\/np[mx]-cli\.js$/.test(script)) return 'top';
    if (/(^|\/)tsx(\/dist\/cli\.m?js)?$/.test(script)) return 'chain';
  }
  return undefined;
}

/** This process's launchers, nearest first (see the file comment). */
export function launchChain(): Launcher[] {
  const chain: Launcher[] = [];
  let pid = stat(process.pid)?.ppid;
  while (pid !== undefined && pid > 1 && chain.length < 10) {
    const s = stat(pid);
    const args = argv(pid);
    const kind = launcherKind(args);
    if (!s || !kind) break;
    chain.push({ pid, command: args.join(' ').slice(0, 200), startTime: s.startTime });
    if (kind === 'top') break;
    pid = s.ppid;
  }
  return chain;
}

function gone(launcher: Launcher): boolean {
  const s = stat(launcher.pid);
  return !s || s.startTime !== launcher.startTime || s.state === 'Z' || s.state === 'X';
}

/**
 * Calls `onGone` once, with the first launcher found gone, polling every `intervalMs`. Returns a function
 * that stops watching. The timer does not keep the process alive.
 */
export function watchLaunchChain(onGone: (launcher: Launcher) => void, intervalMs = 500): () => void {
  const chain = launchChain();
  if (chain.length === 0) return () => {};
  const timer = setInterval(() => {
    const first = chain.find(gone);
    if (!first) return;
    clearInterval(timer);
    onGone(first);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
