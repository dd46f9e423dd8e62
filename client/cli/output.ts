// CLI output helpers: results on stdout, one-line errors on stderr, never a stack trace.
import { InvalidInputError } from '../errors';

export function printResult(value: unknown, asJson: boolean, human: () => string): void {
  process.stdout.write(asJson ? `${JSON.stringify(value)}\n` : `${human()}\n`);
}

/** Exit codes: 2 = the input was refused, 1 = the operation failed. */
export function fail(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split('\n')[0] ?? 'unknown error';
  process.stderr.write(`jira-drift: ${firstLine}\n`);
  process.exit(err instanceof InvalidInputError ? 2 : 1);
}
