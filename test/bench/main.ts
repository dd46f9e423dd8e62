// `npm run bench -- <scenario> [--option value]`: runs one scenario on the real stack and prints one
// JSON object on its last line (contract in DESIGN.md; results recorded in BENCHMARKS.md).
import { benchDedup } from './dedup';
import { startBenchStack } from './bench-stack';
import { benchSnapshot } from './snapshot';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const [scenario, ...rest] = process.argv.slice(2);
  const scenarios = ['dedup', 'snapshot'];
  if (!scenario || !scenarios.includes(scenario)) {
    process.stderr.write(`usage: npm run bench -- <${scenarios.join('|')}> [options]\n`);
    process.exit(2);
  }
  const stack = await startBenchStack();
  try {
    let result: object;
    if (scenario === 'dedup') {
      result = await benchDedup(stack, { attempts: Number(option(rest, 'attempts', '1000')) });
    } else {
      result = await benchSnapshot(stack, { latencyMs: Number(option(rest, 'latency-ms', '25')), size: option(rest, 'size', 'large') });
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
