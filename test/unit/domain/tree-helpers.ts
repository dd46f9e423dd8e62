// Test helpers for walking, shuffling and mutating raw JSON trees.

import { pathMatches, type NormalizationRules } from '../../../domain/canonical-json';

/** Small seeded PRNG (mulberry32) so fast-check controls every shuffle through one seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * A copy of `value` with every array declared unordered by `rules` shuffled and every object's
 * members inserted in a random order (as a different API response would have them).
 */
export function shuffleTree(value: unknown, rules: NormalizationRules, random: () => number, path: string[] = []): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item, i) => shuffleTree(item, rules, random, [...path, String(i)]));
    return rules.unorderedArrays.some((rule) => pathMatches(rule.path, path)) ? shuffled(items, random) : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of shuffled(Object.keys(value), random)) {
      // defineProperty, not assignment: JSON may carry an own `__proto__` member (fast-check generates one).
      Object.defineProperty(out, key, {
        value: shuffleTree((value as Record<string, unknown>)[key], rules, random, [...path, key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

export interface Leaf {
  readonly path: readonly string[];
  readonly value: null | boolean | number | string;
}

/** Every scalar in the tree with its path. */
export function leaves(value: unknown, path: string[] = []): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, String(i)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, member]) => leaves(member, [...path, key]));
  }
  return [{ path, value: value as Leaf['value'] }];
}

/** A deep copy of `value` with the member at `path` replaced. */
export function withLeaf(value: unknown, path: readonly string[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) return value.map((item, i) => (String(i) === head ? withLeaf(item, rest, replacement) : item));
  const object = value as Record<string, unknown>;
  return { ...object, [head]: withLeaf(object[head], rest, replacement) };
}

/** A different scalar of the same kind. */
export function changedScalar(value: Leaf['value']): Leaf['value'] {
  if (typeof value === 'string') return `${value}~changed`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  return 'was-null';
}

/**
 * Independent oracle for "this leaf is removed by normalisation", read straight from the rules:
 * a member name on the path is volatile, a prefix of the path is a dropped path, or the leaf sits
 * under a profile member of a user object (one with a string accountId).
 */
export function isVolatileLeaf(raw: unknown, rules: NormalizationRules, path: readonly string[]): boolean {
  let node: unknown = raw;
  for (let depth = 0; depth < path.length; depth++) {
    const segment = path[depth] as string;
    const prefix = path.slice(0, depth + 1);
    const inObject = node !== null && typeof node === 'object' && !Array.isArray(node);
    if (inObject && rules.volatileKeys.includes(segment)) return true;
    if (inObject && rules.droppedPaths.some((pattern) => pathMatches(pattern, prefix))) return true;
    const object = node as Record<string, unknown>;
    if (inObject && typeof object['accountId'] === 'string' && (rules.userProfileKeys ?? []).includes(segment)) return true;
    node = (node as Record<string, unknown>)[segment];
  }
  return false;
}
