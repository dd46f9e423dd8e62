// Jest runs CommonJS; ESM-only dependencies (got and its helpers) are compiled to CJS on the fly.
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

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
    '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs-transformer.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${escaped.join('|')})/)`],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
};
