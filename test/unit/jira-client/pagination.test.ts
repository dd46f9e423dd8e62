import { JiraMalformedResponseError, JiraPagingError } from '../../../jira-cloud/errors';
import { createJiraClient, type JiraClient } from '../../../jira-cloud/jira-client';
import { fetchAllPages, type ResourceDefinition } from '../../../jira-cloud/pagination';
import { sendJson, startServer, type CounterpartServer, type Handler } from './counterpart-server';
import { items, pageBean } from './page-bean-site';

let server: CounterpartServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: Handler, concurrency = 4): Promise<{ client: JiraClient; server: CounterpartServer }> {
  server = await startServer(handler);
  const client = createJiraClient({
    apiBaseUrl: server.url,
    cloudId: 'cloud-1',
    getAccessToken: async () => 'tok',
    concurrency,
    timeoutMs: 2000,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
  return { client, server };
}

/** Runs fetchAllPages and collects what onPage saw. */
async function collect(client: JiraClient, def: ResourceDefinition) {
  const seen: Array<{ startAt: number; index: number; ids: unknown[] }> = [];
  const result = await fetchAllPages(client, def, async (values, page) => {
    seen.push({ ...page, ids: values.map((v) => (v as { id: unknown }).id) });
  });
  const ids = seen.sort((a, b) => a.index - b.index).flatMap((p) => p.ids);
  return { result, seen, ids };
}

const SCREENS: ResourceDefinition = { path: '/rest/api/3/screens', query: { expand: 'x' }, shape: { kind: 'page-bean', maxResults: 50 } };

describe('PageBean', () => {
  it('reads back a server cap smaller than requested and covers every object once', async () => {
    const all = items(30);
    const { client, server } = await clientFor(pageBean(all, { cap: 7 }));
    const { result, ids, seen } = await collect(client, SCREENS);
    expect(result).toEqual({ pages: 5, objects: 30 });
    expect(ids).toEqual(all.map((i) => i.id));
    expect(seen.map((p) => [p.index, p.startAt]).sort((a, b) => a[0]! - b[0]!)).toEqual([
      [0, 0],
      [1, 7],
      [2, 14],
      [3, 21],
      [4, 28],
    ]);
    expect(server.requests[0]!.query.get('maxResults')).toBe('50');
    expect(server.requests[0]!.query.get('expand')).toBe('x');
    expect(server.requests.slice(1).map((r) => r.query.get('maxResults'))).toEqual(['7', '7', '7', '7']);
  });

  it('a single page with isLast: true is one request', async () => {
    const { client, server } = await clientFor(pageBean(items(3)));
    const { result } = await collect(client, SCREENS);
    expect(result).toEqual({ pages: 1, objects: 3 });
    expect(server.requests).toHaveLength(1);
  });

  it('an empty resource is one empty page', async () => {
    const { client } = await clientFor(pageBean([]));
    await expect(collect(client, SCREENS)).resolves.toMatchObject({ result: { pages: 1, objects: 0 } });
  });

  it('without isLast, stops at startAt >= total', async () => {
    const all = items(12);
    const { client, server } = await clientFor(pageBean(all, { cap: 5, isLast: false }));
    const { result, ids } = await collect(client, SCREENS);
    expect(result).toEqual({ pages: 3, objects: 12 });
    expect(ids).toEqual(all.map((i) => i.id));
    expect(server.requests).toHaveLength(3);
  });

  it('without total, pages sequentially until an empty page', async () => {
    const all = items(10);
    const { client, server } = await clientFor(pageBean(all, { cap: 4, total: false, isLast: false }));
    const { result, ids } = await collect(client, SCREENS);
    expect(result).toEqual({ pages: 4, objects: 10 }); // 4 + 4 + 2 + an empty page
    expect(ids).toEqual(all.map((i) => i.id));
    expect(server.requests.map((r) => r.query.get('startAt'))).toEqual(['0', '4', '8', '10']);
  });

  it('without total but with isLast, stops on isLast', async () => {
    const { client, server } = await clientFor(pageBean(items(10), { cap: 4, total: false }));
    await expect(collect(client, SCREENS)).resolves.toMatchObject({ result: { pages: 3, objects: 10 } });
    expect(server.requests).toHaveLength(3);
  });

  it('total changing between pages → JiraPagingError', async () => {
    const { client } = await clientFor(pageBean(items(20), { cap: 5, total: (i, real) => (i === 2 ? real + 1 : real) }));
    await expect(collect(client, SCREENS)).rejects.toThrow(JiraPagingError);
  });

  it('total changing on a later page when isLast is absent → JiraPagingError', async () => {
    const { client } = await clientFor(pageBean(items(20), { cap: 5, isLast: false, total: (i, real) => (i === 0 ? real : real - 1) }));
    await expect(collect(client, SCREENS)).rejects.toThrow(/total changed/);
  });

  it('a page repeating objects → JiraPagingError', async () => {
    // The server echoes the requested startAt but serves the first page again.
    const { client } = await clientFor(
      pageBean(items(20), { cap: 5, slice: (startAt, size) => (startAt === 10 ? { from: 0, to: size } : { from: startAt, to: startAt + size }) }),
    );
    await expect(collect(client, SCREENS)).rejects.toThrow(/appears on more than one page/);
  });

  it('a repeated page while paging sequentially → JiraPagingError', async () => {
    const { client } = await clientFor(pageBean(items(20), { cap: 5, total: false, isLast: false, slice: (_s, size) => ({ from: 0, to: size }) }));
    await expect(collect(client, SCREENS)).rejects.toThrow(JiraPagingError);
  });

  it('fewer objects than total → JiraPagingError', async () => {
    // An object disappears between pages but total is not updated.
    const all = items(20);
    const { client } = await clientFor(
      pageBean(all, { cap: 5, slice: (startAt, size) => ({ from: startAt, to: startAt === 15 ? startAt + size - 1 : startAt + size }) }),
    );
    await expect(collect(client, SCREENS)).rejects.toThrow(/hold 19 objects but total is 20/);
  });

  it('a failure stops further onPage calls and requests', async () => {
    const { client, server } = await clientFor(pageBean(items(400), { cap: 5, total: (i, real) => (i === 3 ? real + 1 : real), latencyMs: 5 }), 2);
    let calls = 0;
    await expect(fetchAllPages(client, SCREENS, async () => void calls++)).rejects.toThrow(JiraPagingError);
    expect(server.requests.length).toBeLessThan(20);
    expect(calls).toBeLessThan(20);
  });

  it('an onPage failure rejects fetchAllPages', async () => {
    const { client } = await clientFor(pageBean(items(30), { cap: 5 }));
    await expect(
      fetchAllPages(client, SCREENS, async (_v, page) => {
        if (page.index === 2) throw new Error('store down');
      }),
    ).rejects.toThrow('store down');
  });
});

describe('other shapes', () => {
  it('plain array', async () => {
    const { client } = await clientFor((_req, res) => sendJson(res, 200, items(3)));
    const { result, ids } = await collect(client, { path: '/rest/api/3/field', shape: { kind: 'array' } });
    expect(result).toEqual({ pages: 1, objects: 3 });
    expect(ids).toEqual(['obj-0', 'obj-1', 'obj-2']);
  });

  it('wrapper object', async () => {
    const { client, server } = await clientFor((_req, res) => sendJson(res, 200, { permissionSchemes: items(2) }));
    const def: ResourceDefinition = {
      path: '/rest/api/3/permissionscheme',
      query: { expand: 'all' },
      shape: { kind: 'wrapper', key: 'permissionSchemes' },
    };
    const { result, ids } = await collect(client, def);
    expect(result).toEqual({ pages: 1, objects: 2 });
    expect(ids).toEqual(['obj-0', 'obj-1']);
    expect(server.requests[0]!.query.get('expand')).toBe('all');
  });

  it.each<[string, ResourceDefinition, unknown, RegExp]>([
    ['values not an array', SCREENS, { startAt: 0, total: 1, values: { id: 1 } }, /values is not an array/],
    ['values holding a non-object', SCREENS, { startAt: 0, total: 2, values: [{ id: 1 }, 'x'] }, /values\[1\] is not an object/],
    ['PageBean that is an array', SCREENS, [{ id: 1 }], /expected a PageBean/],
    ['total not a number', SCREENS, { values: [], total: '3' }, /total is not a number/],
    ['array response that is an object', { path: '/rest/api/3/field', shape: { kind: 'array' } }, { values: [] }, /response is not an array/],
    [
      'wrapper key missing',
      { path: '/rest/api/3/permissionscheme', shape: { kind: 'wrapper', key: 'permissionSchemes' } },
      { schemes: [] },
      /permissionSchemes is missing/,
    ],
  ])('%s → JiraMalformedResponseError naming the path', async (_name, def, body, message) => {
    const { client } = await clientFor((_req, res) => sendJson(res, 200, body));
    const error = await fetchAllPages(client, def, async () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraMalformedResponseError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(def.path);
  });
});

describe('PageBean pages that do not add up to their total', () => {
  it('rejects a last page cut short (isLast true, fewer values than total)', async () => {
    const all = items(10);
    const { client } = await clientFor((_req, res) =>
      sendJson(res, 200, { startAt: 0, maxResults: 50, total: 10, isLast: true, values: all.slice(0, 5) }),
    );
    await expect(collect(client, SCREENS)).rejects.toBeInstanceOf(JiraPagingError);
  });
});
