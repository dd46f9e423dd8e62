// `jira-drift quota`: each points pool's use in its current window, the estimate per tenant and the
// snapshots waiting for quota (and until when). Reads the ledger only (store/quota-store.ts).
import type { Command } from 'commander';
import { describeQuota, type PoolReport } from '../../store/quota-store';
import { command, printResult } from './command-runner';

function describePool(p: PoolReport): string {
  const lines = [
    `${p.pool} (${p.tier === 'global' ? 'Tier 1' : 'Tier 2'}): ${p.used}/${p.pointsPerWindow} points in ${p.window.start} – ${p.window.end}` +
      (p.observed ? `; Jira says ${p.observed.remaining} left until ${p.observed.reset}` : ''),
    ...p.tenants.map((t) => `  ${t.tenantId}\tused ${t.usedThisWindow}\testimate ${t.estimate ?? 'unknown (no complete snapshot)'}`),
    ...p.waiting.map((w) => `  waiting: ${w.tenantId} snapshot ${w.snapshotId} ${w.configType} until ${w.until}`),
  ];
  return lines.join('\n');
}

export function registerQuotaCommand(program: Command): void {
  program
    .command('quota')
    .description("Jira points quota: each pool's use this window, the estimate per tenant, snapshots waiting")
    .option('--json', 'print JSON')
    .action(
      command(async (ctx, opts: { json?: boolean }) => {
        const pools = await describeQuota(ctx.pool());
        printResult(pools, !!opts.json, () =>
          pools.length === 0 ? 'no quota pools (JIRA_QUOTA_POINTS is not set, or nothing has read yet)' : pools.map(describePool).join('\n'),
        );
      }),
    );
}
