// `jira-drift snapshot backfill`: snapshot every window of a range, oldest first, with progress.
import type { Command } from 'commander';
import { snapshotProgressQuery } from '../../workflows/snapshot-contract';
import { requireInstalledTenant } from '../installed-tenant';
import { backfillSnapshots, planBackfill } from '../snapshot-backfill';
import { command, printResult } from './command-runner';
import { progressEnabled, renderSnapshotProgress, waitWithProgress } from './progress';

export function registerBackfillCommand(snapshot: Command): void {
  snapshot
    .command('backfill')
    .description('snapshot every window starting in [--from, --to), oldest first; windows that have a snapshot are SKIPPED')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--type <type>', 'hourly | daily | weekly')
    .requiredOption('--from <iso>', 'first window (any instant or date inside it)')
    .requiredOption('--to <iso>', 'end of the range (exclusive)')
    .option('--progress', 'print progress lines to stderr (default: only on a terminal)')
    .option('--no-progress', 'no progress display')
    .option('--json', 'print JSON')
    .action(
      command(async (ctx, opts: { tenant: string; type: string; from: string; to: string; progress?: boolean; json?: boolean }) => {
        const options = { tenantId: opts.tenant, type: opts.type as 'daily', from: opts.from, to: opts.to, taskQueue: ctx.taskQueue };
        const plan = planBackfill(options); // refuse bad input before connecting anywhere
        const pool = ctx.optionalPool();
        if (pool) await requireInstalledTenant(pool, options.tenantId);
        const show = progressEnabled(opts.progress);
        const results = await backfillSnapshots(await ctx.temporal(), options, {
          onStart: async (start, index, total) => {
            await waitWithProgress(
              start.handle,
              snapshotProgressQuery,
              renderSnapshotProgress,
              start.result().catch(() => undefined),
              {
                enabled: show,
                label: `[${index + 1}/${total}] ${start.windowStart}`,
              },
            );
          },
        });
        printResult(results, !!opts.json, () =>
          [
            ...results.map((r) => `${r.status}\t${r.windowStart}\t${r.workflowId}\t${r.objectCount ?? 0} objects`),
            `${plan.windows.length} window(s)`,
          ].join('\n'),
        );
      }),
    );
}
