// Bundles workflow code once (for Docker images, test suites and benchmarks):
//   tsx workers/bundle-workflows.ts <out.js>
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

export async function bundleWorkflows(outFile: string): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, '..', 'workflows', 'index.ts'),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, code);
}

if (require.main === module) {
  const out = process.argv[2] ?? 'dist/workflow-bundle.js';
  bundleWorkflows(out).catch((err) => {
    process.stderr.write(`bundle failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
