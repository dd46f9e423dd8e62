// Every workflow type the worker registers. Workflow code is deterministic orchestration only.
export { snapshotWorkflow } from './snapshot';
export { tokenRefreshWorkflow } from './token-refresh';
export { driftScanWorkflow } from './drift-scan';
export { scheduledSnapshotWorkflow } from './scheduled-snapshot';
