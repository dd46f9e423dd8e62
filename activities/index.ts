// All activities of the service, bound to their dependencies.
import type { ActivityDeps } from './deps';
import { createSnapshotActivities } from './snapshot/snapshot-activities';
import { createQuotaActivities } from './snapshot/quota-activities';
import { createTokenActivities } from './credentials/token-activities';
import { createDriftActivities } from './drift/drift-activities';
import { createAuditActivities } from './drift/audit-activities';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createSnapshotActivities(deps),
    ...createQuotaActivities(deps),
    ...createTokenActivities(deps),
    ...createDriftActivities(deps),
    ...createAuditActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
