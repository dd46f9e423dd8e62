// `jira-drift snapshot ...`: start (or attach to) a window's snapshot.
import type { Command } from 'commander';
import { snapshotProgressQuery } from '../../workflows/snapshot-contract';
import { requireInstalledTenant } from '../installed-tenant';
import { parseSnapshotOptions, startSnapshot } from '../snapshots';
import { registerBackfillCommand } from './backfill-command';
import { command, printResult } from './command-runner';
import { progressEnabled, renderSnapshotProgress, waitWithProgress } from './progress';

export function registerSnapshotCommands(program: Command): void {
  const snapshot = program.command('snapshot').description("snapshot a tenant's Jira configuration");

  snapshot
    .command('start')
    .description('start the snapshot of one window (or attach to it); prints the result')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--type <type>', 'hourly | daily | weekly')
    .option('--window <iso>', 'any instant or date inside the window (default: now)')
    .option('--no-wait', 'return once started instead of waiting for the result')
    .option('--json', 'print JSON')
    .option('--progress', 'print progress lines to stderr while waiting (default: only on a terminal)')
    .action(
      command(async (ctx, opts: { tenant: string; type: string; window?: string; wait: boolean; json?: boolean; progress?: boolean }) => {
        const options = { tenantId: opts.tenant, type: opts.type as 'daily', window: opts.window, taskQueue: ctx.taskQueue };
        parseSnapshotOptions(options); // refuse bad input before connecting anywhere
        // With the store at hand, an unknown tenant is refused before a workflow exists to fail.
        const pool = ctx.optionalPool();
        if (pool) await requireInstalledTenant(pool, options.tenantId);
        const started = await startSnapshot(await ctx.temporal(), options);
        if (!opts.wait) {
          printResult({ workflowId: started.workflowId, windowStart: started.windowStart }, !!opts.json, () => `started ${started.workflowId}`);
          return;
        }
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
      }),
    );

  registerBackfillCommand(snapshot);
}
