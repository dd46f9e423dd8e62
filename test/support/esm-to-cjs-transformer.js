// Jest (before Node 24.9) cannot require() ESM-only packages such as got; this transformer
// compiles those node_modules files to CommonJS with esbuild. Project TypeScript goes through ts-jest.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code, map };
  },
};
