// Workflow code for Worker.create: a prebuilt bundle when WORKFLOW_BUNDLE_PATH is set (production
// images and test suites bundle once), otherwise the sources, bundled at start-up.
import fs from 'node:fs';
import path from 'node:path';

export function workflowSource(): { workflowBundle: { code: string } } | { workflowsPath: string } {
  const bundlePath = process.env.WORKFLOW_BUNDLE_PATH;
  if (bundlePath) return { workflowBundle: { code: fs.readFileSync(bundlePath, 'utf8') } };
  return { workflowsPath: path.join(__dirname, '..', 'workflows', 'index.ts') };
}
