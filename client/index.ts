// jira-drift's programmatic API, one module per capability. Everything the `jira-drift` CLI does is
// here for programs too; the CLI (client/cli/) only parses arguments and prints.
export * from './snapshots'; // start or attach to a window's snapshot
export * from './snapshot-backfill'; // snapshot every window of a range
export * from './drift-scans'; // compare two snapshots on demand
export * from './drift-reads'; // list and show drift events, cursor-paginated
export { driftScanAuditLog, type DriftAttribution, type DriftScanAuditLog, type AuditRecordLink } from './drift-attribution'; // who changed it, and when
export { authorNames, type AuthorNames, type AuthorNameDeps } from './author-names'; // authors' display names, read from Jira at read time
export * from './tenant-lifecycle'; // install, status, pause/resume, remove
export * from './token-refresh'; // the tenant's token workflow: start, signal, status
export { connectClient } from '../temporal/connection';
export { InvalidInputError } from './errors';
