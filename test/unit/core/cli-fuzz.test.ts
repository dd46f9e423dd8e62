// Property-based fuzzing of the `jira-drift` command line, in process: thousands of generated argument
// lists over every command the program defines (read from commander itself, so a new command is fuzzed
// without touching this file). Each run either is refused with exit code 2 and one line on stderr —
// without contacting Temporal or PostgreSQL — or gets as far as contacting them (here the connection
// layer records the contact and fails, so nothing can be written), or prints help. Never an uncaught
// error, never a stack trace, never exit 1 without having tried to reach a server.
import fc from 'fast-check';
import type { Command, Option } from 'commander';

const contacts: string[] = [];
const refuse = (what: string) => {
  contacts.push(what);
  return Promise.reject(new Error(`connect ECONNREFUSED (${what} contacted by the fuzz run)`));
};

jest.mock('../../../temporal/connection', () => ({ connectClient: () => refuse('temporal') }));
jest.mock('../../../store/pool', () => {
  const actual = jest.requireActual('../../../store/pool');
  return {
    ...actual,
    createPool: () => ({ query: () => refuse('postgres'), connect: () => refuse('postgres'), end: () => Promise.resolve(), on: () => undefined }),
  };
});

// Imported after the mocks above for the reader; jest hoists jest.mock() above every import anyway.
import { buildProgram, runCli } from '../../../client/cli/main';
import { SecretBox } from '../../../store/secret-box';

const RUNS = 2500;

class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

interface Leaf {
  path: string[];
  args: number;
  options: Option[];
}

function leaves(command: Command, path: string[] = []): Leaf[] {
  const subs = command.commands as Command[];
  if (subs.length === 0) return [{ path, args: command.registeredArguments.length, options: command.options as Option[] }];
  return subs.flatMap((c) => leaves(c, [...path, c.name()]));
}

// Reading stdin would block the test; that path has its own tests (tenant-install).
const LEAVES = leaves(buildProgram()).map((l) => ({ ...l, options: l.options.filter((o) => o.long !== '--secrets-stdin') }));

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    'acme',
    'daily',
    'hourly',
    'weekly',
    'hourly,daily',
    '2026-11-25',
    '2026-11-25T13:00:00Z',
    '2026-13-45',
    '1',
    '0',
    '-1',
    '501',
    '1e3',
    'NaN',
    'https://acme.atlassian.net',
    'http://localhost',
    'not a url',
    '../etc/passwd',
    "x'; DROP TABLE tenants;--",
    '\u0430cme',
    'ACME',
    '',
    ' ',
    '--',
    '-',
    '--json',
    'a'.repeat(5000),
    'line1\nline2',
    '\u0000',
    '%s%n',
    '${HOME}',
  ),
);
/** Values a real operator would type, per option, so that many runs get past validation. */
const PLAUSIBLE: Record<string, string[]> = {
  '--tenant': ['acme', 'demo-2'],
  '--type': ['hourly', 'daily', 'weekly'],
  '--types': ['daily', 'hourly,daily'],
  '--window': ['2026-11-25', '2026-11-25T13:00:00Z'],
  '--from': ['2026-11-01'],
  '--to': ['2026-11-03'],
  '--since': ['2026-11-01'],
  '--until': ['2026-11-30'],
  '--page-size': ['10', '500'],
  '--scan': ['7'],
  '--site': ['https://acme.atlassian.net'],
  '--client-id': ['jira-drift-app'],
  '--redirect-uri': ['https://ops.example.com/callback'],
  '--note': ['maintenance'],
};
const valueFor = (o: Option) =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(PLAUSIBLE[o.long ?? ''] ?? ['x'])) }, { weight: 1, arbitrary: hostile });
const positional = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('acme', '42', '17..42') }, { weight: 1, arbitrary: hostile });

const extraToken = fc.oneof(hostile, fc.constantFrom('--help', '-h', '--version', '--unknown', '-x', '--tenant', '--type=daily', '--page-size=0'));

const argvFor = (leaf: Leaf) =>
  fc
    .tuple(
      fc.oneof(fc.constant(leaf.args), fc.nat({ max: leaf.args + 1 })).chain((n) => fc.array(positional, { minLength: n, maxLength: n })),
      // Usually every mandatory option, plus any others.
      fc
        .tuple(fc.subarray(leaf.options), fc.boolean())
        .map(([some, all]) => [...new Set([...(all ? leaf.options.filter((o) => o.mandatory) : []), ...some])]),
      fc.tuple(...leaf.options.map(valueFor)),
      fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(extraToken, { maxLength: 2 }) }),
    )
    .map(([positionals, options, values, extra]) => {
      const argv = [...leaf.path, ...positionals];
      for (const o of options) {
        argv.push(o.long ?? o.short!);
        if (o.required || o.optional) argv.push(values[leaf.options.indexOf(o)]!);
      }
      return [...argv, ...(extra as string[])];
    });
const anyArgv = fc.oneof(fc.constantFrom(...LEAVES).chain(argvFor), fc.array(extraToken, { maxLength: 4 }));

interface Outcome {
  code: number | undefined;
  stdout: string;
  stderr: string;
  contacts: string[];
  thrown?: unknown;
}

async function run(argv: string[]): Promise<Outcome> {
  contacts.length = 0;
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const exit = jest.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
    throw new ExitSignal(Number(code ?? 0));
  });
  try {
    await runCli(['node', 'jira-drift', ...argv]);
    return { code: undefined, stdout, stderr, contacts: [...contacts] };
  } catch (e) {
    if (e instanceof ExitSignal) return { code: e.code, stdout, stderr, contacts: [...contacts] };
    return { code: undefined, stdout, stderr, contacts: [...contacts], thrown: e };
  } finally {
    out.mockRestore();
    err.mockRestore();
    exit.mockRestore();
  }
}

const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, {
    DATABASE_URL: 'postgres://fuzz@127.0.0.1:1/none',
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    JIRA_AUTH_BASE_URL: 'http://127.0.0.1:1',
    JIRA_API_BASE_URL: 'http://127.0.0.1:1',
    JIRA_DRIFT_ENCRYPTION_KEYS: SecretBox.generateKeySpec('fuzz-k1'),
    JIRA_DRIFT_CLIENT_SECRET: 'fuzz-client-secret',
    JIRA_DRIFT_AUTHORIZATION_CODE: 'fuzz-authorization-code',
  });
});
afterAll(() => {
  process.env = saved;
});

test('every command is covered', () => {
  expect(LEAVES.map((l) => l.path.join(' ')).sort()).toEqual(
    expect.arrayContaining([
      'drift list',
      'drift scan',
      'drift show',
      'snapshot backfill',
      'snapshot start',
      'tenant install',
      'tenant list',
      'tenant show',
    ]),
  );
});

test('generated argument lists are refused cleanly before any contact, or reach the servers', async () => {
  const tally = { refused: 0, contacted: 0, help: 0 };
  await fc.assert(
    fc.asyncProperty(anyArgv, async (argv) => {
      const o = await run(argv);
      expect(o.thrown).toBeUndefined();
      const shown = o.stderr + o.stdout;
      expect(shown).not.toMatch(/^\s+at /m);
      expect(shown).not.toContain('fuzz-client-secret');
      expect(shown).not.toContain('fuzz-authorization-code');
      if (o.code === 2) {
        tally.refused++;
        expect(o.contacts).toEqual([]);
        const lines = o.stderr.split('\n').filter((l) => l.trim() !== '');
        // One line, or the usage screen of a command group named without a subcommand.
        if (!lines[0]?.startsWith('Usage: ')) expect(lines).toHaveLength(1);
      } else if (o.code === 1) {
        tally.contacted++;
        expect(o.contacts.length).toBeGreaterThan(0);
        expect(o.stderr.split('\n').filter((l) => l.trim() !== '')).toHaveLength(1);
      } else {
        // help, version, or a command group without a subcommand: output only, no contact.
        tally.help++;
        expect([0, undefined]).toContain(o.code);
        expect(o.contacts).toEqual([]);
      }
    }),
    { numRuns: RUNS },
  );
  // The generator must reach both sides, or the property says little.
  expect(tally.refused).toBeGreaterThan(RUNS / 3);
  expect(tally.contacted).toBeGreaterThan(RUNS / 50);
  process.stdout.write(`cli-fuzz: ${JSON.stringify(tally)}\n`);
}, 120_000);
