/** Every REST route of jira-sim answers in the shape the Jira OpenAPI spec declares, with Jira's paging rules. */
import { responseValidator, type ResponseValidator } from './openapi-schema';
import { allPages, startFixture, type SimFixture } from './sim-fixture';

let fx: SimFixture;

beforeAll(async () => {
  fx = await startFixture({ size: 'small', seed: 7 });
});
afterAll(async () => {
  await fx.sim.close();
});

function expectValid(validate: ResponseValidator, body: unknown): void {
  const valid = validate(body);
  if (!valid) throw new Error(`response does not match the spec:\n${validate.errorText()}`);
}

/** Paged routes: [path with query, spec path, config type it lists, default maxResults, cap]. */
const PAGED: Array<[string, string, string, number, number]> = [
  ['project/search', '/rest/api/3/project/search', 'project', 50, 100],
  ['project/search?expand=description,lead,issueTypes,url,projectKeys,insight', '/rest/api/3/project/search', 'project', 50, 100],
  ['field/search', '/rest/api/3/field/search', 'field', 50, 100],
  [
    'field/search?expand=key,searcherKey,isLocked,lastUsed,screensCount,contextsCount,projectsCount,stableId',
    '/rest/api/3/field/search',
    'field',
    50,
    100,
  ],
  ['issuetypescheme', '/rest/api/3/issuetypescheme', 'issuetypescheme', 50, 50],
  ['statuses/search', '/rest/api/3/statuses/search', 'status', 200, 200],
  ['priority/search', '/rest/api/3/priority/search', 'priority', 50, 50],
  ['resolution/search', '/rest/api/3/resolution/search', 'resolution', 50, 50],
  ['screens', '/rest/api/3/screens', 'screen', 100, 100],
  ['workflows/search', '/rest/api/3/workflows/search', 'workflow', 50, 50],
  ['workflows/search?expand=values.transitions', '/rest/api/3/workflows/search', 'workflow', 50, 50],
  ['workflowscheme', '/rest/api/3/workflowscheme', 'workflowscheme', 50, 50],
];

describe.each(PAGED)('GET %s', (route, specPath, type, defaultMax, cap) => {
  it('matches the spec on every page and lists every object once', async () => {
    const validate = responseValidator(specPath);
    const pages = await allPages(fx, route, 1000);
    for (const page of pages) expectValid(validate, page);
    const ids = pages.flatMap((p) => p.values.map((v: { id: unknown }) => String(v.id)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(fx.site.objectCounts[type as keyof typeof fx.site.objectCounts]);
  });

  it('uses the default page size, clamps larger requests to the cap and reports the cap', async () => {
    const sep = route.includes('?') ? '&' : '?';
    const first = await fx.jira(route);
    expect(first.body.maxResults).toBe(defaultMax);
    expect(first.body.startAt).toBe(0);
    const clamped = await fx.jira(`${route}${sep}maxResults=5000`);
    expect(clamped.body.maxResults).toBe(cap);
    expect(clamped.body.values.length).toBe(Math.min(cap, clamped.body.total));
  });

  it('marks the last page, and answers empty past the end', async () => {
    const sep = route.includes('?') ? '&' : '?';
    const first = await fx.jira(`${route}${sep}maxResults=2`);
    expect(first.body.isLast).toBe(false);
    expect(first.body.nextPage).toContain('startAt=2');
    const total: number = first.body.total;
    const last = await fx.jira(`${route}${sep}startAt=${total - 1}&maxResults=2`);
    expect(last.body).toMatchObject({ isLast: true, total, startAt: total - 1 });
    expect(last.body.values).toHaveLength(1);
    expect(last.body.nextPage).toBeUndefined();
    const beyond = await fx.jira(`${route}${sep}startAt=${total + 10}`);
    expect(beyond.body).toMatchObject({ isLast: true, total, values: [] });
  });
});

describe('unpaged routes', () => {
  it.each([
    ['field', '/rest/api/3/field', 'field'],
    ['issuetype', '/rest/api/3/issuetype', 'issuetype'],
    ['role', '/rest/api/3/role', 'projectrole'],
  ])('GET %s returns a plain array valid against the spec', async (route, specPath, type) => {
    const response = await fx.jira(route);
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body)).toBe(true);
    expect(response.body).toHaveLength(fx.site.objectCounts[type as keyof typeof fx.site.objectCounts]);
    expectValid(responseValidator(specPath), response.body);
  });

  it('GET permissionscheme returns the wrapper, with grants only when expanded', async () => {
    const validate = responseValidator('/rest/api/3/permissionscheme');
    const plain = await fx.jira('permissionscheme');
    expectValid(validate, plain.body);
    expect(plain.body.permissionSchemes).toHaveLength(fx.site.objectCounts.permissionscheme);
    expect(plain.body.permissionSchemes[0].permissions).toBeUndefined();
    for (const expand of ['all', 'permissions']) {
      const expanded = await fx.jira(`permissionscheme?expand=${expand}`);
      expectValid(validate, expanded.body);
      const grants = expanded.body.permissionSchemes[0].permissions;
      expect(grants.length).toBeGreaterThan(5);
      const holderTypes = new Set(expanded.body.permissionSchemes.flatMap((s: any) => s.permissions.map((g: any) => g.holder.type)));
      expect(holderTypes.size).toBeGreaterThanOrEqual(3);
    }
  });

  it('POST workflows reads workflows by id and by name, with their statuses', async () => {
    const search = await fx.jira('workflows/search?maxResults=3');
    const [a, b] = search.body.values;
    const read = await fx.jira('workflows', { method: 'POST', body: { workflowIds: [a.id], workflowNames: [b.name] } });
    expect(read.status).toBe(200);
    expectValid(responseValidator('/rest/api/3/workflows', 'post'), read.body);
    expect(read.body.workflows.map((w: any) => w.id).sort()).toEqual([a.id, b.id].sort());
    expect(read.body.workflows[0].transitions.length).toBeGreaterThan(0);
    const referenced = new Set(read.body.workflows.flatMap((w: any) => w.statuses.map((s: any) => s.statusReference)));
    expect(new Set(read.body.statuses.map((s: any) => s.id))).toEqual(referenced);
  });
});

describe('expand and volatile fields', () => {
  it('project/search reveals description, lead and issueTypes only when expanded', async () => {
    const plain = await fx.jira('project/search?maxResults=1');
    expect(plain.body.values[0]).not.toHaveProperty('lead');
    expect(plain.body.values[0]).toMatchObject({
      self: expect.stringContaining('https://acme.atlassian.net/'),
      avatarUrls: expect.any(Object),
      isPrivate: false,
    });
    expect(typeof plain.body.values[0].favourite).toBe('boolean');
    const expanded = await fx.jira('project/search?maxResults=1&expand=lead,issueTypes,description');
    expect(expanded.body.values[0]).toMatchObject({ lead: { accountId: expect.any(String) }, description: expect.any(String) });
    expect(expanded.body.values[0].issueTypes.length).toBeGreaterThan(0);
  });

  it('field/search shows counters only when expanded', async () => {
    const plain = await fx.jira('field/search?type=custom&maxResults=1');
    expect(plain.body.values[0]).not.toHaveProperty('screensCount');
    const expanded = await fx.jira('field/search?type=custom&maxResults=1&expand=screensCount,lastUsed');
    expect(expanded.body.values[0]).toMatchObject({ screensCount: expect.any(Number), lastUsed: { type: expect.any(String) } });
  });

  it('workflows/search has transitions only with expand=values.transitions and always lists statuses', async () => {
    const plain = await fx.jira('workflows/search?maxResults=2');
    expect(plain.body.values[0]).not.toHaveProperty('transitions');
    expect(plain.body.statuses.length).toBeGreaterThan(0);
    expect(plain.body.values[0]).toMatchObject({ isEditable: expect.any(Boolean), version: { versionNumber: expect.any(Number) } });
    const expanded = await fx.jira('workflows/search?maxResults=2&expand=values.transitions');
    expect(expanded.body.values[0].transitions.length).toBeGreaterThan(0);
  });

  it('roles carry per-user currentUserRole and actors', async () => {
    const roles = await fx.jira('role');
    expect(roles.body[0]).toMatchObject({ currentUserRole: expect.any(Boolean), actors: expect.any(Array) });
    expect(roles.body.some((r: any) => r.actors.some((a: any) => a.type === 'atlassian-group-role-actor'))).toBe(true);
  });
});

describe('ordering and filters', () => {
  it('lists are stable by id by default', async () => {
    const screens = await fx.jira('screens');
    const ids = screens.body.values.map((s: any) => s.id);
    expect(ids).toEqual([...ids].sort((x: number, y: number) => x - y));
  });

  it('applies orderBy=name and -name where Jira supports it', async () => {
    const asc = await fx.jira('project/search?orderBy=name&maxResults=100');
    const names = asc.body.values.map((p: any) => p.name);
    expect(names).toEqual([...names].sort((x: string, y: string) => x.localeCompare(y, 'en')));
    const desc = await fx.jira('screens?orderBy=-name');
    const screenNames = desc.body.values.map((s: any) => s.name);
    expect(screenNames).toEqual([...screenNames].sort((x: string, y: string) => y.localeCompare(x, 'en')));
  });

  it('filters by id, type and query', async () => {
    const custom = await fx.jira('field/search?type=custom&maxResults=100');
    expect(custom.body.values.every((f: any) => f.id.startsWith('customfield_'))).toBe(true);
    const one = await fx.jira('project/search?id=10001');
    expect(one.body.values.map((p: any) => p.id)).toEqual(['10001']);
    const done = await fx.jira('statuses/search?statusCategory=DONE');
    expect(done.body.values.every((s: any) => s.statusCategory === 'DONE')).toBe(true);
  });
});

describe('errors', () => {
  it('unknown paths answer 404 with a Jira error body', async () => {
    const response = await fx.jira('issue/ABC-1');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errorMessages: [expect.any(String)], errors: {}, status: 404 });
    const outside = await fx.http('/no/such/thing');
    expect(outside.status).toBe(404);
    expect(outside.body.errorMessages).toHaveLength(1);
  });
});
