// `npm run bench -- <scenario> [--option value]`: runs one scenario on the real stack and prints one
// JSON object on its last line (contract in DESIGN.md; results recorded in BENCHMARKS.md).
import { benchAttribution } from './attribution';
import { benchDedup } from './dedup';
import { benchDrift } from './drift';
import { startBenchStack, type BenchStack } from './bench-stack';
import { benchSnapshot } from './snapshot';
import { benchQuotaFleet } from './quota';
import { benchSoak } from './soak';
import { benchTokens } from './tokens';
import { benchHerd } from './herd';

type Options = (name: string, fallback: string) => string;
const optionalNumber = (value: string) => (value === '' ? undefined : Number(value));

/** Bad arguments: one line, exit 2, before anything starts. */
function usage(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) usage(`${name} must be a positive integer`);
  return n;
}

const SCENARIOS: Record<string, (stack: BenchStack, option: Options) => Promise<object>> = {
  dedup: (stack, option) => benchDedup(stack, { attempts: Number(option('attempts', '1000')) }),
  attribution: (stack, option) =>
    benchAttribution(stack, { changes: Number(option('changes', '2000')), actors: Number(option('actors', '20')), size: option('size', 'small') }),
  snapshot: (stack, option) => {
    const latencyMs = Number(option('latency-ms', '25'));
    const points = optionalNumber(option('quota', ''));
    const quota = points === undefined ? undefined : { points, windowSeconds: Number(option('quota-window-seconds', '60')) };
    const tenants = Number(option('tenants', '1'));
    if (quota && tenants > 1) return benchQuotaFleet(stack, { tenants, size: option('size', 'small'), latencyMs, quota });
    return benchSnapshot(stack, { latencyMs, size: option('size', 'large'), quota });
  },
  soak: (stack, option) =>
    benchSoak(stack, {
      tenants: Number(option('tenants', '50')),
      minutes: Number(option('minutes', '10')),
      tickSeconds: Number(option('tick-seconds', '60')),
    }),
  drift: (stack, option) =>
    benchDrift(stack, {
      entries: Number(option('entries', '1000000')),
      pageSize: optionalNumber(option('page-size', '')),
      pagesPerActivity: optionalNumber(option('pages-per-activity', '')),
      activitiesPerRun: optionalNumber(option('activities-per-run', '')),
    }),
  herd: (stack, option) =>
    benchHerd(stack, {
      tenants: positive(option('tenants', '200'), '--tenants'),
      server: option('server', 'dev'),
      workers: positive(option('workers', '1'), '--workers'),
      size: positive(option('size', '24'), '--size'),
      jitterMs: Number(option('jitter-ms', '0')),
      baseline: option('baseline', 'true') !== 'false',
      timeoutSeconds: positive(option('timeout-seconds', '900'), '--timeout-seconds'),
    }),
  tokens: (stack, option) =>
    benchTokens(stack, {
      tenants: Number(option('tenants', '1000')),
      seconds: Number(option('seconds', '180')),
      snapshotLoops: Number(option('snapshot-loops', '2')),
      maxCachedWorkflows: optionalNumber(option('max-cached-workflows', '250')),
    }),
};

async function main(): Promise<void> {
  const [scenario, ...rest] = process.argv.slice(2);
  const run = scenario ? SCENARIOS[scenario] : undefined;
  if (!run) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(SCENARIOS).join('|')}> [options]\n`);
    process.exit(2);
  }
  const option: Options = (name, fallback) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 && rest[i + 1] !== undefined ? rest[i + 1]! : fallback;
  };
  // herd runs either server through the test stack's profiles; the others keep the dev server they ran on.
  const server = option('server', scenario === 'herd' ? 'dev' : '');
  if (server !== '' && server !== 'dev' && server !== 'postgres') usage('--server must be dev or postgres');
  // Arguments are checked before the stack starts (a bad one refuses without starting anything).
  if (scenario === 'herd') {
    positive(option('tenants', '200'), '--tenants');
    positive(option('workers', '1'), '--workers');
    const jitter = Number(option('jitter-ms', '0'));
    if (!Number.isInteger(jitter) || jitter < 0) usage('--jitter-ms must be a non-negative integer');
  }
  const stack = await startBenchStack(server ? { server: server } : {});
  try {
    const result = await run(stack, option).catch((err: unknown) => {
      // Said before the stack closes: a call still retrying on the closing connection may end the process first.
      process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      throw err;
    });
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
