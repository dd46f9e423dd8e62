// `jira-drift snapshot ...`: start (or attach to) a window's snapshot.
import type { Command } from 'commander';
import { loadEnv } from '../../config/env';
import { parseSnapshotOptions, startSnapshot } from '../snapshots';
import { connectClient } from '../../temporal/connection';
import { fail, printResult } from './output';
import { registerBackfillCommand } from './backfill-command';
import { progressEnabled, renderSnapshotProgress, waitWithProgress } from './progress';
import { snapshotProgressQuery } from '../../workflows/snapshot-contract';

export function registerSnapshotCommands(program: Command): void {
  const snapshot = program.command('snapshot').description('snapshot a tenant\'s Jira configuration');

  snapshot
    .command('start')
    .description('start the snapshot of one window (or attach to it); prints the result')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--type <type>', 'hourly | daily | weekly')
    .option('--window <iso>', 'any instant or date inside the window (default: now)')
    .option('--no-wait', 'return once started instead of waiting for the result')
    .option('--json', 'print JSON')
    .option('--progress', 'print progress lines to stderr while waiting (default: only on a terminal)')
    .action(async (opts: { tenant: string; type: string; window?: string; wait: boolean; json?: boolean; progress?: boolean }) => {
      try {
        const env = loadEnv();
        const options = {
          tenantId: opts.tenant,
          type: opts.type as 'daily',
          window: opts.window,
          taskQueue: env.JIRA_DRIFT_TASK_QUEUE,
        };
        parseSnapshotOptions(options); // refuse bad input before connecting anywhere
        const client = await connectClient(env);
        const started = await startSnapshot(client, options);
        if (!opts.wait) {
          printResult({ workflowId: started.workflowId, windowStart: started.windowStart }, !!opts.json, () => `started ${started.workflowId}`);
        } else {
          const result = await waitWithProgress(started.handle, snapshotProgressQuery, renderSnapshotProgress, started.result(), {
            enabled: progressEnabled(opts.progress),
          });
          printResult({ workflowId: started.workflowId, windowStart: started.windowStart, ...result }, !!opts.json, () =>
            [
              `${result.status} ${started.workflowId}`,
              `  snapshot ${result.snapshotId}, ${result.objectCount ?? 0} objects, root ${result.rootHash ?? '-'}`,
              ...(result.reason ? [`  reason: ${result.reason}`] : []),
            ].join('\n'),
          );
        }
        await client.connection.close();
      } catch (err) {
        fail(err);
      }
    });

  registerBackfillCommand(snapshot);
}
