/**
 * The sim's audit log (GET /rest/api/3/auditing/record): admin changes write records the way Jira
 * does, some types write none, answers page with offset/limit newest first and follow the spec's
 * `filter`, `from` and `to`; retention drops old records; a user without Administer Jira, a Free
 * site and a token without the audit scope are refused.
 */
import { responseValidator } from './openapi-schema';
import { CONFIG_SCOPES, startFixture, type SimFixture } from './sim-fixture';

let fx: SimFixture;
const ACTOR_A = '557058:aaaaaaaa-0000-0000-0000-00000000000a';
const ACTOR_B = '557058:bbbbbbbb-0000-0000-0000-00000000000b';

beforeAll(async () => {
  fx = await startFixture({ size: 'small', seed: 13 });
});
afterAll(async () => {
  await fx.admin.setClock(0);
  await fx.sim.close();
});

const records = async (query = '') => {
  const response = await fx.jira(`auditing/record${query}`);
  expect(response.status).toBe(200);
  return response.body;
};

it('an audited change writes one record with its author, object, and changed values, valid against the spec', async () => {
  const [scheme] = await fx.admin.listObjects(fx.site.cloudId, 'permissionscheme');
  await fx.admin.patchObject(fx.site.cloudId, 'permissionscheme', String(scheme!['id']), { description: 'Audited.' }, { author: ACTOR_A });
  const body = await records('?limit=1');
  // The spec's AuditRecordBean omits `authorAccountId` (additionalProperties: false), yet its own example
  // and Jira's answers carry it: validated apart from the rest.
  const { authorAccountId, ...record } = body.records[0];
  const validate = responseValidator('/rest/api/3/auditing/record');
  expect(validate({ ...body, records: [record] }) || validate.errorText()).toBe(true);
  expect(authorAccountId).toBe(ACTOR_A);
  // As Jira's SchemeEventHandlerImpl writes it: a SCHEME, its kind only in the summary and category.
  expect(record).toMatchObject({
    summary: 'Permission scheme updated',
    category: 'permissions',
    objectItem: { typeName: 'SCHEME', id: String(scheme!['id']), name: scheme!['name'] },
    changedValues: [{ fieldName: 'description', changedTo: 'Audited.' }],
  });
  expect(Date.parse(record.created.replace('+0000', 'Z'))).toBeGreaterThan(Date.now() - 60_000);
});

it('a workflow is named by its name (as id and name); an issue security scheme is a SCHEME too; a screen tab is an associated item of its screen', async () => {
  const [workflow] = await fx.admin.listObjects(fx.site.cloudId, 'workflow');
  await fx.admin.patchObject(fx.site.cloudId, 'workflow', String(workflow!['id']), { description: 'Edited.' }, { author: ACTOR_B });
  const [tab] = await fx.admin.listObjects(fx.site.cloudId, 'screentab');
  await fx.admin.patchObject(fx.site.cloudId, 'screentab', String(tab!['id']), { name: 'Renamed tab' });
  const [tabRecord, workflowRecord] = (await records('?limit=2')).records;
  expect(workflowRecord).toMatchObject({
    authorAccountId: ACTOR_B,
    summary: 'Workflow updated',
    category: 'workflows',
    objectItem: { typeName: 'WORKFLOW', id: workflow!['name'], name: workflow!['name'] },
  });
  expect(tabRecord.objectItem).toMatchObject({ typeName: 'SCREEN', id: String(tab!['screenId']) });
  expect(tabRecord.associatedItems).toEqual([expect.objectContaining({ typeName: 'SCREEN_TAB', id: String(tab!['id']), name: 'Renamed tab' })]);
  expect(tabRecord.authorAccountId).toMatch(/^557058:/);

  const [security] = await fx.admin.listObjects(fx.site.cloudId, 'issuesecurityscheme');
  await fx.admin.patchObject(fx.site.cloudId, 'issuesecurityscheme', String(security!['id']), { description: 'Edited.' });
  const [securityRecord] = (await records('?limit=1')).records;
  expect(securityRecord).toMatchObject({
    summary: 'Issue security scheme updated',
    category: 'permissions',
    objectItem: { typeName: 'SCHEME', id: String(security!['id']), name: security!['name'] },
  });
});

it('some changes write no record (Jira does not audit everything)', async () => {
  const before = (await records()).total;
  const [filter] = await fx.admin.listObjects(fx.site.cloudId, 'filter');
  await fx.admin.patchObject(fx.site.cloudId, 'filter', String(filter!['id']), { description: 'Not audited.' });
  expect((await records()).total).toBe(before);
});

it('pages with offset/limit newest first, clamps limit to 1000, and filters by terms, from and to', async () => {
  const [resolution] = await fx.admin.listObjects(fx.site.cloudId, 'resolution');
  const id = String(resolution!['id']);
  const start = (await fx.admin.getClock()).now;
  for (let i = 0; i < 5; i++) await fx.admin.patchObject(fx.site.cloudId, 'resolution', id, { description: `step ${i}` });
  const all = await records(`?from=${encodeURIComponent(start)}`);
  expect(all.total).toBe(5);
  expect(all.records.map((r: any) => r.changedValues[0].changedTo)).toEqual(['step 4', 'step 3', 'step 2', 'step 1', 'step 0']);
  const second = await records(`?from=${encodeURIComponent(start)}&offset=2&limit=2`);
  expect(second).toMatchObject({ offset: 2, limit: 2, total: 5 });
  expect(second.records.map((r: any) => r.id)).toEqual(all.records.slice(2, 4).map((r: any) => r.id));
  expect((await records('?limit=5000')).limit).toBe(1000);
  // Every term must occur somewhere ("man ed" in the spec's example); case does not matter. "3" is in
  // two records: the one changed to "step 3" and the next, changed from it.
  expect((await records(`?from=${encodeURIComponent(start)}&filter=${encodeURIComponent('STEP 3')}`)).total).toBe(2);
  expect((await records(`?from=${encodeURIComponent(start)}&filter=${encodeURIComponent('step3')}`)).total).toBe(0);
  expect((await records(`?from=${encodeURIComponent(start)}&filter=${encodeURIComponent('resolution updated')}`)).total).toBe(5);
  const third = all.records[2];
  expect((await records(`?to=${encodeURIComponent(third.created)}&from=${encodeURIComponent(start)}`)).records[0].id).toBeLessThanOrEqual(third.id);
  expect((await records(`?from=${encodeURIComponent(third.created)}&to=${encodeURIComponent(start)}`)).total).toBe(0);
});

it('a user without Administer Jira and a Free site get 403; a token without the audit scope gets 401', async () => {
  const user = await fx.admin.consent(fx.site.cloudId, fx.client, { scopes: CONFIG_SCOPES, administerJira: false });
  const refused = await fx.jira('auditing/record', { token: user.tokens.access_token });
  expect(refused.status).toBe(403);
  expect(refused.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });

  const free = await fx.admin.createSite({ name: 'free', size: 'small', plan: 'free' });
  const freeGrant = await fx.admin.consent(free.cloudId, fx.client, { scopes: CONFIG_SCOPES });
  const onFree = await fx.jira('auditing/record', { token: freeGrant.tokens.access_token, cloudId: free.cloudId });
  expect(onFree.status).toBe(403);
  expect(onFree.body.errorMessages[0]).toMatch(/paid plan/);

  const granular = await fx.admin.consent(fx.site.cloudId, fx.client, { scopes: ['read:field:jira', 'read:user:jira'] });
  expect((await fx.jira('auditing/record', { token: granular.tokens.access_token })).status).toBe(401);
  const audit = await fx.admin.consent(fx.site.cloudId, fx.client, { scopes: ['read:audit-log:jira', 'read:user:jira'] });
  expect((await fx.jira('auditing/record', { token: audit.tokens.access_token })).status).toBe(200);
});

it('records older than the retention are gone', async () => {
  const [priority] = await fx.admin.listObjects(fx.site.cloudId, 'priority');
  await fx.admin.patchObject(fx.site.cloudId, 'priority', String(priority!['id']), { description: 'old change' });
  await fx.admin.setAuditRetention(fx.site.cloudId, 30);
  await fx.admin.setClock(31 * 86400);
  await fx.admin.patchObject(fx.site.cloudId, 'priority', String(priority!['id']), { description: 'new change' });
  // Tokens live an hour: consent again on the later day.
  const { tokens } = await fx.admin.consent(fx.site.cloudId, fx.client, { scopes: CONFIG_SCOPES });
  const body = (await fx.jira('auditing/record', { token: tokens.access_token })).body;
  expect(body.records.map((r: any) => r.changedValues[0]?.changedTo)).toEqual(['new change']);
  expect((await fx.admin.auditRecords(fx.site.cloudId)).length).toBe(1);
});
