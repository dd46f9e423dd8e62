// Workflow code for Worker.create: a prebuilt bundle when WORKFLOW_BUNDLE_PATH is set (production
// images and test suites bundle once), otherwise the sources, bundled at start-up.
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../config/env';

export function workflowSource(env: Pick<Env, 'WORKFLOW_BUNDLE_PATH'>): { workflowBundle: { code: string } } | { workflowsPath: string } {
  if (env.WORKFLOW_BUNDLE_PATH) return { workflowBundle: { code: fs.readFileSync(env.WORKFLOW_BUNDLE_PATH, 'utf8') } };
  return { workflowsPath: path.join(__dirname, '..', 'workflows', 'index.ts') };
}
