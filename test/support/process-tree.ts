// Processes and listening TCP ports of a process tree, read from /proc (Linux), for tests that check
// that a stack of processes left nothing behind. A process is identified by pid and start time, so a
// reused pid is not mistaken for a survivor.
import fs from 'node:fs';
import { listeningSockets, pidsHoldingSockets } from '../../scripts/port-owner';

export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  /** Clock ticks since boot (/proc/<pid>/stat field 22). */
  startTime: string;
  command: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let command = '';
    try {
      command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    } catch {
      /* exited meanwhile */
    }
    return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), state: fields[0]!, startTime: fields[19]!, command };
  } catch {
    return undefined;
  }
}

export function processTable(): ProcInfo[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is ProcInfo => p !== undefined);
}

/** `root` and every process below it (by parent pid), as of now. */
export function processTree(root: number): ProcInfo[] {
  const table = processTable();
  const tree = table.filter((p) => p.pid === root);
  for (let i = 0; i < tree.length; i++) {
    for (const p of table) if (p.ppid === tree[i]!.pid && !tree.some((t) => t.pid === p.pid)) tree.push(p);
  }
  return tree;
}

/** Those of `procs` that still run (same pid and start time, not a zombie). */
export function survivors(procs: ProcInfo[]): ProcInfo[] {
  return procs.filter((p) => {
    const now = readProc(p.pid);
    return now !== undefined && now.startTime === p.startTime && now.state !== 'Z' && now.state !== 'X';
  });
}

/** TCP ports on which any of `pids` listens. */
export function listeningPortsOf(pids: number[]): number[] {
  const sockets = listeningSockets();
  const holders = pidsHoldingSockets(new Set(sockets.map((s) => s.inode)));
  const wanted = new Set(pids);
  const ports = new Set<number>();
  for (const socket of sockets) if ((holders.get(socket.inode) ?? []).some((pid) => wanted.has(pid))) ports.add(socket.port);
  return [...ports].sort((a, b) => a - b);
}

/** Of `ports`, those some process listens on now. */
export function portsInUse(ports: number[]): number[] {
  const listening = new Set(listeningSockets().map((s) => s.port));
  return ports.filter((p) => listening.has(p));
}

/** Which of `pids` listen on `port`. */
export function listenersOn(port: number, pids: number[]): number[] {
  const inodes = new Set(
    listeningSockets()
      .filter((s) => s.port === port)
      .map((s) => s.inode),
  );
  const wanted = new Set(pids);
  return [...pidsHoldingSockets(inodes).values()].flat().filter((pid) => wanted.has(pid));
}
