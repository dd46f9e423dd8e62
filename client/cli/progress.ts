// Progress of long work, read from a workflow query while the caller waits for the result. On a
// terminal one line is redrawn; otherwise (with --progress) a line is printed whenever it changes.
// Progress goes to stderr so stdout stays the result.
import type { WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { SnapshotProgress } from '../../workflows/snapshot-contract';

export function progressEnabled(flag: boolean | undefined): boolean {
  return flag === true || (flag === undefined && process.stderr.isTTY === true);
}

export async function waitWithProgress<T, P>(
  handle: WorkflowHandle,
  query: QueryDefinition<P, []>,
  render: (p: P) => string,
  result: Promise<T>,
  opts: { enabled: boolean; intervalMs?: number; label?: string },
): Promise<T> {
  if (!opts.enabled) return result;
  const tty = process.stderr.isTTY === true;
  let last = '';
  let done = false;
  const settled = result.finally(() => (done = true));
  const poll = async () => {
    while (!done) {
      try {
        const line = `${opts.label ? `${opts.label} ` : ''}${render(await handle.query(query))}`;
        if (line !== last) {
          process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
          last = line;
        }
      } catch {
        /* not started yet, or already closed: the result decides */
      }
      await Promise.race([settled.catch(() => {}), new Promise((r) => setTimeout(r, opts.intervalMs ?? 500))]);
    }
    if (tty && last) process.stderr.write('\n');
  };
  const [value] = await Promise.all([result, poll()]);
  return value;
}

export function renderSnapshotProgress(p: SnapshotProgress): string {
  return `${p.phase}: ${p.resourcesDone}/${p.resourcesTotal} resources, ${p.pages} pages, ${p.objects} objects (${p.newObjects} new)`;
}
