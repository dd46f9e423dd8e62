/**
 * The screens group: a screen's tabs and their fields, screen schemes, issue type screen schemes and
 * their mappings, issue type scheme mappings. Every response is checked against the spec, page sizes
 * against the spec's defaults, errors against Jira's bodies; the admin API mutates every new type.
 */
import { generateSite } from '../../jira-sim/generate';
import { OPERATION_SCOPE_TABLE } from '../../jira-sim/scopes/operation-scope-table';
import { grantAllows } from '../../jira-sim/scopes/operation-scopes';
import { defaultMaxResults, responseValidator, type ResponseValidator } from './openapi-schema';
import { allPages, startFixture, type SimFixture } from './sim-fixture';

let fx: SimFixture;

beforeAll(async () => {
  fx = await startFixture({ size: 'small', seed: 23 });
});
afterAll(async () => {
  await fx.sim.close();
});

const API = '/rest/api/3/';
const cloud = () => fx.site.cloudId;

function expectValid(validate: ResponseValidator, body: unknown, what: string): void {
  if (!validate(body)) throw new Error(`${what} does not match the spec:\n${validate.errorText()}`);
}

async function values(path: string, maxResults?: number): Promise<any[]> {
  return (await allPages(fx, path, maxResults)).flatMap((p) => p.values);
}

async function ok(path: string): Promise<any> {
  const response = await fx.jira(path);
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${response.text}`);
  return response.body;
}

describe('responses match the spec', () => {
  it("every screen's tabs, and every tab's fields, in order, a field on at most one tab of a screen", async () => {
    const tabsOf = responseValidator(`${API}screens/{screenId}/tabs`);
    const fieldsOf = responseValidator(`${API}screens/{screenId}/tabs/{tabId}/fields`);
    const fieldIds = new Set((await ok('field')).map((f: any) => f.id));
    let tabs = 0;
    for (const screen of await values('screens')) {
      const own = await ok(`screens/${screen.id}/tabs`);
      expectValid(tabsOf, own, `tabs of screen ${screen.id}`);
      expect(own.length).toBeGreaterThan(0);
      const seen = new Set<string>();
      for (const tab of own) {
        const fields = await ok(`screens/${screen.id}/tabs/${tab.id}/fields`);
        expectValid(fieldsOf, fields, `fields of tab ${tab.id}`);
        for (const field of fields) {
          expect(fieldIds.has(field.id)).toBe(true);
          expect(seen.has(field.id)).toBe(false);
          seen.add(field.id);
        }
      }
      expect(own[0].name).toBe('Field Tab');
      tabs += own.length;
    }
    expect(tabs).toBe(fx.site.objectCounts.screentab);
  });

  it('screen schemes name existing screens; with expand, the issue type screen schemes that use them', async () => {
    const validate = responseValidator(`${API}screenscheme`);
    const pages = await allPages(fx, 'screenscheme', 2);
    for (const page of pages) expectValid(validate, page, 'screenscheme page');
    const schemes = pages.flatMap((p) => p.values);
    expect(schemes).toHaveLength(fx.site.objectCounts.screenscheme);
    expect(schemes.find((s: any) => s.id === 1)).toMatchObject({ name: 'Default Screen Scheme', screens: { default: expect.any(Number) } });
    const screenIds = new Set((await values('screens')).map((s: any) => s.id));
    for (const scheme of schemes) for (const id of Object.values(scheme.screens)) expect(screenIds.has(id)).toBe(true);

    const expanded = await allPages(fx, 'screenscheme?expand=issueTypeScreenSchemes');
    for (const page of expanded) expectValid(validate, page, 'expanded screenscheme page');
    const mappings = await values('issuetypescreenscheme/mapping');
    for (const scheme of expanded.flatMap((p) => p.values)) {
      const users = new Set(mappings.filter((m: any) => m.screenSchemeId === String(scheme.id)).map((m: any) => m.issueTypeScreenSchemeId));
      expect(scheme.issueTypeScreenSchemes.values.map((s: any) => s.id).sort()).toEqual([...users].sort());
    }
  });

  it('issue type screen schemes and their mappings: one default each, every screen scheme existing', async () => {
    const pages = await allPages(fx, 'issuetypescreenscheme', 2);
    for (const page of pages) expectValid(responseValidator(`${API}issuetypescreenscheme`), page, 'issuetypescreenscheme page');
    const mappingPages = await allPages(fx, 'issuetypescreenscheme/mapping', 3);
    for (const page of mappingPages) expectValid(responseValidator(`${API}issuetypescreenscheme/mapping`), page, 'mapping page');
    const schemes = pages.flatMap((p) => p.values);
    expect(schemes).toHaveLength(fx.site.objectCounts.issuetypescreenscheme);
    const schemeIds = new Set(schemes.map((s: any) => s.id));
    const screenSchemeIds = new Set((await values('screenscheme')).map((s: any) => String(s.id)));
    const rows = mappingPages.flatMap((p) => p.values);
    for (const row of rows) {
      expect(schemeIds.has(row.issueTypeScreenSchemeId)).toBe(true);
      expect(screenSchemeIds.has(row.screenSchemeId)).toBe(true);
    }
    expect(rows.filter((r: any) => r.issueTypeId === 'default')).toHaveLength(schemeIds.size);
    const one = rows.find((r: any) => r.issueTypeId !== 'default')!.issueTypeScreenSchemeId;
    const only = await values(`issuetypescreenscheme/mapping?issueTypeScreenSchemeId=${one}`);
    expect(only.map((r: any) => r.issueTypeScreenSchemeId)).toEqual(only.map(() => one));
    expect(only[0].issueTypeId).toBe('default');
  });

  it("issue type scheme mappings list each scheme's issue types in order; the schemes themselves stay as they were", async () => {
    const pages = await allPages(fx, 'issuetypescheme/mapping', 4);
    for (const page of pages) expectValid(responseValidator(`${API}issuetypescheme/mapping`), page, 'issuetypescheme mapping page');
    const schemePages = await allPages(fx, 'issuetypescheme');
    for (const page of schemePages) expectValid(responseValidator(`${API}issuetypescheme`), page, 'issuetypescheme page');
    const schemes = schemePages.flatMap((p) => p.values);
    for (const scheme of schemes) expect(scheme).not.toHaveProperty('issueTypeIds');
    const stored = await fx.admin.listObjects(cloud(), 'issuetypescheme');
    const rows = pages.flatMap((p) => p.values);
    for (const scheme of stored) {
      const listed = rows.filter((r: any) => r.issueTypeSchemeId === scheme['id']).map((r: any) => r.issueTypeId);
      expect(listed).toEqual(scheme['issueTypeIds']);
      if (scheme['defaultIssueTypeId']) expect(listed).toContain(scheme['defaultIssueTypeId']);
    }
    expect(new Set(rows.map((r: any) => r.issueTypeSchemeId)).size).toBe(schemes.length);
    expect(fx.site.objectCounts.issuetypeschemeitems).toBe(schemes.length);
  });
});

describe('paging as the spec declares it', () => {
  it.each([['screenscheme'], ['issuetypescreenscheme'], ['issuetypescreenscheme/mapping'], ['issuetypescheme/mapping']])(
    '%s: the default page size is the spec default, and the cap',
    async (path) => {
      const expected = defaultMaxResults(`${API}${path}`);
      expect(expected).toEqual(expect.any(Number));
      expect((await fx.jira(path)).body.maxResults).toBe(expected);
      expect((await fx.jira(`${path}?maxResults=5000`)).body.maxResults).toBe(expected);
    },
  );

  it('screen schemes come in pages of 25 on a site with more', async () => {
    expect(defaultMaxResults(`${API}screenscheme`)).toBe(25);
    for (let i = 0; i < 30; i++) await fx.admin.addObject(cloud(), 'screenscheme', { name: `Paging scheme ${i}` });
    const first = await ok('screenscheme');
    expect(first).toMatchObject({ maxResults: 25, startAt: 0, isLast: false });
    expect(first.values).toHaveLength(25);
  });

  it('tabs and tab fields are plain arrays, whatever paging parameters are sent', async () => {
    const [screen] = await values('screens');
    const tabs = await ok(`screens/${screen.id}/tabs?startAt=0&maxResults=1`);
    expect(Array.isArray(tabs)).toBe(true);
    expect(Array.isArray(await ok(`screens/${screen.id}/tabs/${tabs[0].id}/fields?maxResults=1`))).toBe(true);
  });
});

describe('errors as Jira answers them', () => {
  it('404 for an unknown screen or a tab of another screen, 400 for an id that is not a number', async () => {
    expect(await fx.jira('screens/999999/tabs')).toMatchObject({ status: 404, body: { errorMessages: ['The screen was not found.'], errors: {} } });
    const [a, b] = await values('screens');
    const [tabOfB] = await ok(`screens/${b.id}/tabs`);
    expect(await fx.jira(`screens/${a.id}/tabs/${tabOfB.id}/fields`)).toMatchObject({
      status: 404,
      body: { errorMessages: ['The screen tab was not found.'], errors: {} },
    });
    expect((await fx.jira('screens/abc/tabs')).status).toBe(400);
  });
});

describe('scopes', () => {
  it("each operation needs its own granular scope (a tab's fields need read:screenable-field:jira)", () => {
    expect(grantAllows(OPERATION_SCOPE_TABLE['GET screens/{screenId}/tabs']!, ['read:screen-tab:jira'])).toBe(true);
    expect(grantAllows(OPERATION_SCOPE_TABLE['GET screens/{screenId}/tabs/{tabId}/fields']!, ['read:screen-tab:jira'])).toBe(false);
    expect(grantAllows(OPERATION_SCOPE_TABLE['GET screenscheme']!, ['read:screen-scheme:jira'])).toBe(false);
    expect(grantAllows(OPERATION_SCOPE_TABLE['GET screenscheme']!, ['read:screen-scheme:jira', 'read:issue-type-screen-scheme:jira'])).toBe(true);
    expect(grantAllows(OPERATION_SCOPE_TABLE['GET issuetypescheme/mapping']!, ['read:issue-type-scheme:jira'])).toBe(true);
    expect(grantAllows(OPERATION_SCOPE_TABLE['GET issuetypescreenscheme/mapping']!, ['manage:jira-configuration'])).toBe(true);
  });
});

describe('admin mutations', () => {
  it('a new tab goes after the last one; its fields and its place change by merge patch; it goes with its screen', async () => {
    const screen = await fx.admin.addObject(cloud(), 'screen', { name: 'Audit Screen' });
    const screenId = screen['id'] as number;
    const details = await fx.admin.addObject(cloud(), 'screentab', { screenId, name: 'Details', fieldIds: ['summary', 'duedate'] });
    const people = await fx.admin.addObject(cloud(), 'screentab', { screenId, name: 'People', fieldIds: ['assignee'] });
    expect(await ok(`screens/${screenId}/tabs`)).toEqual([
      { id: details['id'], name: 'Details' },
      { id: people['id'], name: 'People' },
    ]);
    expect(await ok(`screens/${screenId}/tabs/${String(details['id'])}/fields`)).toEqual([
      { id: 'summary', name: 'Summary' },
      { id: 'duedate', name: 'Due date' },
    ]);
    await fx.admin.reorder(cloud(), { type: 'screentab', id: details['id'] as number, arrayPath: 'fieldIds' });
    expect((await ok(`screens/${screenId}/tabs/${String(details['id'])}/fields`)).map((f: any) => f.id)).toEqual(['duedate', 'summary']);
    await fx.admin.patchObject(cloud(), 'screentab', people['id'] as number, { position: -1 });
    expect((await ok(`screens/${screenId}/tabs`)).map((t: any) => t.name)).toEqual(['People', 'Details']);

    await expect(fx.admin.addObject(cloud(), 'screentab', { screenId: 999999, name: 'Nowhere' })).rejects.toMatchObject({ status: 400 });
    await fx.admin.deleteObject(cloud(), 'screen', screenId);
    expect((await fx.jira(`screens/${screenId}/tabs`)).status).toBe(404);
    const left = await fx.admin.listObjects(cloud(), 'screentab');
    expect(left.filter((t) => t['screenId'] === screenId)).toEqual([]);
  });

  it('a deleted field leaves every tab it was on', async () => {
    const field = await fx.admin.addObject(cloud(), 'field', { name: 'Temporary' });
    const [tab] = await fx.admin.listObjects(cloud(), 'screentab');
    await fx.admin.patchObject(cloud(), 'screentab', tab!['id'] as number, { fieldIds: [...(tab!['fieldIds'] as string[]), field['id'] as string] });
    const path = `screens/${String(tab!['screenId'])}/tabs/${String(tab!['id'])}/fields`;
    expect((await ok(path)).at(-1)).toEqual({ id: field['id'], name: 'Temporary' });
    await fx.admin.deleteObject(cloud(), 'field', field['id'] as string);
    expect((await ok(path)).map((f: any) => f.id)).not.toContain(field['id']);
  });

  it('screen schemes, issue type screen schemes and issue type scheme items change by merge patch', async () => {
    const scheme = await fx.admin.addObject(cloud(), 'screenscheme', { name: 'Audit screens', screens: { default: 1, edit: 2 } });
    expect((await values(`screenscheme?id=${String(scheme['id'])}`))[0]).toEqual({
      id: scheme['id'],
      name: 'Audit screens',
      screens: { default: 1, edit: 2 },
    });
    await fx.admin.patchObject(cloud(), 'screenscheme', scheme['id'] as number, { screens: { edit: null, view: 3 } });
    expect((await values(`screenscheme?id=${String(scheme['id'])}`))[0].screens).toEqual({ default: 1, view: 3 });

    const its = await fx.admin.addObject(cloud(), 'issuetypescreenscheme', {
      name: 'Audit issue type screens',
      mappings: { '10001': String(scheme['id']) },
    });
    const rows = await values(`issuetypescreenscheme/mapping?issueTypeScreenSchemeId=${String(its['id'])}`);
    expect(rows.map((r: any) => [r.issueTypeId, r.screenSchemeId])).toEqual([
      ['default', '1'],
      ['10001', String(scheme['id'])],
    ]);

    const [typeScheme] = await fx.admin.listObjects(cloud(), 'issuetypescheme');
    const order = [...(typeScheme!['issueTypeIds'] as string[])].reverse();
    await fx.admin.patchObject(cloud(), 'issuetypescheme', typeScheme!['id'] as string, { issueTypeIds: order });
    const items = await values(`issuetypescheme/mapping?issueTypeSchemeId=${String(typeScheme!['id'])}`);
    expect(items.map((r: any) => r.issueTypeId)).toEqual(order);
  });
});

describe('generation', () => {
  it('a large site has its screens with tabs, screen schemes and issue type screen schemes, all references resolvable', () => {
    const site = generateSite(8, 'large', 'https://big.atlassian.net');
    expect(site.screen.length).toBeGreaterThanOrEqual(300);
    expect(site.screentab.length).toBeGreaterThanOrEqual(2 * site.screen.length);
    const screens = new Set(site.screen.map((s) => s['id']));
    const tabbed = new Set(site.screentab.map((t) => t['screenId']));
    expect(tabbed).toEqual(screens);
    const fields = new Set(site.field.map((f) => f['id']));
    for (const tab of site.screentab) for (const id of tab['fieldIds'] as string[]) expect(fields.has(id)).toBe(true);
    const screenSchemes = new Set(site.screenscheme.map((s) => String(s['id'])));
    for (const scheme of site.screenscheme) for (const id of Object.values(scheme['screens'] as object)) expect(screens.has(id)).toBe(true);
    for (const scheme of site.issuetypescreenscheme) {
      for (const id of Object.values(scheme['mappings'] as object)) expect(screenSchemes.has(id as string)).toBe(true);
    }
    expect(site.screenscheme.length).toBeGreaterThan(site.issuetypescreenscheme.length);
  });
});
