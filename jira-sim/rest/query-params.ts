/** Readers for Jira query parameters as fastify parses them (repeated keys become arrays). */
export type QueryInput = Record<string, string | string[] | undefined>;

export function first(query: QueryInput, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Multi-valued parameters: Jira accepts both `id=1&id=2` and `id=1,2`. */
export function many(query: QueryInput, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function integer(query: QueryInput, name: string): number | undefined {
  const raw = first(query, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isInteger(value) ? value : undefined;
}

export function bool(query: QueryInput, name: string): boolean | undefined {
  const raw = first(query, name);
  if (raw === undefined) return undefined;
  return raw === 'true';
}

/** The `expand` parameter as a set of names. */
export function expandSet(query: QueryInput): Set<string> {
  return new Set(many(query, 'expand'));
}
