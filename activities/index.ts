// All activities of the service, bound to their dependencies.
import type { ActivityDeps } from './deps';
import { createSnapshotActivities } from './snapshot/snapshot-activities';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createSnapshotActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
