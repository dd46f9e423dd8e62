// All activities of the service, bound to their dependencies.
import type { ActivityDeps } from './deps';
import { createSnapshotActivities } from './snapshot/snapshot-activities';
import { createTokenActivities } from './credentials/token-activities';
import { createDriftActivities } from './drift/drift-activities';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createSnapshotActivities(deps),
    ...createTokenActivities(deps),
    ...createDriftActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
