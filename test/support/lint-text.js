// Lints source texts with the project's ESLint config, as if each were the file at `filePath`
// (ESLint's Node API, lintText). Run as a child process by test/unit/core/lint-rules.test.ts: ESLint
// loads eslint.config.mjs with import(), which Jest's module sandbox does not allow.
// stdin: JSON [{ code, filePath }]; stdout: JSON [{ filePath, messages: [{ ruleId, line, message }] }].
const path = require('node:path');
const { ESLint } = require('eslint');

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const fixtures = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const cwd = path.resolve(__dirname, '../..');
  const eslint = new ESLint({ cwd });
  const results = [];
  for (const { code, filePath } of fixtures) {
    const [result] = await eslint.lintText(code, { filePath: path.resolve(cwd, filePath) });
    results.push({
      filePath,
      messages: result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message })),
    });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
