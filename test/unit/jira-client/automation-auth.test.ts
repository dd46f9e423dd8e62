// The Automation REST API takes no OAuth token: the client sends the tenant's API token as HTTP Basic
// there and only there, never the bearer token; without one it sends nothing; a 401 there is final (no
// OAuth refresh) and quotes no secret.
import { AutomationTokenMissingError } from '../../../jira-cloud/automation-auth';
import { JiraUnauthorizedError, JiraWriteRefusedError } from '../../../jira-cloud/errors';
import { createJiraClient } from '../../../jira-cloud/jira-client';
import { sendJson, startServer, type CounterpartServer, type Handler } from './counterpart-server';
import { caught, expectSecretAbsent } from './secrets';

const BEARER = 'oauth-access-token-5b1e';
const API_TOKEN = 'api-token-ATATT3x-9c0d';
const EMAIL = 'automation@acme.example';
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${API_TOKEN}`).toString('base64')}`;
const SUMMARY = '/automation/rest/v1/rule/summary';

let server: CounterpartServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler, automationToken: { email: string; apiToken: string } | undefined) {
  server = await startServer(handler);
  const tokenCalls: boolean[] = [];
  let automationTokenCalls = 0;
  const client = createJiraClient({
    apiBaseUrl: server.url,
    cloudId: 'cloud-1',
    getAccessToken: async ({ forceRefresh }) => {
      tokenCalls.push(forceRefresh);
      return BEARER;
    },
    getAutomationToken: async () => {
      automationTokenCalls++;
      return automationToken;
    },
    timeoutMs: 2000,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
  return { client, server, tokenCalls, automationTokenCalls: () => automationTokenCalls };
}

test('HTTP Basic with the API token on the automation gateway, the OAuth bearer token everywhere else', async () => {
  const { client, server, tokenCalls } = await setup((_req, res) => sendJson(res, 200, { links: {}, data: [] }), {
    email: EMAIL,
    apiToken: API_TOKEN,
  });
  await client.getJson(SUMMARY, { limit: 100 });
  await client.getJson('/rest/api/3/field');
  expect(server.requests.map((r) => [r.path, r.authorization])).toEqual([
    ['/automation/public/jira/cloud-1/rest/v1/rule/summary', BASIC],
    ['/rest/api/3/field', `Bearer ${BEARER}`],
  ]);
  // The OAuth token was asked for the Jira read only.
  expect(tokenCalls).toEqual([false]);
});

test('without an API token, an automation read fails before anything is sent; Jira reads go on', async () => {
  const { client, server, tokenCalls } = await setup((_req, res) => sendJson(res, 200, []), undefined);
  const error = await caught(client.getJson(SUMMARY));
  expect(error).toBeInstanceOf(AutomationTokenMissingError);
  expect(error.message).toBe('the Automation REST API needs an API token (jira-drift tenant automation-token set)');
  expect(server.requests).toHaveLength(0);
  expect(client.requestCount()).toBe(0);
  await client.getJson('/rest/api/3/field');
  expect(server.requests).toHaveLength(1);
  expect(tokenCalls).toEqual([false]);
});

test('a 401 to the API token is final: no OAuth refresh, no retry, no secret in the error', async () => {
  // A server that echoes what it was sent, the way a careless gateway might.
  const { client, server, tokenCalls } = await setup(
    (req, res) => sendJson(res, 401, { code: 401, message: `Unauthorized: ${req.authorization} ${API_TOKEN}` }),
    { email: EMAIL, apiToken: API_TOKEN },
  );
  const error = await caught(client.getJson(SUMMARY));
  expect(error).toBeInstanceOf(JiraUnauthorizedError);
  expect(error.message).toMatch(/^Jira GET \/automation\/rest\/v1\/rule\/summary unauthorized: Unauthorized/);
  expect(error.message).not.toContain('after a token refresh');
  expect(server.requests).toHaveLength(1);
  expect(tokenCalls).toEqual([]);
  expectSecretAbsent(error, API_TOKEN);
  expectSecretAbsent(error, BASIC.slice('Basic '.length));
});

test('the allowlist is checked before the API token is even looked up', async () => {
  const { client, server, automationTokenCalls } = await setup((_req, res) => sendJson(res, 200, {}), { email: EMAIL, apiToken: API_TOKEN });
  await expect(client.getJson('/automation/rest/v1/rule/manual/search')).rejects.toBeInstanceOf(JiraWriteRefusedError);
  await expect(client.postReadJson(SUMMARY, { limit: 1 })).rejects.toBeInstanceOf(JiraWriteRefusedError);
  expect(automationTokenCalls()).toBe(0);
  expect(server.requests).toHaveLength(0);
});
