// The shapes of a read plan (how one configuration type is read from Jira) and the small helpers
// plans are written with. Group files under reads/ build their plans from these.
import { fetchAllPages, type PagingClient } from './pagination';
import type { ResourceDefinition } from './pagination';
import type { QueryValue } from './json-requester';

/** Hands one page of raw objects (already given their parentKey where they have a parent) to the store. */
export type EmitPage = (values: Array<Record<string, unknown>>) => Promise<void>;

/** What a plan reads, for `jira-drift coverage` and the scope check (test/unit/jira-client/config-reads.test.ts). */
export interface PlanMetadata {
  /** Operations read, as in the OpenAPI spec: `GET /rest/api/3/field/{fieldId}/context`. */
  endpoints: string[];
  /**
   * Granular read scopes those operations need (the union of their `x-atlassian-oauth2-scopes` Beta
   * entries in the spec; checked by test/unit/jira-client/config-reads.test.ts). Empty where the spec
   * names no granular scope (a classic `manage:` scope only).
   */
  scopes: string[];
  /**
   * Read with the tenant's automation API token (HTTP Basic) instead of the OAuth grant, because the API
   * takes no OAuth token (automation-auth.ts); `scopes` is then empty.
   */
  credential?: 'automation-api-token';
}

export interface ListPlan extends PlanMetadata {
  kind: 'list';
  /** Reads every object of the type; returns the number of requests made. */
  read(client: PagingClient, emit: EmitPage): Promise<number>;
}

export interface PerParentPlan extends PlanMetadata {
  kind: 'per-parent';
  /** Reads the children of one parent (its canonical body, with `id`); returns the requests made. */
  read(client: PagingClient, parent: Record<string, unknown>, emit: EmitPage): Promise<number>;
}

/**
 * A type listed as summaries and then read one object at a time (automation rules). The reading activity
 * fetches the details with bounded concurrency and, after a retry, reads only the ids it did not store yet.
 */
export interface DetailListPlan extends PlanMetadata {
  kind: 'detail-list';
  /** Every object's summary (all pages) and the requests that took. */
  list(client: PagingClient): Promise<{ summaries: Array<Record<string, unknown>>; requests: number }>;
  /** The stable id of the object a summary names (the id part of its key). */
  idOf(summary: Record<string, unknown>): string;
  /** The object's full body (one request), or undefined when it was deleted since it was listed. */
  read(client: PagingClient, summary: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
}

export type ReadPlan = ListPlan | PerParentPlan | DetailListPlan;

export const asObjects = (values: unknown[]) => values as Array<Record<string, unknown>>;

/** A type that is exactly one list resource. */
export function list(def: ResourceDefinition, scopes: string[]): ListPlan {
  return {
    kind: 'list',
    endpoints: [`GET ${def.path}`],
    scopes,
    read: async (client, emit) => (await fetchAllPages(client, def, (values) => emit(asObjects(values)))).pages,
  };
}

/**
 * Every object of a resource, collected in the API's order (for small per-parent lists and mapping
 * tables): pages may arrive in any order when fetched concurrently, so they are placed by index.
 */
export async function collect(client: PagingClient, def: ResourceDefinition): Promise<{ values: Array<Record<string, unknown>>; pages: number }> {
  const pages: Array<Array<Record<string, unknown>>> = [];
  const { pages: count } = await fetchAllPages(client, def, async (values, page) => {
    pages[page.index] = asObjects(values);
  });
  return { values: pages.flatMap((page) => page ?? []), pages: count };
}

export const pageBean = (path: string, maxResults: number, query?: Record<string, QueryValue>): ResourceDefinition => ({
  path,
  query,
  shape: { kind: 'page-bean', maxResults },
});

export const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
export const groupBy = (rows: Array<Record<string, unknown>>, key: string) => {
  const groups = new Map<string, Array<Record<string, unknown>>>();
  for (const row of rows) {
    const k = text(row[key]);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
};

/**
 * A type read as parents plus a flat mapping listing (scheme → issue types, level → members: Jira serves
 * such mappings as one list for all parents, which costs two listings instead of a request per parent).
 * Each parent is emitted with the rows that name its `id` in `join.parentField`, under `join.as`, without
 * the linking fields.
 */
export function listWithRows(
  defs: { parents: ResourceDefinition; rows: ResourceDefinition },
  join: { parentField: string; as: string; alsoDrop?: string[] },
  scopes: string[],
): ListPlan {
  const linking = new Set([join.parentField, ...(join.alsoDrop ?? [])]);
  return {
    kind: 'list',
    scopes,
    endpoints: [`GET ${defs.parents.path}`, `GET ${defs.rows.path}`],
    async read(client, emit) {
      const [parents, rows] = await Promise.all([collect(client, defs.parents), collect(client, defs.rows)]);
      const rowsOf = groupBy(rows.values, join.parentField);
      await emit(
        parents.values.map((parent) => ({
          ...parent,
          [join.as]: (rowsOf.get(text(parent['id'])) ?? []).map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !linking.has(k)))),
        })),
      );
      return parents.pages + rows.pages;
    },
  };
}
