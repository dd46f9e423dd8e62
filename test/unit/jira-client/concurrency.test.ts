import { createSemaphore } from '../../../jira-cloud/concurrency';
import { createJiraClient } from '../../../jira-cloud/jira-client';
import { fetchAllPages, type ResourceDefinition } from '../../../jira-cloud/pagination';
import { sendJson, sleep, startServer, type CounterpartServer } from './counterpart-server';
import { items, pageBean } from './page-bean-site';

let server: CounterpartServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const def = (path: string): ResourceDefinition => ({ path, shape: { kind: 'page-bean', maxResults: 100 } });

describe('in-flight cap', () => {
  it('is never exceeded, and is reached, while several resources page concurrently', async () => {
    const screens = pageBean(items(200, 'screen'), { cap: 5, latencyMs: 20 });
    const schemes = pageBean(items(120, 'scheme'), { cap: 5, latencyMs: 20 });
    server = await startServer((req, res, i) => (req.path.endsWith('/screens') ? screens(req, res, i) : schemes(req, res, i)));
    const client = createJiraClient({ apiBaseUrl: server.url, cloudId: 'cloud-1', getAccessToken: async () => 't', concurrency: 3 });

    const results = await Promise.all([
      fetchAllPages(client, def('/rest/api/3/screens'), async () => sleep(5)),
      fetchAllPages(client, def('/rest/api/3/screenscheme'), async () => undefined),
      client.getJson('/rest/api/3/screens', { startAt: 0, maxResults: 5 }),
    ]);

    expect(results[0]).toEqual({ pages: 40, objects: 200 });
    expect(results[1]).toEqual({ pages: 24, objects: 120 });
    // Reaching the cap is what shows the reads overlap (no wall-clock bound: timing belongs to benchmarks).
    expect(server.maxInFlight()).toBe(3);
    expect(client.requestCount()).toBe(65);
  });

  it('holds across retries (503 storms and Retry-After)', async () => {
    const pages = pageBean(items(60), { cap: 5, latencyMs: 10 });
    server = await startServer((req, res, i) => {
      if (i % 4 === 1) return sendJson(res, 503, {});
      if (i % 7 === 2) return sendJson(res, 429, {}, { 'retry-after': '0' });
      return pages(req, res, i);
    });
    const client = createJiraClient({
      apiBaseUrl: server.url,
      cloudId: 'cloud-1',
      getAccessToken: async () => 't',
      concurrency: 2,
      retry: { baseDelayMs: 5, maxDelayMs: 20, limit: 6 },
    });
    await expect(fetchAllPages(client, def('/rest/api/3/screens'), async () => undefined)).resolves.toEqual({ pages: 12, objects: 60 });
    expect(server.maxInFlight()).toBeLessThanOrEqual(2);
    expect(client.requestCount()).toBeGreaterThan(12);
  });
});

describe('semaphore', () => {
  it('hands slots over in FIFO order and tolerates double release', async () => {
    const sem = createSemaphore(1);
    const order: string[] = [];
    const r1 = await sem.acquire();
    const p2 = sem.acquire().then((r) => (order.push('2'), r));
    const p3 = sem.acquire().then((r) => (order.push('3'), r));
    expect(sem.waiting()).toBe(2);
    r1();
    r1();
    (await p2)();
    (await p3)();
    expect(order).toEqual(['2', '3']);
    expect(sem.inFlight()).toBe(0);
  });
});
