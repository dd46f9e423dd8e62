import type { Json, JsonObject } from '../types';
import { integer, type QueryInput } from './query-params';

export interface PageLimits {
  defaultMax: number;
  cap: number;
}

/** Faults that distort a page while keeping valid JSON. */
export type PageFault = { kind: 'truncated-page' } | { kind: 'total-drift'; delta: number } | { kind: 'missing-islast' } | { kind: 'repeat-page' };

export interface PageRequest {
  startAt: number;
  maxResults: number;
}

/** startAt/maxResults with Jira's behaviour: larger maxResults are clamped and the answer says the cap. */
export function readPaging(query: QueryInput, limits: PageLimits): PageRequest {
  const startAt = Math.max(0, integer(query, 'startAt') ?? 0);
  const requested = integer(query, 'maxResults') ?? limits.defaultMax;
  return { startAt, maxResults: Math.min(Math.max(0, requested), limits.cap) };
}

/**
 * A PageBean over `items`: self, nextPage (only when not last), maxResults, startAt, total, isLast, values.
 * `pageUrl` is the absolute URL of the list without startAt/maxResults; other parameters are kept.
 * `render` turns a stored object into its API view (applied to the returned slice only).
 */
export function pageBean<T extends Json>(
  items: T[],
  paging: PageRequest,
  pageUrl: string,
  query: QueryInput,
  fault?: PageFault,
  render: (item: T) => Json = (item) => item,
): JsonObject {
  const { startAt, maxResults } = paging;
  const total = items.length;
  const sliceStart = fault?.kind === 'repeat-page' ? Math.max(0, startAt - maxResults) : startAt;
  let values = items.slice(sliceStart, sliceStart + maxResults);
  // maxResults=0 asks for the count only (the idiom Jira documents for search): an empty page with the
  // real total. A page that holds nothing has no next page of results, so no nextPage (which would point
  // at itself); isLast says only whether items remain from startAt on.
  const isLast = maxResults === 0 ? startAt >= total : startAt + maxResults >= total;
  if (fault?.kind === 'truncated-page') values = values.slice(0, Math.floor(values.length / 2));
  const page: JsonObject = { self: withPaging(pageUrl, query, startAt, maxResults) };
  if (!isLast && maxResults > 0) page['nextPage'] = withPaging(pageUrl, query, startAt + maxResults, maxResults);
  page['maxResults'] = maxResults;
  page['startAt'] = startAt;
  page['total'] = fault?.kind === 'total-drift' ? total + fault.delta : total;
  if (fault?.kind !== 'missing-islast') page['isLast'] = isLast;
  // Rendering only the page's slice keeps large sites cheap to page through.
  page['values'] = values.map(render);
  return page;
}

function withPaging(pageUrl: string, query: QueryInput, startAt: number, maxResults: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'startAt' || key === 'maxResults' || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  params.set('maxResults', String(maxResults));
  params.set('startAt', String(startAt));
  return `${pageUrl}?${params.toString()}`;
}
