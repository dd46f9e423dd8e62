// The `jira-drift` command line. Secrets come from environment variables or stdin, never arguments.
import { Command, CommanderError } from 'commander';
import { fail } from './command-runner';
import { registerCoverageCommand } from './coverage-command';
import { registerDriftCommands } from './drift-commands';
import { registerQuotaCommand } from './quota-command';
import { registerSnapshotCommands } from './snapshot-commands';
import { registerTenantCommands } from './tenant-commands';

/** Control characters (line breaks included) shown as escapes, so an error is always one line. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are escaped
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1));
}

export function buildProgram(): Command {
  const program = new Command('jira-drift')
    .description('snapshot Jira Cloud configuration per tenant and report drift (Temporal workflows)')
    .showHelpAfterError(false)
    // Commander quotes the offending argument as typed: keep its error on one line whatever it holds.
    .configureOutput({ outputError: (text, write) => write(`${oneLine(text.replace(/\n$/, ''))}\n`) })
    .exitOverride();
  registerSnapshotCommands(program);
  registerDriftCommands(program);
  registerTenantCommands(program);
  registerCoverageCommand(program);
  registerQuotaCommand(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander already printed its one-line message (unknown option, missing argument, ...).
      process.exit(err.exitCode === 0 ? 0 : 2);
    }
    throw err;
  }
}

export function runCliAndExit(argv: string[]): void {
  runCli(argv).catch(fail);
}

if (require.main === module) runCliAndExit(process.argv);
