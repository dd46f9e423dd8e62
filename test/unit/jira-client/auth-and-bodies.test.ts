import { JiraMalformedResponseError, JiraUnauthorizedError } from '../../../jira-cloud/errors';
import { createJiraClient, getAccessibleResources } from '../../../jira-cloud/jira-client';
import { sendJson, startServer, type CounterpartServer, type Handler } from './counterpart-server';
import { caught, expectSecretAbsent } from './secrets';

const OLD = 'access-token-old-91c2';
const NEW = 'access-token-new-4d7e';
const FIELD = '/rest/api/3/field';

let server: CounterpartServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A token source that returns OLD until forced, then NEW; records every call. */
function tokenSource() {
  const calls: boolean[] = [];
  let current = OLD;
  return {
    calls,
    getAccessToken: async ({ forceRefresh }: { forceRefresh: boolean }) => {
      calls.push(forceRefresh);
      if (forceRefresh) current = NEW;
      return current;
    },
  };
}

async function setup(handler: Handler) {
  server = await startServer(handler);
  const tokens = tokenSource();
  const client = createJiraClient({
    apiBaseUrl: server.url,
    cloudId: 'cloud-1',
    getAccessToken: tokens.getAccessToken,
    timeoutMs: 2000,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
  return { client, tokens, server };
}

describe('401 handling', () => {
  it('forces one token refresh and retries with the new token', async () => {
    const { client, tokens, server } = await setup((req, res) =>
      req.authorization === `Bearer ${NEW}` ? sendJson(res, 200, [{ id: 'f' }]) : sendJson(res, 401, { code: 401, message: 'Unauthorized' }),
    );
    await expect(client.getJson(FIELD)).resolves.toEqual([{ id: 'f' }]);
    expect(server.requests.map((r) => r.authorization)).toEqual([`Bearer ${OLD}`, `Bearer ${NEW}`]);
    expect(tokens.calls).toEqual([false, true]);
  });

  it('still checks the body of the response after a refresh', async () => {
    const { client, server } = await setup((req, res) => {
      if (req.authorization !== `Bearer ${NEW}`) return sendJson(res, 401, {});
      res.writeHead(200);
      res.end();
    });
    await expect(client.getJson(FIELD)).rejects.toBeInstanceOf(JiraMalformedResponseError);
    expect(server.requests).toHaveLength(3); // 401, empty body, its one retry
  });

  it('a second 401 is a JiraUnauthorizedError, without any token in it', async () => {
    const { client, tokens, server } = await setup((_req, res) => sendJson(res, 401, { code: 401, message: 'Unauthorized; scope does not match' }));
    const error = await caught(client.getJson(FIELD, { startAt: 0 }));
    expect(error).toBeInstanceOf(JiraUnauthorizedError);
    expect(error.message).toContain('scope does not match');
    expect(server.requests).toHaveLength(2);
    expect(tokens.calls).toEqual([false, true]);
    expectSecretAbsent(error, OLD);
    expectSecretAbsent(error, NEW);
  });

  it('a failing token source surfaces its own error and sends nothing', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, []));
    const client = createJiraClient({
      apiBaseUrl: server.url,
      cloudId: 'cloud-1',
      getAccessToken: async () => {
        throw new Error('reauth required');
      },
    });
    await expect(client.getJson(FIELD)).rejects.toThrow('reauth required');
    expect(server.requests).toHaveLength(0);
  });
});

describe('malformed bodies', () => {
  it('retries an unparsable body once, then fails with JiraMalformedResponseError that quotes nothing', async () => {
    // The body even echoes the token: the error must still not contain it.
    const { client, server } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"values":[{"id":"1","echo":"${OLD}"`);
    });
    const error = await caught(client.getJson(FIELD));
    expect(error).toBeInstanceOf(JiraMalformedResponseError);
    expect(error).toMatchObject({ path: FIELD, retryable: true });
    expect(server.requests).toHaveLength(2);
    expectSecretAbsent(error, OLD);
  });

  it('a truncated body followed by a good one succeeds', async () => {
    const { client, server } = await setup((_req, res, i) => {
      if (i === 0) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('[{"id":');
      } else sendJson(res, 200, [{ id: 1 }]);
    });
    await expect(client.getJson(FIELD)).resolves.toEqual([{ id: 1 }]);
    expect(server.requests).toHaveLength(2);
  });

  it('a body cut off mid-transfer is retried', async () => {
    const { client, server } = await setup((_req, res, i) => {
      if (i === 0) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('[{"id":');
        setTimeout(() => res.socket?.destroy(), 20);
      } else sendJson(res, 200, [{ id: 2 }]);
    });
    await expect(client.getJson(FIELD)).resolves.toEqual([{ id: 2 }]);
    expect(server.requests).toHaveLength(2);
  });

  it('an empty 200 body is treated as malformed', async () => {
    const { client } = await setup((_req, res) => {
      res.writeHead(200);
      res.end();
    });
    await expect(client.getJson(FIELD)).rejects.toBeInstanceOf(JiraMalformedResponseError);
  });

  it('an error body that echoes the token is scrubbed', async () => {
    const { client } = await setup((req, res) => sendJson(res, 400, { errorMessages: [`bad header ${req.authorization}`] }));
    const error = await caught(client.getJson(FIELD));
    expect(error.message).toContain('bad header Bearer [redacted]');
    expectSecretAbsent(error, OLD);
  });
});

describe('getAccessibleResources', () => {
  it('returns the sites with their cloud ids', async () => {
    server = await startServer((req, res) =>
      req.path === '/oauth/token/accessible-resources' && req.authorization === `Bearer ${OLD}`
        ? sendJson(res, 200, [{ id: 'c-1', name: 'Site', url: 'https://x.atlassian.net', scopes: ['read:jira-work'], avatarUrl: 'a' }])
        : sendJson(res, 404, {}),
    );
    await expect(getAccessibleResources(server.url, OLD)).resolves.toEqual([
      { id: 'c-1', name: 'Site', url: 'https://x.atlassian.net', scopes: ['read:jira-work'], avatarUrl: 'a' },
    ]);
  });

  it('a 401 is final (the given token cannot be refreshed here) and does not leak it', async () => {
    server = await startServer((_req, res) => sendJson(res, 401, { message: 'Unauthorized' }));
    const error = await caught(getAccessibleResources(server.url, OLD));
    expect(error).toBeInstanceOf(JiraUnauthorizedError);
    expect(server.requests).toHaveLength(1);
    expectSecretAbsent(error, OLD);
  });

  it('rejects a wrong shape', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { sites: [] }));
    await expect(getAccessibleResources(server.url, OLD)).rejects.toBeInstanceOf(JiraMalformedResponseError);
  });
});

describe('query parameters', () => {
  it('sends a list as the parameter repeated (projectId=1&projectId=2), as Jira array parameters expect', async () => {
    const { client, server } = await setup((_req, res) => sendJson(res, 200, { values: [], isLast: true }));
    await client.getJson('/rest/api/3/workflowscheme/project', { projectId: ['10000', 10001], maxResults: 50 });
    expect(server.requests[0]!.query.getAll('projectId')).toEqual(['10000', '10001']);
    expect(server.requests[0]!.query.get('maxResults')).toBe('50');
  });
});
