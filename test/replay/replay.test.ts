// Replays every recorded history against the current workflow code: a non-deterministic change
// (one that would break executions already running in production) fails here. Use patched() for
// intentional behaviour changes, then record a new history next to the old ones.
// The workflow code is bundled once for the file; every history replays against that one bundle.
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';

const HISTORIES = path.join(__dirname, 'histories');
const WORKFLOWS = path.join(__dirname, '..', '..', 'workflows', 'index.ts');
/**
 * History file → the workflow id it ran under (workflows validate their own id): the first histories'
 * ids are in workflow-ids.json; each later one has a sidecar `<name>.workflow-id`, so adding a history
 * never edits a recorded file.
 */
const entries = fs.readdirSync(HISTORIES);
const sidecars = entries.filter((f) => f.endsWith('.workflow-id'));
const WORKFLOW_IDS: Record<string, string> = {
  ...JSON.parse(fs.readFileSync(path.join(HISTORIES, 'workflow-ids.json'), 'utf8')),
  ...Object.fromEntries(sidecars.map((f) => [f.replace(/\.workflow-id$/, '.json'), fs.readFileSync(path.join(HISTORIES, f), 'utf8').trim()])),
};
const files = entries.filter((f) => f.endsWith('.json') && f !== 'workflow-ids.json');
const WORKFLOW_TYPES = ['driftScanWorkflow', 'scheduledSnapshotWorkflow', 'snapshotWorkflow', 'tokenRefreshWorkflow'];
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS, logger: quiet });
});

test('histories are recorded for every workflow type, each with its workflow id', () => {
  const types = new Set(files.map((f) => f.split('-')[0]));
  expect([...types].sort()).toEqual([...WORKFLOW_TYPES].sort());
  expect(Object.keys(WORKFLOW_IDS).sort()).toEqual([...files].sort());
});

test.each(files)('replays %s deterministically', async (file) => {
  const history = JSON.parse(fs.readFileSync(path.join(HISTORIES, file), 'utf8'));
  await Worker.runReplayHistory({ workflowBundle, replayName: file }, history, WORKFLOW_IDS[file]);
});
