// Property-based fuzzing of the environment configuration (config/env.ts): thousands of generated
// environments give either a parsed configuration inside the documented bounds, or one Error whose
// message is a single line starting with `invalid environment configuration:`, names every offending
// key, carries no stack trace and never echoes a secret. The entry points print that line and exit
// non-zero instead of crashing with a stack trace.
import fc from 'fast-check';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { loadEnv, type Env } from '../../config/env';

const RUNS = 2000;
const ROOT = path.join(__dirname, '..', '..');
const PREFIX = 'invalid environment configuration:';
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** Integer-valued keys and their documented bounds (README / config/env.ts). */
const INTEGER_KEYS = {
  JIRA_CONCURRENCY: [1, 32],
  JIRA_TIMEOUT_MS: [100, 300_000],
  JIRA_TOKEN_MIN_VALIDITY_MS: [1000, 3_600_000],
  CODEC_SERVER_PORT: [0, 65535],
  METRICS_PORT: [0, 65535],
  HEALTH_PORT: [0, 65535],
  JIRA_QUOTA_POINTS: [500, 1_000_000_000],
  JIRA_QUOTA_WINDOW_SECONDS: [1, 86_400],
} as const;
type IntegerKey = keyof typeof INTEGER_KEYS;
const URL_KEYS = ['DATABASE_URL', 'JIRA_API_BASE_URL', 'JIRA_AUTH_BASE_URL'] as const;
const FREE_TEXT_KEYS = [
  'JIRA_DRIFT_DATA_DIR',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TLS_CERT_PATH',
  'TEMPORAL_TLS_KEY_PATH',
  'CODEC_CORS_ORIGINS',
  'CODEC_SERVER_HOST',
  'WORKFLOW_BUNDLE_PATH',
] as const;
const SECRET_KEYS = ['JIRA_DRIFT_ENCRYPTION_KEYS', 'JIRA_DRIFT_PAYLOAD_KEYS', 'TEMPORAL_API_KEY', 'CODEC_SERVER_AUTHORIZATION'] as const;
const KNOWN_KEYS = new Set<string>([
  ...Object.keys(INTEGER_KEYS),
  ...URL_KEYS,
  ...FREE_TEXT_KEYS,
  ...SECRET_KEYS,
  'JIRA_DRIFT_TASK_QUEUE',
  'JIRA_DRIFT_SCHEDULE_JITTER',
  'LOG_LEVEL',
  'JIRA_QUOTA_TIER',
]);

/** Recognisable secret material: a marker no schema message contains plus 20 random hex digits. */
const secretToken = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 20, maxLength: 20 }).map((hex) => `S3CR3T${hex}`);

const hugeText = fc.constantFrom('x'.repeat(100_000), '1'.repeat(50_000), '\u{1F600}'.repeat(20_000), 'a\n'.repeat(5_000));
const oddText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '\n',
    'line1\nline2',
    'a\r\nb',
    '    at Object.<anonymous> (/x.ts:1:1)',
    '\u2028',
    '\u0000',
    'null',
    'undefined',
    'true',
    '${HOME}',
  ),
);

/** Numbers as an operator might mistype them: out of range, negative, floats, NaN text, odd notations. */
const numberText = fc.oneof(
  fc.integer({ min: -100_000, max: 4_000_000 }).map(String),
  fc.integer().map(String),
  fc.double().map(String),
  fc.double({ min: -10, max: 100, noNaN: true }).map((d) => d.toFixed(2)),
  fc.constantFrom(
    'abc',
    'NaN',
    'Infinity',
    '-Infinity',
    '',
    ' ',
    '0x10',
    '1e3',
    '+5',
    ' 7 ',
    '4.0',
    '-0',
    '00004',
    '\u0663',
    '\uFF11\uFF12',
    '9'.repeat(400),
    '3;rm -rf /',
    '12abc',
  ),
  oddText,
  hugeText,
);

/** URL-ish values: real URLs, near misses, and non-URLs. */
const urlText = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    'http://localhost:3000',
    'https://api.atlassian.com',
    'localhost:5432',
    'not a url',
    '://missing-scheme',
    'http://',
    'http//x',
    'https://exa mple.com',
    'ftp:',
    '',
    ' ',
    'postgres://u@/db',
    'mailto:x@y',
  ),
  oddText,
  hugeText,
);

/**
 * A key's value: mostly well-formed or unset, sometimes hostile, so that whole environments are accepted
 * often enough (about a third) for the bounds on parsed values to be checked, and refused the rest.
 */
const valueOf = (good: fc.Arbitrary<string>, hostile: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 16, arbitrary: good }, { weight: 5, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: hostile });
const integerValue = ([min, max]: readonly [number, number]) => valueOf(fc.integer({ min, max }).map(String), numberText);

interface Case {
  env: Record<string, string | undefined>;
  secrets: string[];
  extras: Record<string, string>;
}

/** One environment: every known key maybe set to a hostile value, secrets planted, unknown keys added. */
const envCase: fc.Arbitrary<Case> = fc
  .record({
    integers: fc.record(
      Object.fromEntries(Object.entries(INTEGER_KEYS).map(([k, bounds]) => [k, integerValue(bounds)])) as Record<
        IntegerKey,
        fc.Arbitrary<string | undefined>
      >,
    ),
    urls: fc.record({ JIRA_API_BASE_URL: valueOf(fc.webUrl(), urlText), JIRA_AUTH_BASE_URL: valueOf(fc.webUrl(), urlText) }),
    freeText: fc.record(
      Object.fromEntries(FREE_TEXT_KEYS.map((k) => [k, valueOf(fc.string({ maxLength: 40 }), fc.oneof(oddText, hugeText))])) as Record<
        string,
        fc.Arbitrary<string | undefined>
      >,
    ),
    taskQueue: valueOf(fc.string({ minLength: 1, maxLength: 30 }), oddText),
    logLevel: valueOf(
      fc.constantFrom(...LOG_LEVELS),
      fc.oneof(fc.constantFrom('INFO', 'Info', ' info', 'info\n', 'verbose', 'warning', ''), oddText),
    ),
    // Secret-valued keys: the token alone, or wrapped in a plausible spec, or multi-line.
    secretKeys: fc.tuple(secretToken, secretToken, secretToken, fc.constantFrom('plain', 'spec', 'multiline')),
    // DATABASE_URL: a well-formed URL or a broken one, always carrying a password.
    dbPassword: secretToken,
    dbForm: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('valid', 'absent') },
      { weight: 1, arbitrary: fc.constantFrom('no-scheme', 'space-in-host', 'bad-port', 'newline') },
    ),
    // An operator who pastes a secret into the wrong variable: it becomes that variable's (invalid) value.
    misplaced: fc.oneof(
      { weight: 7, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.tuple(
          secretToken,
          fc.constantFrom<string>('LOG_LEVEL', 'JIRA_CONCURRENCY', 'JIRA_API_BASE_URL', 'METRICS_PORT', 'JIRA_TIMEOUT_MS'),
        ),
      },
    ),
    extras: fc.dictionary(
      fc
        .oneof(
          fc.string({ minLength: 1, maxLength: 30 }),
          fc.constantFrom('jira_concurrency', 'LOG_LEVEL ', 'DATABASE_URL_2', 'JIRA_DRIFT_CLIENT_SECRET', '__proto__', 'constructor'),
        )
        .filter((k) => !KNOWN_KEYS.has(k)),
      fc.oneof(oddText, secretToken),
      { maxKeys: 6 },
    ),
  })
  .map((g) => {
    const [a, b, c, form] = g.secretKeys;
    const wrap = (t: string) => (form === 'spec' ? `k1:${t},k0:${t}old` : form === 'multiline' ? `${t}\n${t}` : t);
    const secrets = [a, b, c, g.dbPassword];
    const env: Record<string, string | undefined> = {
      ...g.integers,
      ...g.urls,
      ...g.freeText,
      JIRA_DRIFT_TASK_QUEUE: g.taskQueue,
      LOG_LEVEL: g.logLevel,
      JIRA_DRIFT_ENCRYPTION_KEYS: wrap(a),
      JIRA_DRIFT_PAYLOAD_KEYS: wrap(b),
      TEMPORAL_API_KEY: wrap(c),
    };
    const pw = g.dbPassword;
    const db: Record<string, string | undefined> = {
      valid: `postgres://jira:${pw}@127.0.0.1:5432/jira_drift`,
      'no-scheme': `://jira:${pw}@127.0.0.1:5432/jira_drift`,
      'space-in-host': `postgres://jira:${pw}@db host/jira_drift`,
      'bad-port': `http://jira:${pw}@127.0.0.1:99999/jira_drift`,
      newline: `postgres://jira:${pw}@127.0.0.1:5432/jira_drift\n    at evil`,
      absent: undefined,
    };
    env.DATABASE_URL = db[g.dbForm];
    if (g.misplaced) {
      const [token, key] = g.misplaced;
      env[key] = `${token}\n`; // never valid for these keys: not a number, not a level, no URL scheme
      secrets.push(token);
    }
    return { env, secrets, extras: g.extras };
  });

type Verdict = 'valid' | 'invalid' | 'either';

function urlParses(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * What the documented bounds say about one value, independently of zod: plain decimal integers in range
 * are valid, text that is not a number at all and plain decimals out of range or with a fraction are
 * invalid; notations the documentation says nothing about (hex, exponent, blanks, signs) may go either way.
 */
function integerVerdict(value: string | undefined, [min, max]: readonly [number, number]): Verdict {
  if (value === undefined) return 'valid';
  const n = Number(value);
  if (/^\d{1,9}$/.test(value)) return n >= min && n <= max ? 'valid' : 'invalid';
  if (Number.isNaN(n)) return 'invalid';
  if (/^-?\d+(\.\d+)?$/.test(value) && (!Number.isInteger(n) || n < min || n > max)) return 'invalid';
  return 'either';
}

function verdicts(env: Record<string, string | undefined>): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  for (const [key, bounds] of Object.entries(INTEGER_KEYS)) out.set(key, integerVerdict(env[key], bounds));
  for (const key of URL_KEYS) out.set(key, env[key] === undefined || urlParses(env[key]) ? 'valid' : 'invalid');
  out.set('LOG_LEVEL', env.LOG_LEVEL === undefined || LOG_LEVELS.includes(env.LOG_LEVEL) ? 'valid' : 'invalid');
  out.set('JIRA_QUOTA_TIER', env.JIRA_QUOTA_TIER === undefined || ['global', 'tenant'].includes(env.JIRA_QUOTA_TIER) ? 'valid' : 'invalid');
  out.set('JIRA_DRIFT_TASK_QUEUE', env.JIRA_DRIFT_TASK_QUEUE === undefined || env.JIRA_DRIFT_TASK_QUEUE.length > 0 ? 'valid' : 'invalid');
  for (const key of [...FREE_TEXT_KEYS, ...SECRET_KEYS]) out.set(key, 'valid');
  return out;
}

/** Names the key as the subject of a problem (`KEY: ...` at the start of the list or after `; `). */
function namesKey(message: string, key: string): boolean {
  return message.startsWith(`${PREFIX} ${key}: `) || message.includes(`; ${key}: `);
}

function expectWithinBounds(parsed: Env, env: Record<string, string | undefined>): void {
  for (const [key, [min, max]] of Object.entries(INTEGER_KEYS)) {
    const value = parsed[key as IntegerKey];
    if (value === undefined) {
      // Only the optional ports and the quota may stay unset, and only when not given or given as blank (= off).
      expect(env[key] === undefined || env[key].trim() === '').toBe(true);
      continue;
    }
    expect(Number.isInteger(value)).toBe(true);
    expect(value).toBeGreaterThanOrEqual(min);
    expect(value).toBeLessThanOrEqual(max);
    if (env[key] !== undefined && /^\d{1,9}$/.test(env[key])) expect(value).toBe(Number(env[key]));
  }
  for (const key of URL_KEYS) {
    const value = parsed[key];
    if (value !== undefined) expect(urlParses(value)).toBe(true);
  }
  expect(LOG_LEVELS).toContain(parsed.LOG_LEVEL);
  expect(parsed.JIRA_DRIFT_TASK_QUEUE.length).toBeGreaterThan(0);
  // Documented defaults for keys that were not set.
  const defaults: Record<string, unknown> = {
    JIRA_CONCURRENCY: 4,
    JIRA_TIMEOUT_MS: 30_000,
    LOG_LEVEL: 'info',
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    TEMPORAL_NAMESPACE: 'default',
    JIRA_DRIFT_TASK_QUEUE: 'jira-drift',
    JIRA_API_BASE_URL: 'https://api.atlassian.com',
    JIRA_AUTH_BASE_URL: 'https://auth.atlassian.com',
    CODEC_SERVER_PORT: 8888,
    CODEC_SERVER_HOST: '127.0.0.1',
    JIRA_QUOTA_WINDOW_SECONDS: 3600,
    JIRA_QUOTA_TIER: 'global',
    JIRA_DRIFT_SCHEDULE_JITTER: 300_000,
  };
  for (const [key, value] of Object.entries(defaults)) if (env[key] === undefined) expect(parsed[key as keyof Env]).toBe(value);
  // Unknown keys never come through.
  for (const key of Object.keys(parsed)) expect(KNOWN_KEYS.has(key)).toBe(true);
}

function expectCleanMessage(message: string, secrets: string[]): void {
  expect(message.startsWith(PREFIX)).toBe(true);
  expect(message).not.toMatch(/[\r\n\u2028\u2029]/); // one line
  expect(message).not.toContain('    at ');
  expect(message.length).toBeLessThan(4000); // no huge value echoed back
  for (const secret of secrets) expect(message).not.toContain(secret);
}

type Outcome = { ok: true; env: Env } | { ok: false; message: string };

function outcome(env: Record<string, string | undefined>): Outcome {
  try {
    return { ok: true, env: loadEnv(env) };
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    expect(Object.getPrototypeOf(err)).toBe(Error.prototype); // a plain Error, not a ZodError with the input attached
    return { ok: false, message: (err as Error).message };
  }
}

test('a fuzzed environment parses within the documented bounds or fails with one clean line naming each bad key', () => {
  let accepted = 0;
  let refused = 0;
  fc.assert(
    fc.property(envCase, ({ env, secrets, extras }) => {
      const expected = verdicts(env);
      const result = outcome({ ...extras, ...env });
      if (result.ok) {
        accepted++;
        for (const [key, verdict] of expected)
          if (verdict === 'invalid') throw new Error(`accepted invalid ${key}=${JSON.stringify(env[key])?.slice(0, 80)}`);
        expectWithinBounds(result.env, env);
        return;
      }
      refused++;
      expectCleanMessage(result.message, secrets);
      for (const [key, verdict] of expected) {
        if (verdict === 'invalid') expect(namesKey(result.message, key)).toBe(true);
        if (verdict === 'valid') expect(namesKey(result.message, key)).toBe(false);
      }
      expect([...expected.values()].some((v) => v !== 'valid')).toBe(true); // refused only for a reason
      // Unknown keys change nothing: the same environment without them gives the same outcome.
      const without = outcome(env);
      expect(without.ok).toBe(false);
      if (!without.ok) expect(without.message).toBe(result.message);
    }),
    { numRuns: RUNS },
  );
  // The generators must exercise both sides, or the property says little.
  expect(accepted).toBeGreaterThan(RUNS / 10);
  expect(refused).toBeGreaterThan(RUNS / 3);
});

test('a single bad value among good ones is refused naming exactly that key', () => {
  const good = {
    DATABASE_URL: 'postgres://jira:pw@127.0.0.1:5432/jira_drift',
    JIRA_API_BASE_URL: 'http://127.0.0.1:4010',
    JIRA_AUTH_BASE_URL: 'http://127.0.0.1:4010',
    JIRA_CONCURRENCY: '8',
    JIRA_TIMEOUT_MS: '5000',
    METRICS_PORT: '9464',
    HEALTH_PORT: '8080',
    LOG_LEVEL: 'warn',
  };
  const knownBad = fc.oneof(
    fc.record({ key: fc.constantFrom<string>('JIRA_CONCURRENCY'), value: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 33 })).map(String) }),
    fc.record({
      key: fc.constantFrom<string>('JIRA_TIMEOUT_MS'),
      value: fc.oneof(fc.integer({ max: 99 }), fc.integer({ min: 300_001 })).map(String),
    }),
    fc.record({
      key: fc.constantFrom<string>('METRICS_PORT', 'HEALTH_PORT', 'CODEC_SERVER_PORT'),
      value: fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 65536 })).map(String),
    }),
    fc.record({
      key: fc.constantFrom<string>(...Object.keys(INTEGER_KEYS)),
      value: fc.double({ noInteger: true, noDefaultInfinity: true }).map(String),
    }),
    fc.record({ key: fc.constantFrom<string>(...URL_KEYS), value: fc.string().filter((s) => !urlParses(s)) }),
    fc.record({ key: fc.constantFrom<string>('LOG_LEVEL'), value: fc.string().filter((s) => !LOG_LEVELS.includes(s)) }),
  );
  fc.assert(
    fc.property(knownBad, secretToken, ({ key, value }, secret) => {
      const env = { ...good, TEMPORAL_API_KEY: secret, JIRA_DRIFT_PAYLOAD_KEYS: `p1:${secret}`, [key]: value };
      const result = outcome(env);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expectCleanMessage(result.message, [secret]);
      expect(result.message.startsWith(`${PREFIX} ${key}: `)).toBe(true);
      for (const other of KNOWN_KEYS) if (other !== key) expect(namesKey(result.message, other)).toBe(false);
    }),
    { numRuns: RUNS },
  );
});

test('a value that is not in the LOG_LEVEL enum is not echoed back (it may be a pasted secret, or span lines)', () => {
  const secret = 'k1:S3CR3Tdeadbeefdeadbeefdead';
  const result = outcome({ LOG_LEVEL: `${secret}\n    at Object.<anonymous> (/app/x.ts:1:1)` });
  expect(result).toEqual({ ok: false, message: `${PREFIX} LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}` });
});

describe('entry points with a bad environment print one line on stderr and exit non-zero', () => {
  const secret = 'S3CR3T0123456789abcdef0123';
  const badEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    JIRA_CONCURRENCY: 'abc',
    DATABASE_URL: `postgres://jira:${secret}db@127.0.0.1:1/none`,
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    TEMPORAL_API_KEY: `${secret}api`,
    JIRA_DRIFT_ENCRYPTION_KEYS: `k1:${secret}enc`,
    JIRA_DRIFT_PAYLOAD_KEYS: `p1:${secret}payload`,
  };

  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, args, { cwd: ROOT, env: badEnv, timeout: 30_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
      });
    });
  }

  test.concurrent.each([
    ['worker', ['--import', 'tsx', 'workers/main.ts']],
    ['codec server', ['--import', 'tsx', 'workers/codec-server.ts']],
    ['migrate', ['--import', 'tsx', 'store/migrate-cli.ts']],
    ['register-search-attributes', ['--import', 'tsx', 'scripts/register-search-attributes.ts']],
    ['jira-drift CLI', ['bin/jira-drift.js', 'tenant', 'list']],
  ])('%s', async (_name, args) => {
    const { code, stdout, stderr } = await run(args);
    expect(typeof code).toBe('number');
    expect(code).not.toBe(0);
    const lines = stderr.split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${PREFIX} JIRA_CONCURRENCY: `);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout + stderr).not.toContain(secret);
  });
});

test('an optional port set to nothing means off, not port 0 (a random port)', () => {
  for (const blank of ['', ' ', '\t']) {
    const env = loadEnv({ METRICS_PORT: blank, HEALTH_PORT: blank });
    expect(env.METRICS_PORT).toBeUndefined();
    expect(env.HEALTH_PORT).toBeUndefined();
  }
  expect(loadEnv({ METRICS_PORT: '0' }).METRICS_PORT).toBe(0);
});
