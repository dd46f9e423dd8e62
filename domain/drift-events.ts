// What one differing entry pair means as a drift event: added, removed or modified, and for a
// modification the JSON pointers that changed between the two canonical bodies. Pure.
import type { Json } from './canonical-json';
import { changedPaths } from './json-pointer-diff';

export type DriftChange = 'added' | 'removed' | 'modified';

/** Running totals of a drift scan: entries compared and events of each kind. */
export interface DriftTotals {
  compared: number;
  added: number;
  removed: number;
  modified: number;
}

export interface EntryDifference {
  key: string;
  beforeType: string | null;
  afterType: string | null;
  beforeHash: string | null;
  afterHash: string | null;
}

export interface DriftEventDraft {
  key: string;
  objectType: string;
  change: DriftChange;
  beforeHash: string | null;
  afterHash: string | null;
  changedPaths: string[];
}

export function classifyDifference(d: EntryDifference): DriftChange {
  if (d.beforeHash === null && d.afterHash !== null) return 'added';
  if (d.beforeHash !== null && d.afterHash === null) return 'removed';
  if (d.beforeHash !== null && d.afterHash !== null && d.beforeHash !== d.afterHash) return 'modified';
  throw new Error(`entry ${d.key} does not differ`);
}

/**
 * Builds the event for one differing entry. `bodyOf` returns the canonical text stored for a hash;
 * a modified entry whose body is missing is an integrity error (the store is content-addressed and
 * bodies are written before entries), so it throws rather than record an event without its paths.
 */
export function draftDriftEvent(d: EntryDifference, bodyOf: (hash: string) => string | undefined): DriftEventDraft {
  const change = classifyDifference(d);
  const objectType = (d.afterType ?? d.beforeType) as string;
  if (change !== 'modified') return { key: d.key, objectType, change, beforeHash: d.beforeHash, afterHash: d.afterHash, changedPaths: [] };
  const before = bodyOf(d.beforeHash!);
  const after = bodyOf(d.afterHash!);
  if (before === undefined || after === undefined) {
    throw new Error(`stored body missing for ${d.key} (${before === undefined ? d.beforeHash : d.afterHash})`);
  }
  const paths = changedPaths(JSON.parse(before) as Json, JSON.parse(after) as Json);
  return { key: d.key, objectType, change, beforeHash: d.beforeHash, afterHash: d.afterHash, changedPaths: paths };
}
