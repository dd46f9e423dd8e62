// What a request costs in Jira's 2026 points quota, as documented (shared/reference/jira-cloud-api.md
// §3.2): "Each request starts with a base cost of 1 point, and additional points are added for each
// object involved." The objects of a read are the list it returns: a page's `values`, a plain array,
// or the arrays of a wrapper object; any other body is one object. Our own reading of the rule, kept
// apart from jira-sim's (which stands in for Jira): a difference shows up as Jira's headers disagreeing.
import type { PagingClient } from './pagination';

export function responsePoints(body: unknown): number {
  return 1 + objectsIn(body);
}

function objectsIn(body: unknown): number {
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object' || body === null) return 0;
  const record = body as Record<string, unknown>;
  if (Array.isArray(record['values'])) return record['values'].length;
  const members = Object.values(record);
  const arrays = members.filter(Array.isArray);
  const wrapper = arrays.length > 0 && members.every((m) => Array.isArray(m) || typeof m !== 'object' || m === null);
  return wrapper ? arrays.reduce((sum, a) => sum + a.length, 0) : 1;
}

/** A client that adds up the points of the answers it received (one activity's reads). */
export function meteredClient(client: PagingClient): PagingClient & { points(): number } {
  let points = 0;
  return {
    concurrency: client.concurrency,
    async getJson(path, query) {
      const body = await client.getJson(path, query);
      points += responsePoints(body);
      return body;
    },
    points: () => points,
  };
}
