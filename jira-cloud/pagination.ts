// Reads every object of one configuration resource, whatever its list shape (reference §2.1).
//
// PageBean: the first page tells whether `total` is known. If it is, the remaining pages are
// fetched concurrently by offset (through the client's in-flight limiter: that is how a snapshot
// reaches API-bound speed) and checked afterwards: same `total` on every page, exactly `total`
// values, no repeated `id`. Without `total`, pages are read one after another.
//
// onPage contract:
// - It may run concurrently with other onPage calls and with fetches, in any page order
//   (`page.index` is the page's position by offset).
// - It is called before the resource is known to be consistent. When fetchAllPages rejects with
//   JiraPagingError, the configuration changed mid-read: discard everything onPage received for
//   this resource and redo it.
// - After a failure, no further onPage calls start, and fetchAllPages settles only once the calls
//   already running have finished.
import type { QueryValue } from './json-requester';
import type { JiraClient } from './jira-client';
import { JiraPagingError } from './errors';
import { parseArray, parsePageBean, parseWrapper, type JiraObject, type PageBean } from './page-shapes';

export type ResourceShape =
  { kind: 'page-bean'; maxResults: number } | { kind: 'array' } | { kind: 'wrapper'; key: string /* e.g. 'permissionSchemes' */ };

export interface ResourceDefinition {
  path: string;
  query?: Record<string, QueryValue>;
  shape: ResourceShape;
}

export interface PageInfo {
  startAt: number;
  index: number;
}

export type OnPage = (values: unknown[], page: PageInfo) => Promise<void>;

export interface FetchAllResult {
  pages: number;
  objects: number;
}

/** What pagination needs from a client; `concurrency` sizes the window of outstanding pages. */
export type PagingClient = Pick<JiraClient, 'getJson'> & { readonly concurrency?: number };

/** A server that never says "last" must not page forever. */
const MAX_SEQUENTIAL_PAGES = 10_000;

export async function fetchAllPages(client: PagingClient, def: ResourceDefinition, onPage: OnPage): Promise<FetchAllResult> {
  switch (def.shape.kind) {
    case 'array': {
      const values = parseArray(await client.getJson(def.path, def.query), def.path);
      await onPage(values, { startAt: 0, index: 0 });
      return { pages: 1, objects: values.length };
    }
    case 'wrapper': {
      const values = parseWrapper(await client.getJson(def.path, def.query), def.shape.key, def.path);
      await onPage(values, { startAt: 0, index: 0 });
      return { pages: 1, objects: values.length };
    }
    case 'page-bean':
      return fetchPageBeans(client, def, def.shape.maxResults, onPage);
  }
}

async function fetchPageBeans(client: PagingClient, def: ResourceDefinition, requested: number, onPage: OnPage): Promise<FetchAllResult> {
  if (!Number.isInteger(requested) || requested < 1) throw new RangeError(`maxResults must be a positive integer`);
  const fetchPage = async (startAt: number, maxResults: number): Promise<PageBean> => {
    const page = parsePageBean(await client.getJson(def.path, { ...def.query, startAt, maxResults }), def.path);
    if (page.startAt !== undefined && page.startAt !== startAt) {
      throw new JiraPagingError(def.path, `asked for startAt ${startAt}, got ${page.startAt}`);
    }
    return page;
  };

  const first = await fetchPage(0, requested);
  const next = first.values.length;
  const knownTotal = first.total !== undefined && first.isLast !== true && next > 0 && next < first.total;
  const rest: RestOfPages = { def, first, requested, fetchPage, onPage };
  return knownTotal ? fetchRestConcurrently(client, rest) : fetchRestSequentially(rest);
}

/** Rejects a page whose objects were already seen (by `id`; objects without one are not checked). */
function idTracker(path: string) {
  const seen = new Set<string>();
  return (values: JiraObject[]): void => {
    for (const value of values) {
      const id = value.id;
      if (typeof id !== 'string' && typeof id !== 'number') continue;
      const key = String(id);
      if (seen.has(key)) throw new JiraPagingError(path, `object id ${key} appears on more than one page`);
      seen.add(key);
    }
  };
}

function isLastPage(page: PageBean, nextStartAt: number): boolean {
  if (page.isLast === true || page.values.length === 0) return true;
  return page.isLast === undefined && page.total !== undefined && nextStartAt >= page.total;
}

/** The pages after the first one of a PageBean resource, and what reading them needs. */
interface RestOfPages {
  def: ResourceDefinition;
  first: PageBean;
  requested: number;
  fetchPage: (startAt: number, maxResults: number) => Promise<PageBean>;
  onPage: OnPage;
}

async function fetchRestSequentially({ def, first, requested, fetchPage, onPage }: RestOfPages): Promise<FetchAllResult> {
  const track = idTracker(def.path);
  let page = first;
  let startAt = 0;
  let objects = 0;
  for (let index = 0; ; index++) {
    if (page.total !== first.total) {
      throw new JiraPagingError(def.path, `total changed from ${first.total} to ${page.total} between pages`);
    }
    track(page.values);
    await onPage(page.values, { startAt, index });
    objects += page.values.length;
    const nextStartAt = startAt + page.values.length;
    if (isLastPage(page, nextStartAt)) {
      // total did not change between pages, so the pages must add up to it: a page cut short (or a
      // last page that says so too early) would otherwise make a partial snapshot look complete.
      if (first.total !== undefined && objects !== first.total) {
        throw new JiraPagingError(def.path, `pages hold ${objects} objects but total is ${first.total}`);
      }
      return { pages: index + 1, objects };
    }
    if (index + 1 >= MAX_SEQUENTIAL_PAGES) throw new JiraPagingError(def.path, `more than ${MAX_SEQUENTIAL_PAGES} pages`);
    startAt = nextStartAt;
    // The server may grant fewer than requested; continuing from what arrived handles that.
    page = await fetchPage(startAt, requested);
  }
}

async function fetchRestConcurrently(client: PagingClient, { def, first, requested, fetchPage, onPage }: RestOfPages): Promise<FetchAllResult> {
  const total = first.total as number;
  const granted = first.maxResults !== undefined && first.maxResults > 0 ? Math.min(first.maxResults, requested) : first.values.length;
  // Ask each later page for exactly the step between offsets, so pages cannot overlap.
  const step = Math.max(1, granted);
  const offsets: number[] = [];
  for (let startAt = first.values.length; startAt < total; startAt += step) offsets.push(startAt);

  const track = idTracker(def.path);
  let failure: { error: unknown } | undefined;
  let pages = 0;
  let objects = 0;

  const accept = async (page: PageBean, startAt: number, index: number): Promise<void> => {
    if (page.total !== total) {
      throw new JiraPagingError(def.path, `total changed from ${total} to ${page.total} between pages`);
    }
    track(page.values);
    if (failure) return;
    await onPage(page.values, { startAt, index });
    pages++;
    objects += page.values.length;
  };
  const guard = (work: Promise<void>) =>
    work.catch((error: unknown) => {
      failure ??= { error };
    });

  // A bounded window of outstanding pages keeps the client's limiter busy without queueing every
  // page up front, so a failure stops further requests instead of draining hundreds of them.
  let nextOffset = 0;
  const worker = async (): Promise<void> => {
    while (!failure && nextOffset < offsets.length) {
      const i = nextOffset++;
      const startAt = offsets[i] as number;
      const page = await fetchPage(startAt, step);
      if (failure) return;
      await accept(page, startAt, i + 1);
    }
  };
  const window = Math.min(offsets.length, 2 * (client.concurrency ?? 4));
  await Promise.all([guard(accept(first, 0, 0)), ...Array.from({ length: window }, () => guard(worker()))]);

  if (failure) throw failure.error;
  if (objects !== total) {
    throw new JiraPagingError(def.path, `pages hold ${objects} objects but total is ${total}`);
  }
  return { pages, objects };
}
