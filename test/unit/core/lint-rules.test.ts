// The lint fence around workflow code, proven on fixture texts linted by ESLint's Node API (lintText
// with a real path, so the project's eslint.config.mjs and its type-aware rules apply as in
// `npm run lint`): workflows/ and domain/ refuse Node built-ins, I/O packages, runtime imports of the
// I/O layers, Date.now() and Math.random(); `import type` from activities stays allowed. Then the
// import graph of workflows/: every module the workflow bundle can reach is behind the full fence.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');

interface LintMessage {
  ruleId: string | null;
  line: number;
  message: string;
}
interface LintResult {
  filePath: string;
  messages: LintMessage[];
}

/** Lints each text as the file at its path (relative to the repo root), in one child process. */
function lintTexts(fixtures: { code: string; filePath: string }[]): LintResult[] {
  const child = spawnSync(process.execPath, [path.join(ROOT, 'test/support/lint-text.js')], {
    cwd: ROOT,
    input: JSON.stringify(fixtures),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 240_000,
  });
  if (child.status !== 0) throw new Error(`lint-text.js failed (${child.status ?? child.signal}): ${child.stderr}`);
  return JSON.parse(child.stdout) as LintResult[];
}

const FENCE_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-properties']);

/** `line: rule` for every message of the fence rules, sorted by line. */
function fenceHits(result: LintResult): string[] {
  return result.messages.filter((m) => m.ruleId !== null && FENCE_RULES.has(m.ruleId)).map((m) => `${m.line}: ${m.ruleId}`);
}

const IMPORT = '@typescript-eslint/no-restricted-imports';
const PROPERTY = 'no-restricted-properties';

// Line N of each fixture is the Nth entry; `expected` says which rule must flag it.
const BAD_WORKFLOW: [string, string | undefined][] = [
  ["import { readFileSync } from 'node:fs';", IMPORT],
  ["import { createHash } from 'crypto';", IMPORT],
  ["import { writeFile } from 'fs/promises';", IMPORT],
  ["import { join } from 'path';", IMPORT],
  ["import { Pool } from 'pg';", IMPORT],
  ["import got from 'got';", IMPORT],
  ["import pino from 'pino';", IMPORT],
  ["import Fastify from 'fastify';", IMPORT],
  ["import { Connection } from '@temporalio/client';", IMPORT],
  ["import { createJiraClient } from '../jira-cloud';", IMPORT],
  ["import { SecretBox } from '../store/secret-box';", IMPORT],
  ["import { createActivities } from '../activities';", IMPORT],
  ["import { sha256Hex } from '../domain/hashing';", IMPORT],
  ['export const used = [readFileSync, createHash, writeFile, join, Pool, got, pino, Fastify, Connection];', undefined],
  ['export const usedToo = [createJiraClient, SecretBox, createActivities, sha256Hex];', undefined],
  ['export const now = Date.now();', PROPERTY],
  ['export const roll = Math.random();', PROPERTY],
];

const BAD_DOMAIN: [string, string | undefined][] = [
  ["import { readFileSync } from 'node:fs';", IMPORT],
  ["import { hostname } from 'os';", IMPORT],
  ["import { Pool } from 'pg';", IMPORT],
  ["import { createPool } from '../store/pool';", IMPORT],
  ["import type { Activities } from '../activities';", IMPORT],
  ["import { snapshotWorkflow } from '../workflows/snapshot';", IMPORT],
  ['export const used: unknown[] = [readFileSync, hostname, Pool, createPool, snapshotWorkflow];', undefined],
  ['export type Used = Activities;', undefined],
  ['export const stamp = () => Date.now();', PROPERTY],
  ['export const roll = () => Math.random();', PROPERTY],
];

const text = (lines: [string, string | undefined][]) => `${lines.map(([code]) => code).join('\n')}\n`;
const expectedHits = (lines: [string, string | undefined][]) => lines.flatMap(([, rule], i) => (rule === undefined ? [] : [`${i + 1}: ${rule}`]));

const GOOD_WORKFLOW = `import type { Activities } from '../activities';
import { proxyActivities } from '@temporalio/workflow';
import type { RootHasher } from '../domain/hashing';
import { workflowNowMs } from './workflow-clock';

export const activities = proxyActivities<Activities>({ startToCloseTimeout: '1 minute' });
export type Hasher = RootHasher;
export function fixtureClock(): number {
  return workflowNowMs();
}
`;

/** Outside the fence: I/O code may do I/O, but the type-aware promise rules hold everywhere. */
const PROMISES = `import { readFileSync } from 'node:fs';

async function work(): Promise<void> {
  await Promise.resolve(readFileSync);
}
export function run(): number {
  work();
  [1, 2].forEach(async () => {
    await work();
  });
  return Date.now();
}
// eslint-disable-next-line no-control-regex
export const CONTROL = /\\u0000/;
`;

/** Files reachable from workflows/ through runtime (not `import type`) relative imports. */
function workflowImportGraph(): Set<string> {
  const roots = fs
    .readdirSync(path.join(ROOT, 'workflows'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `workflows/${f}`);
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, false);
    for (const statement of source.statements) {
      let specifier: ts.Expression | undefined;
      if (ts.isImportDeclaration(statement)) {
        const clause = statement.importClause;
        const typeOnly =
          clause !== undefined &&
          (clause.isTypeOnly ||
            (clause.name === undefined &&
              clause.namedBindings !== undefined &&
              ts.isNamedImports(clause.namedBindings) &&
              clause.namedBindings.elements.length > 0 &&
              clause.namedBindings.elements.every((e) => e.isTypeOnly)));
        if (!typeOnly) specifier = statement.moduleSpecifier;
      } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
        specifier = statement.moduleSpecifier;
      }
      if (specifier === undefined || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
      const base = path.posix.join(path.posix.dirname(file), specifier.text);
      const resolved = [`${base}.ts`, `${base}/index.ts`, base].find(
        (candidate) => fs.existsSync(path.join(ROOT, candidate)) && candidate.endsWith('.ts'),
      );
      if (resolved === undefined) throw new Error(`${file}: cannot resolve ${specifier.text}`);
      queue.push(resolved);
    }
  }
  return seen;
}

describe('the workflow lint fence', () => {
  const graph = [...workflowImportGraph()].sort();
  const graphProbe = "import { createHash } from 'node:crypto';\nexport const probe = [createHash, Date.now(), Math.random()];\n";
  const named = new Map<string, LintResult>();
  const probed = new Map<string, LintResult>();

  beforeAll(() => {
    const fixtures = [
      { name: 'bad workflow', code: text(BAD_WORKFLOW), filePath: 'workflows/snapshot.ts' },
      { name: 'good workflow', code: GOOD_WORKFLOW, filePath: 'workflows/token-refresh.ts' },
      { name: 'bad domain', code: text(BAD_DOMAIN), filePath: 'domain/duration.ts' },
      {
        name: 'hashing',
        code: "import { createHash } from 'node:crypto';\nimport { statSync } from 'node:fs';\nexport const x = [createHash, statSync, Date.now()];\n",
        filePath: 'domain/hashing.ts',
      },
      { name: 'promises', code: PROMISES, filePath: 'jira-cloud/retry-after.ts' },
    ];
    const probes = graph.map((filePath) => ({ code: graphProbe, filePath }));
    const results = lintTexts([...fixtures, ...probes]);
    fixtures.forEach((f, i) => named.set(f.name, results[i]!));
    probes.forEach((p, i) => probed.set(p.filePath, results[fixtures.length + i]!));
  }, 240_000);

  test('a workflow importing Node built-ins, I/O packages or I/O layers, or calling Date.now()/Math.random(), fails', () => {
    expect(fenceHits(named.get('bad workflow')!)).toEqual(expectedHits(BAD_WORKFLOW));
    const messages = named.get('bad workflow')!.messages.map((m) => m.message);
    expect(messages.some((m) => m.includes("'node:fs'") && m.includes('activity'))).toBe(true);
    expect(messages.some((m) => m.includes('workflowNowMs()'))).toBe(true);
  });

  test('a workflow using `import type` from activities/ and domain/hashing passes with no message at all', () => {
    expect(named.get('good workflow')!.messages).toEqual([]);
  });

  test('domain/ is pure: no built-ins, I/O, I/O layers (not even their types), workflows, clock or randomness', () => {
    expect(fenceHits(named.get('bad domain')!)).toEqual(expectedHits(BAD_DOMAIN));
  });

  test('the hashing domain modules may use node:crypto and nothing else of Node', () => {
    expect(fenceHits(named.get('hashing')!)).toEqual([`2: ${IMPORT}`, `3: ${PROPERTY}`]);
  });

  test('outside the fence, I/O is fine but floating and misused promises and unexplained disables fail', () => {
    const rules = named.get('promises')!.messages.map((m) => `${m.line}: ${m.ruleId}`);
    expect(rules).toEqual([
      '7: @typescript-eslint/no-floating-promises',
      '8: @typescript-eslint/no-misused-promises',
      '13: @eslint-community/eslint-comments/require-description',
    ]);
  });

  test('every module the workflow bundle can reach is in workflows/ or domain/ and behind the full fence', () => {
    expect(graph).toContain('workflows/index.ts');
    expect(graph.filter((f) => !f.startsWith('workflows/') && !f.startsWith('domain/'))).toEqual([]);
    const unfenced = graph.filter((f) => fenceHits(probed.get(f)!).join() !== [`1: ${IMPORT}`, `2: ${PROPERTY}`, `2: ${PROPERTY}`].join());
    expect(unfenced).toEqual([]);
  });
});
