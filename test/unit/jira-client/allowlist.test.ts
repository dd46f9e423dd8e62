import { JiraWriteRefusedError } from '../../../jira-cloud/errors';
import { createJiraClient } from '../../../jira-cloud/jira-client';
import { createJsonRequester } from '../../../jira-cloud/json-requester';
import { assertAllowedRequest, isAllowedRequest } from '../../../jira-cloud/read-only-allowlist';
import { DEFAULT_RETRY } from '../../../jira-cloud/retry-policy';
import { caught, expectSecretAbsent } from './secrets';
import { sendJson, startServer, type CounterpartServer } from './counterpart-server';

describe('read-only allowlist', () => {
  it('allows configuration GETs and the two documented read-only POSTs', () => {
    expect(isAllowedRequest('GET', '/rest/api/3/field')).toBe(true);
    expect(isAllowedRequest('get', '/rest/api/3/project/search')).toBe(true);
    expect(isAllowedRequest('GET', '/rest/api/3/field/customfield_10000/context/10100/option')).toBe(true);
    expect(isAllowedRequest('GET', '/oauth/token/accessible-resources')).toBe(true);
    expect(isAllowedRequest('POST', '/rest/api/3/workflows')).toBe(true);
    expect(isAllowedRequest('POST', '/rest/api/3/workflowscheme/read')).toBe(true);
    expect(isAllowedRequest('GET', '/automation/rest/v1/rule/summary')).toBe(true);
    expect(isAllowedRequest('GET', '/automation/rest/v1/rule/0192e5ac-0e25-71de-ba7b-d972e6a2049a')).toBe(true);
  });

  it.each([
    ['PUT', '/rest/api/3/field/customfield_10000'],
    ['POST', '/rest/api/3/field'],
    ['DELETE', '/rest/api/3/workflowscheme'],
    ['PATCH', '/rest/api/3/priorityscheme'],
    ['POST', '/rest/api/3/workflows/create'],
    ['POST', '/oauth/token'],
    ['GET', '/rest/api/3/issue/PROJ-1'],
    ['GET', '/rest/api/3/field/../issue/PROJ-1'],
    ['GET', '/rest/api/3/field/%2e%2e/context'],
    ['GET', '/rest/api/3/field?x=1'],
    ['GET', '/rest/api/3/field/'],
    ['GET', 'https://evil.example/rest/api/3/field'],
    // The automation API's search and every write: only its two rule reads are allowed.
    ['POST', '/automation/rest/v1/rule/summary'],
    ['PUT', '/automation/rest/v1/rule/0192e5ac-0e25-71de-ba7b-d972e6a2049a'],
    ['PUT', '/automation/rest/v1/rule/0192e5ac-0e25-71de-ba7b-d972e6a2049a/state'],
    ['POST', '/automation/rest/v1/rule'],
    ['GET', '/automation/rest/v1/rule/manual/search'],
  ])('refuses %s %s', (method, path) => {
    expect(isAllowedRequest(method, path)).toBe(false);
    expect(() => assertAllowedRequest(method, path)).toThrow(JiraWriteRefusedError);
  });

  it('never puts a query string in the refusal message', () => {
    const error = (() => {
      try {
        assertAllowedRequest('DELETE', '/rest/api/3/field?token=s3cret');
      } catch (e) {
        return e as Error;
      }
    })();
    expectSecretAbsent(error, 's3cret');
  });
});

describe('client refuses writes before any network I/O', () => {
  let server: CounterpartServer;
  let tokenCalls = 0;
  const getAccessToken = async () => {
    tokenCalls++;
    return 'token-never-needed';
  };
  beforeAll(async () => {
    server = await startServer((_req, res) => sendJson(res, 200, {}));
  });
  afterAll(() => server.close());

  it.each(['PUT', 'POST', 'DELETE', 'PATCH'])('%s to config paths: refused, zero requests, no token lookup', async (method) => {
    const requester = createJsonRequester({
      baseUrl: `${server.url}/ex/jira/cloud-1`,
      getAccessToken,
      refreshOnUnauthorized: true,
      concurrency: 4,
      timeoutMs: 1000,
      retry: DEFAULT_RETRY,
    });
    for (const path of ['/rest/api/3/field', '/rest/api/3/workflowscheme/10000', '/rest/api/3/screens/1/tabs']) {
      // The requester's type only admits GET/POST; a caller bypassing it must still be refused.
      const error = await caught(requester.requestJson(method as 'GET', path, { body: { name: 'x' } }));
      expect(error).toBeInstanceOf(JiraWriteRefusedError);
    }
    expect(requester.requestCount()).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(tokenCalls).toBe(0);
  });

  it('postReadJson only reaches the read-only bulk reads; getJson only listed config reads', async () => {
    const client = createJiraClient({ apiBaseUrl: server.url, cloudId: 'cloud-1', getAccessToken });
    await expect(client.postReadJson('/rest/api/3/field', {})).rejects.toBeInstanceOf(JiraWriteRefusedError);
    await expect(client.postReadJson('/rest/api/3/workflows/update', {})).rejects.toBeInstanceOf(JiraWriteRefusedError);
    await expect(client.getJson('/rest/api/3/issue/PROJ-1')).rejects.toBeInstanceOf(JiraWriteRefusedError);
    expect(server.requests).toHaveLength(0);
    expect(client.requestCount()).toBe(0);

    await client.postReadJson('/rest/api/3/workflows', { workflowIds: ['1'] });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /rest/api/3/workflows']);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ workflowIds: ['1'] });
  });

  it('sends automation reads to the automation gateway path, Jira reads to /ex/jira', async () => {
    const client = createJiraClient({
      apiBaseUrl: server.url,
      cloudId: 'cloud-1',
      getAccessToken,
      getAutomationToken: async () => ({ email: 'a@example.com', apiToken: 't' }),
    });
    const before = server.requests.length;
    await client.getJson('/automation/rest/v1/rule/summary', { limit: 100 });
    await client.getJson('/rest/api/3/field');
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([
      '/automation/public/jira/cloud-1/rest/v1/rule/summary',
      '/rest/api/3/field', // the counterpart records Jira paths without their /ex/jira/{cloudId} prefix
    ]);
    await expect(client.getJson('/automation/rest/v1/rule/manual/search')).rejects.toBeInstanceOf(JiraWriteRefusedError);
  });

  it('rejects a cloudId that could alter the path', () => {
    expect(() => createJiraClient({ apiBaseUrl: server.url, cloudId: '../x', getAccessToken })).toThrow(TypeError);
  });
});
