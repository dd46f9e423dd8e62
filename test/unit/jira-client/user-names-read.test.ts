// Authors' display names (GET user/bulk): allowlisted, opened by the grant jira-drift asks for, the
// grant check the same rule as the gateway's, and read in batches from jira-sim (unknown ids left out,
// pages followed, the answer valid against the spec's PageBeanUser).
import { createJiraClient, REQUESTED_SCOPES } from '../../../jira-cloud';
import { isAllowedRequest } from '../../../jira-cloud/read-only-allowlist';
import { USER_BULK_PATH, USER_NAME_SCOPES, grantReadsUserNames, readDisplayNames } from '../../../jira-cloud/reads/user-names';
import { grantAllows, operationScopes } from '../../../jira-sim/scopes/operation-scopes';
import { responseValidator } from '../../jira-sim/openapi-schema';
import { startFixture, type SimFixture } from '../../jira-sim/sim-fixture';

let fx: SimFixture;
beforeAll(async () => {
  fx = await startFixture({ size: 'small', seed: 21 });
});
afterAll(async () => {
  await fx.sim.close();
});

test('GET user/bulk is allowlisted and the requested grant opens it; grantReadsUserNames is the gateway rule', () => {
  expect(isAllowedRequest('GET', USER_BULK_PATH)).toBe(true);
  const required = operationScopes('GET', 'user/bulk')!;
  expect(new Set(required.granular)).toEqual(new Set(USER_NAME_SCOPES));
  expect(grantAllows(required, REQUESTED_SCOPES)).toBe(true);
  for (const granted of [[...USER_NAME_SCOPES], ['read:user:jira'], ['read:jira-user'], ['read:audit-log:jira'], []]) {
    expect([granted, grantReadsUserNames(granted)]).toEqual([granted, grantAllows(required, granted)]);
  }
});

test("jira-sim answers with the users it knows, as the spec's PageBeanUser; no accountId is a 400", async () => {
  await fx.admin.putUser(fx.site.cloudId, 'acc-1', { displayName: 'Ada Admin' });
  const ok = await fx.jira('user/bulk?accountId=acc-1&accountId=nobody');
  expect(ok.status).toBe(200);
  const validate = responseValidator('/rest/api/3/user/bulk');
  expect(validate(ok.body) || validate.errorText()).toBe(true);
  expect(ok.body.values.map((u: { accountId: string; displayName: string }) => [u.accountId, u.displayName])).toEqual([['acc-1', 'Ada Admin']]);
  expect((await fx.jira('user/bulk')).status).toBe(400);
});

test('readDisplayNames reads every known id across batches and pages, and leaves unknown ones out', async () => {
  const ids = Array.from({ length: 120 }, (_, i) => `p-${i}`);
  for (const id of ids.filter((_, i) => i % 3 === 0)) await fx.admin.putUser(fx.site.cloudId, id, { displayName: `Person ${id}` });
  const client = createJiraClient({ apiBaseUrl: fx.sim.url, cloudId: fx.site.cloudId, getAccessToken: async () => fx.tokens.access_token });
  const names = await readDisplayNames(client, [...ids, 'p-0']);
  expect(names.size).toBe(40);
  expect(names.get('p-3')).toBe('Person p-3');
  expect(names.has('p-1')).toBe(false);
  // 120 distinct ids in batches of 50: three requests, whatever the duplicates.
  expect(client.requestCount()).toBe(3);
});
