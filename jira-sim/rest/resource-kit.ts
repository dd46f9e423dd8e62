/** The shape of a REST resource of the sim and the helpers most resources are built from. */
import type { Site } from '../site/site';
import type { Json, JsonObject } from '../types';
import { pageBean, readPaging, type PageFault, type PageLimits } from './paging';
import { many, type QueryInput } from './query-params';

export interface ReadRequest {
  site: Site;
  /** Path parameters of the matched template ("fieldId" of "field/{fieldId}/context"), decoded. */
  params: Record<string, string>;
  query: QueryInput;
  body: unknown;
  /** Absolute URL of this resource on the site (for PageBean self/nextPage). */
  pageUrl: string;
  pageFault?: PageFault;
  /** The user the token acts for (3LO calls run as the consenting user). */
  caller?: { administerJira: boolean };
  /** The sim clock's now (ms). */
  nowMs?: number;
}

export type ReadHandler = (request: ReadRequest) => Json;

export interface Resource {
  get?: ReadHandler;
  /** Reads that Jira exposes as POST (bulk reads); any other POST is a write. */
  post?: ReadHandler;
}

export function paged(
  limits: PageLimits,
  items: (request: ReadRequest) => JsonObject[],
  render?: (request: ReadRequest) => (object: JsonObject) => Json,
): ReadHandler {
  return (request) =>
    pageBean(items(request), readPaging(request.query, limits), request.pageUrl, request.query, request.pageFault, render?.(request));
}

export function idFilter(query: QueryInput, name = 'id'): (object: JsonObject) => boolean {
  const ids = new Set(many(query, name));
  return (object) => ids.size === 0 || ids.has(String(object['id']));
}
