// Jest runs CommonJS; ESM-only dependencies (got and its helpers) are compiled to CJS on the fly.
// Three projects: `unit` (pure logic, jira-sim, the Jira client against local servers) needs nothing
// running; `workflows` runs the workflow code with mocked activities on a `temporal` dev server each
// file starts itself; `integration` starts the real stack once (test/support/global-setup.ts).
const fs = require('node:fs');
const path = require('node:path');

/** Names of installed packages whose package.json says "type": "module". */
function esmPackages() {
  const root = path.join(__dirname, 'node_modules');
  const names = [];
  for (const entry of fs.readdirSync(root)) {
    const dirs = entry.startsWith('@') ? fs.readdirSync(path.join(root, entry)).map((d) => `${entry}/${d}`) : [entry];
    for (const name of dirs) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(root, name, 'package.json'), 'utf8'));
        if (pkg.type === 'module') names.push(name);
      } catch {
        /* not a package */
      }
    }
  }
  return names;
}

const escaped = esmPackages().map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));

const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
    '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs-transformer.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${escaped.join('|')})/)`],
};

module.exports = {
  // A global option: jest ignores testTimeout inside a project entry.
  testTimeout: 180_000,
  // Global option too: the suite-wide secret-leak scan runs after every other test file.
  testSequencer: '<rootDir>/test/support/secret-scan-last-sequencer.js',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/jira-sim/**/*.test.ts', '<rootDir>/test/replay/**/*.test.ts'],
    },
    {
      // Workflow logic with mocked activities: each file starts its own `temporal` dev server
      // (TestWorkflowEnvironment.createLocal on the binary scripts/ensure-temporal.sh provides).
      ...shared,
      displayName: 'workflows',
      testMatch: ['<rootDir>/test/workflows/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
