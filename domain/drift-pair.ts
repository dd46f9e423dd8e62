// Which two snapshots a drift scan may compare: two different, complete snapshots of one tenant and one
// snapshot type, the base's window earlier than the target's. One rule for the scan activity (which
// refuses a bad pair whoever started the scan) and the CLI (which refuses it before starting anything).
export interface SnapshotFacts {
  id: string;
  status: string;
  type: string;
  /** Canonical window start, e.g. 2026-11-25T00:00:00Z (comparable as text). */
  windowStart: string;
}

export function driftPairProblem(
  tenantId: string,
  baseId: string,
  targetId: string,
  base: SnapshotFacts | undefined,
  target: SnapshotFacts | undefined,
): string | undefined {
  if (baseId === targetId) return 'a snapshot cannot be compared with itself';
  for (const [id, snap] of [
    [baseId, base],
    [targetId, target],
  ] as const) {
    if (!snap) return `snapshot ${id} does not exist for tenant ${tenantId}`;
    if (snap.status !== 'complete') return `snapshot ${id} is ${snap.status}, not complete`;
  }
  if (base!.type !== target!.type) {
    return `snapshot ${baseId} is ${base!.type} and snapshot ${targetId} is ${target!.type}: drift compares snapshots of one type`;
  }
  if (Date.parse(base!.windowStart) >= Date.parse(target!.windowStart)) {
    return `base snapshot ${baseId} (${base!.windowStart}) must be earlier than target snapshot ${targetId} (${target!.windowStart})`;
  }
  return undefined;
}
