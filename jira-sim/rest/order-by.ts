import type { JsonObject } from '../types';

export type SortKey = (object: JsonObject) => string | number;

/**
 * Applies Jira's `orderBy` ("name", "+name", "-name") with the sort keys an endpoint supports. Unknown or
 * absent orderBy keeps the site's list order; ties keep it too (Array.prototype.sort is stable).
 */
export function applyOrderBy(items: JsonObject[], orderBy: string | undefined, keys: Record<string, SortKey>): JsonObject[] {
  if (!orderBy) return items;
  const descending = orderBy.startsWith('-');
  const name = orderBy.replace(/^[-+]/, '');
  const key = keys[name];
  if (!key) return items;
  const sign = descending ? -1 : 1;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (typeof ka === 'number' && typeof kb === 'number') return sign * (ka - kb);
    return sign * String(ka).localeCompare(String(kb), 'en');
  });
}

export function text(object: JsonObject, field: string): string {
  const value = object[field];
  return typeof value === 'string' ? value : String(value ?? '');
}

export function contains(haystack: string, needle: string | undefined): boolean {
  return needle === undefined || haystack.toLowerCase().includes(needle.toLowerCase());
}
