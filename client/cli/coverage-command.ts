// `jira-drift coverage`: every configuration type a snapshot captures (no server needed).
import type { Command } from 'commander';
import { coverageTable, describeCoverage } from '../coverage';
import { command, printResult } from './command-runner';

export function registerCoverageCommand(program: Command): void {
  program
    .command('coverage')
    .description('the configuration types a snapshot captures: endpoints, scopes, key pattern, what is normalised away')
    .option('--json', 'print JSON')
    .option('--markdown', 'print the README table')
    .action(
      command(async (_ctx, opts: { json?: boolean; markdown?: boolean }) => {
        const types = describeCoverage();
        printResult(types, !!opts.json, () =>
          opts.markdown
            ? coverageTable(types)
            : [...types.map((t) => `${t.type}\t${t.keyPattern}\t${t.endpoints.join(', ')}`), `${types.length} types`].join('\n'),
        );
      }),
    );
}
