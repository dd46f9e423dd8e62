import { JiraHttpError } from '../../../jira-cloud/errors';
import { createJiraClient, type JiraClientOptions } from '../../../jira-cloud/jira-client';
import { retryDelayMs, newCallRetryState, DEFAULT_RETRY } from '../../../jira-cloud/retry-policy';
import { sendJson, sleep, startServer, type CounterpartServer, type Handler } from './counterpart-server';
import { caught, expectSecretAbsent } from './secrets';

const TOKEN = 'bearer-secret-7f3a';
const FIELD = '/rest/api/3/field';

let server: CounterpartServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: Handler, extra: Partial<JiraClientOptions> = {}) {
  server = await startServer(handler);
  const retries: Array<{ status?: number; delayMs: number; attempt: number }> = [];
  const client = createJiraClient({
    apiBaseUrl: server.url,
    cloudId: 'cloud-1',
    getAccessToken: async () => TOKEN,
    timeoutMs: 2000,
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    onRetry: (info) => retries.push(info),
    ...extra,
  });
  return { client, retries, server };
}

describe('retries', () => {
  it('honours Retry-After: the retry reaches the server no earlier than the header says', async () => {
    const { client, server, retries } = await clientFor((_req, res, i) =>
      i === 0 ? sendJson(res, 429, { errorMessages: ['Rate limit exceeded'] }, { 'retry-after': '1' }) : sendJson(res, 200, [{ id: 'f1' }]),
    );
    await expect(client.getJson(FIELD)).resolves.toEqual([{ id: 'f1' }]);
    const [first, second] = server.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1000);
    // Additive jitter: 0–30 % on top of the header, never below it.
    expect(retries).toHaveLength(1);
    expect(retries[0]!.status).toBe(429);
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(1000);
    expect(retries[0]!.delayMs).toBeLessThanOrEqual(1300);
  });

  it('rides out a burst of 503s', async () => {
    const { client, server, retries } = await clientFor((_req, res, i) =>
      i < 3 ? sendJson(res, 503, { errorMessages: ['busy'] }) : sendJson(res, 200, [{ id: 'ok' }]),
    );
    await expect(client.getJson(FIELD)).resolves.toEqual([{ id: 'ok' }]);
    expect(server.requests).toHaveLength(4);
    expect(client.requestCount()).toBe(4);
    expect(retries.map((r) => [r.status, r.attempt])).toEqual([
      [503, 1],
      [503, 2],
      [503, 3],
    ]);
  });

  it('retries 502 and 504 as well', async () => {
    const { client, server } = await clientFor((_req, res, i) =>
      i === 0 ? sendJson(res, 502, {}) : i === 1 ? sendJson(res, 504, {}) : sendJson(res, 200, []),
    );
    await expect(client.getJson(FIELD)).resolves.toEqual([]);
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after the retry limit with a retryable JiraHttpError', async () => {
    const { client, server } = await clientFor((_req, res) => sendJson(res, 503, { errorMessages: ['still busy'] }), {
      retry: { limit: 2, baseDelayMs: 10, maxDelayMs: 50 },
    });
    const error = await caught(client.getJson(FIELD, { expand: 'all' }));
    expect(error).toBeInstanceOf(JiraHttpError);
    expect(error).toMatchObject({ status: 503, method: 'GET', path: FIELD, retryable: true, jiraMessages: 'still busy' });
    expect(error.message).not.toContain('expand');
    expect(error.message).not.toContain('127.0.0.1');
    expect(server.requests).toHaveLength(3);
    expectSecretAbsent(error, TOKEN);
  });

  it('retries a 500 once only', async () => {
    const { client, server } = await clientFor((_req, res) => sendJson(res, 500, { errorMessages: ['boom'] }));
    const error = await caught(client.getJson(FIELD));
    expect(error).toMatchObject({ status: 500, retryable: true });
    expect(server.requests).toHaveLength(2);
  });

  it('a 500 then success succeeds', async () => {
    const { client, server } = await clientFor((_req, res, i) => (i === 0 ? sendJson(res, 500, {}) : sendJson(res, 200, [])));
    await expect(client.getJson(FIELD)).resolves.toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry other 4xx and reports Jira errorMessages', async () => {
    const { client, server } = await clientFor((_req, res) =>
      sendJson(res, 403, { errorMessages: ['You are not an administrator'], errors: { scope: 'missing' } }),
    );
    const error = await caught(client.getJson(FIELD));
    expect(error).toMatchObject({ status: 403, retryable: false });
    expect(error.message).toContain('You are not an administrator; scope: missing');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a timed-out request', async () => {
    const { client, server, retries } = await clientFor(
      async (_req, res, i) => {
        if (i === 0) await sleep(1500); // longer than the client's timeout
        sendJson(res, 200, [{ id: 'late' }]);
      },
      { timeoutMs: 300 },
    );
    await expect(client.getJson(FIELD)).resolves.toEqual([{ id: 'late' }]);
    expect(server.requests).toHaveLength(2);
    expect(retries[0]).toMatchObject({ status: undefined, attempt: 1 });
  });

  it('a connection that keeps timing out ends as a retryable network error', async () => {
    const { client, server } = await clientFor(() => undefined /* never answers */, {
      timeoutMs: 150,
      retry: { limit: 1, baseDelayMs: 10 },
    });
    const error = await caught(client.getJson(FIELD));
    expect(error).toMatchObject({ code: 'ETIMEDOUT', status: undefined, retryable: true });
    expect(server.requests).toHaveLength(2);
    expectSecretAbsent(error, TOKEN);
  });

  it('does not sleep a Retry-After beyond maxRetryAfterMs: fails fast, retryable, with the wait', async () => {
    const { client, server } = await clientFor((_req, res) => sendJson(res, 429, {}, { 'retry-after': '2107' }));
    const error = await caught(client.getJson(FIELD));
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 2_107_000 });
    expect(server.requests).toHaveLength(1);
  });

  it('after a 429, no call of the client is sent before Retry-After elapses (Jira limits the caller)', async () => {
    const { client, server } = await clientFor(
      (req, res) => {
        const first = server.requests.filter((r) => r.query.get('n') === 'a').length === 1;
        if (req.query.get('n') === 'a' && first) sendJson(res, 429, {}, { 'retry-after': '1' });
        else sendJson(res, 200, [{ id: req.query.get('n') }]);
      },
      { concurrency: 2 },
    );
    const a = client.getJson(FIELD, { n: 'a' });
    await sleep(100); // a has had its 429 and is sleeping
    const others = ['b', 'c', 'd'].map((n) => client.getJson(FIELD, { n }));
    await expect(Promise.all([a, ...others])).resolves.toEqual([[{ id: 'a' }], [{ id: 'b' }], [{ id: 'c' }], [{ id: 'd' }]]);
    const limited = server.requests[0]!.receivedAt;
    expect(server.requests).toHaveLength(5);
    for (const later of server.requests.slice(1)) expect(later.receivedAt - limited).toBeGreaterThanOrEqual(1000);
  });
});

describe('retry policy (pure)', () => {
  const config = { ...DEFAULT_RETRY, baseDelayMs: 5000, maxDelayMs: 30_000 };
  it('uses exponential backoff with [0.7, 1.3] jitter capped at maxDelayMs', () => {
    const at = (attempt: number, r: number) => retryDelayMs({ attempt, status: 503 }, newCallRetryState(), config, () => r);
    expect(at(1, 0)).toBe(3500);
    expect(at(1, 1)).toBe(6500);
    expect(at(2, 0.5)).toBe(10_000);
    expect(at(4, 1)).toBe(30_000);
    expect(at(5, 0.5)).toBe(0); // past the limit of 4
  });
  it('adds 0–30 % on top of Retry-After, never less', () => {
    expect(retryDelayMs({ attempt: 1, status: 429, retryAfterMs: 2000 }, newCallRetryState(), config, () => 0)).toBe(2000);
    expect(retryDelayMs({ attempt: 1, status: 429, retryAfterMs: 2000 }, newCallRetryState(), config, () => 1)).toBe(2600);
    // Retry-After on a retried 500 is honoured too.
    expect(retryDelayMs({ attempt: 1, status: 500, retryAfterMs: 3000 }, newCallRetryState(), config, () => 0)).toBe(3000);
  });
  it('retries 500 and unparsable bodies once per call', () => {
    const state = newCallRetryState();
    expect(retryDelayMs({ attempt: 1, status: 500 }, state, config)).toBeGreaterThan(0);
    expect(retryDelayMs({ attempt: 2, status: 500 }, state, config)).toBe(0);
    expect(retryDelayMs({ attempt: 1, code: 'ERR_BODY_PARSE_FAILURE' }, state, config)).toBeGreaterThan(0);
    expect(retryDelayMs({ attempt: 2, code: 'ERR_BODY_PARSE_FAILURE' }, state, config)).toBe(0);
    expect(retryDelayMs({ attempt: 1, status: 400, retryAfterMs: 1000 }, state, config)).toBe(0);
  });
});
