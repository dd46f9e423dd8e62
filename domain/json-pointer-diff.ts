// Where two canonical bodies differ, as RFC 6901 JSON pointers. Pure; safe in workflows.

import { compareCodePoints, type Json } from './canonical-json';

/**
 * JSON pointers of what changed between two canonical bodies, sorted by code point and
 * deduplicated; empty when the bodies are equal.
 *
 * Rules (compact and deterministic):
 * - object members present on one side only: the member's pointer (not every leaf below it);
 * - members on both sides: compared recursively;
 * - arrays of equal length: compared index by index, recursively;
 * - arrays of different length: the array's own pointer only. Canonical arrays are sorted, so an
 *   insertion or removal shifts every later index; listing shifted indices would be noise;
 * - values of different kinds (object / array / scalar) or different scalars: their pointer.
 * The root's pointer is `""` (reported when the bodies differ at the top, e.g. in kind).
 */
export function changedPaths(before: Json, after: Json): string[] {
  const found = new Set<string>();
  collectChanges(before, after, '', found);
  return [...found].sort(compareCodePoints);
}

/** The value at `pointer` in `document`, or `undefined` when no such member or index exists. */
export function valueAtPointer(document: Json, pointer: string): Json | undefined {
  if (pointer === '') return document;
  if (!pointer.startsWith('/')) throw new Error(`invalid JSON pointer ${JSON.stringify(pointer)}`);
  let current: Json | undefined = document;
  for (const token of pointer.slice(1).split('/').map(unescapeToken)) {
    if (Array.isArray(current)) {
      current = /^(0|[1-9][0-9]*)$/.test(token) ? current[Number(token)] : undefined;
    } else if (current !== null && typeof current === 'object') {
      current = Object.prototype.hasOwnProperty.call(current, token) ? current[token] : undefined;
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

/** RFC 6901: `~` → `~0`, `/` → `~1` (in that order). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function collectChanges(before: Json, after: Json, pointer: string, found: Set<string>): void {
  if (isObject(before) && isObject(after)) {
    collectObjectChanges(before, after, pointer, found);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    collectArrayChanges(before, after, pointer, found);
  } else if (before !== after) {
    found.add(pointer);
  }
}

function collectObjectChanges(before: { [key: string]: Json }, after: { [key: string]: Json }, pointer: string, found: Set<string>): void {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const child = `${pointer}/${escapePointerToken(key)}`;
    const left = ownMember(before, key);
    const right = ownMember(after, key);
    if (left === undefined || right === undefined) {
      if (left !== right) found.add(child);
    } else {
      collectChanges(left, right, child, found);
    }
  }
}

function collectArrayChanges(before: Json[], after: Json[], pointer: string, found: Set<string>): void {
  if (before.length !== after.length) {
    found.add(pointer);
    return;
  }
  before.forEach((left, index) => collectChanges(left, after[index] as Json, `${pointer}/${index}`, found));
}

function ownMember(object: { [key: string]: Json }, key: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

function isObject(value: Json): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
