/**
 * The platform group: issue link types, status categories, application roles, the general
 * configuration and time tracking, advanced settings, issue events. Every response is checked against
 * the spec's schema (plain arrays, the issueLinkTypes wrapper, single objects; none of them pages),
 * and every type can be changed through the admin API.
 */
import { generateSite } from '../../jira-sim/generate';
import { responseValidator, type ResponseValidator } from './openapi-schema';
import { startFixture, type SimFixture } from './sim-fixture';

let fx: SimFixture;

beforeAll(async () => {
  fx = await startFixture({ size: 'small', seed: 31 });
});
afterAll(async () => {
  await fx.sim.close();
});

const API = '/rest/api/3/';
const cloud = () => fx.site.cloudId;

function expectValid(validate: ResponseValidator, body: unknown, what: string): void {
  if (!validate(body)) throw new Error(`${what} does not match the spec:\n${validate.errorText()}`);
}

async function ok(path: string): Promise<any> {
  const response = await fx.jira(path);
  expect([path, response.status]).toEqual([path, 200]);
  return response.body;
}

describe('responses match the spec', () => {
  it.each([
    ['issueLinkType', 'issuelinktype'],
    ['statuscategory', 'statuscategory'],
    ['applicationrole', 'applicationrole'],
    ['configuration', 'jiraconfiguration'],
    ['configuration/timetracking', 'jiraconfiguration'],
    ['configuration/timetracking/options', 'jiraconfiguration'],
    ['application-properties/advanced-settings', 'advancedsetting'],
    ['events', 'issueevent'],
  ] as const)('GET %s', async (path, type) => {
    const body = await ok(path);
    expectValid(responseValidator(`${API}${path}`), body, path);
    expect(fx.site.objectCounts[type]).toBeGreaterThan(0);
  });

  it('plain arrays, the issueLinkTypes wrapper and single objects, with every object of the site', async () => {
    const counts = fx.site.objectCounts;
    expect((await ok('issueLinkType')).issueLinkTypes).toHaveLength(counts.issuelinktype);
    expect(await ok('statuscategory')).toHaveLength(4);
    expect(await ok('application-properties/advanced-settings')).toHaveLength(counts.advancedsetting);
    expect(await ok('events')).toHaveLength(counts.issueevent);
    const roles = await ok('applicationrole');
    expect(roles.map((r: any) => r.key).sort()).toEqual(['jira-core', 'jira-software']);
    for (const role of roles) expect(role).not.toHaveProperty('id');
    expect(counts.jiraconfiguration).toBe(1);
  });

  it('status categories are the four Jira has; system events are ids 1 to 17', async () => {
    const categories = await ok('statuscategory');
    expect(categories.map((c: any) => [c.id, c.key]).sort()).toEqual([
      [1, 'undefined'],
      [2, 'new'],
      [3, 'done'],
      [4, 'indeterminate'],
    ]);
    const events = await ok('events');
    expect(events.filter((e: any) => e.id < 10000).map((e: any) => e.id)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(events.find((e: any) => e.id === 1).name).toBe('Issue Created');
  });

  it('paging parameters are ignored: one response holds everything', async () => {
    const all = await ok('events');
    expect(await ok('events?startAt=5&maxResults=2')).toEqual(all);
  });
});

describe('time tracking and issue linking switched off, as Jira answers', () => {
  it('time tracking off: /configuration has no timeTrackingConfiguration, the provider is 204 without body, options stay', async () => {
    const options = await ok('configuration/timetracking/options');
    await fx.admin.patchObject(cloud(), 'jiraconfiguration', 'global', { timeTrackingEnabled: false });
    const configuration = await ok('configuration');
    expect(configuration.timeTrackingEnabled).toBe(false);
    expect(configuration).not.toHaveProperty('timeTrackingConfiguration');
    expectValid(responseValidator(`${API}configuration`), configuration, 'configuration');
    const provider = await fx.jira('configuration/timetracking');
    expect([provider.status, provider.text]).toEqual([204, '']);
    expect(await ok('configuration/timetracking/options')).toEqual(options);

    await fx.admin.patchObject(cloud(), 'jiraconfiguration', 'global', { timeTrackingEnabled: true });
    expect((await ok('configuration')).timeTrackingConfiguration).toEqual(options);
    expect((await ok('configuration/timetracking')).key).toBe('JIRA');
  });

  it('issue linking off: GET issueLinkType is 404', async () => {
    await fx.admin.patchObject(cloud(), 'jiraconfiguration', 'global', { issueLinkingEnabled: false });
    const response = await fx.jira('issueLinkType');
    expect(response.status).toBe(404);
    expect(response.body.errorMessages).toEqual([expect.any(String)]);
    await fx.admin.patchObject(cloud(), 'jiraconfiguration', 'global', { issueLinkingEnabled: true });
    expect((await fx.jira('issueLinkType')).status).toBe(200);
  });

  it('a site without Jira Software has no jira-software application role', async () => {
    const other = await fx.admin.createSite({ name: 'core-only', seed: 31, size: 'small', products: ['jira-core'] });
    const { tokens } = await fx.admin.consent(other.cloudId, fx.client, { scopes: ['manage:jira-configuration', 'offline_access'] });
    const roles = await fx.jira('applicationrole', { cloudId: other.cloudId, token: tokens.access_token });
    expect(roles.status).toBe(200);
    expect(roles.body.map((r: any) => r.key)).toEqual(['jira-core']);
  });
});

describe('admin mutations', () => {
  it('issue link types and issue events: add, rename, delete', async () => {
    const linkType = await fx.admin.addObject(cloud(), 'issuelinktype', { name: 'Causes', inward: 'is caused by', outward: 'causes' });
    let listed = (await ok('issueLinkType')).issueLinkTypes;
    expect(listed.find((t: any) => t.id === linkType['id'])).toMatchObject({ name: 'Causes', inward: 'is caused by', outward: 'causes' });
    expectValid(responseValidator(`${API}issueLinkType`), { issueLinkTypes: listed }, 'issueLinkType');
    await fx.admin.patchObject(cloud(), 'issuelinktype', linkType['id'] as string, { outward: 'leads to' });
    listed = (await ok('issueLinkType')).issueLinkTypes;
    expect(listed.find((t: any) => t.id === linkType['id']).outward).toBe('leads to');
    await fx.admin.deleteObject(cloud(), 'issuelinktype', linkType['id'] as string);
    expect((await ok('issueLinkType')).issueLinkTypes.some((t: any) => t.id === linkType['id'])).toBe(false);

    const event = await fx.admin.addObject(cloud(), 'issueevent', { name: 'Deployed to production' });
    expect(event['id']).toEqual(expect.any(Number));
    const events = await ok('events');
    expect(events.find((e: any) => e.id === event['id']).name).toBe('Deployed to production');
    expectValid(responseValidator(`${API}events`), events, 'events');
    await fx.admin.deleteObject(cloud(), 'issueevent', String(event['id']));
    expect((await ok('events')).some((e: any) => e.id === event['id'])).toBe(false);
  });

  it('status categories, advanced settings and application roles change by merge patch', async () => {
    await fx.admin.patchObject(cloud(), 'statuscategory', 4, { colorName: 'blue' });
    expect((await ok('statuscategory')).find((c: any) => c.id === 4).colorName).toBe('blue');

    await fx.admin.patchObject(cloud(), 'advancedsetting', 'jira.clone.prefix', { value: 'COPY -' });
    const settings = await ok('application-properties/advanced-settings');
    expect(settings.find((s: any) => s.id === 'jira.clone.prefix')).toMatchObject({
      key: 'jira.clone.prefix',
      value: 'COPY -',
      defaultValue: 'CLONE -',
    });
    expectValid(responseValidator(`${API}application-properties/advanced-settings`), settings, 'advanced settings');

    const [role] = await fx.admin.listObjects(cloud(), 'applicationrole');
    await fx.admin.patchObject(cloud(), 'applicationrole', role!['key'] as string, { selectedByDefault: true });
    const roles = await ok('applicationrole');
    expect(roles.find((r: any) => r.key === role!['key']).selectedByDefault).toBe(true);
    expectValid(responseValidator(`${API}applicationrole`), roles, 'applicationrole');
  });

  it('seat usage is volatile: touching it moves only the seat counts', async () => {
    const { changed } = await fx.admin.touchVolatile(cloud(), { type: 'applicationrole', id: 'jira-core' });
    // Group self links move between the site host and the API gateway too.
    expect(changed).toEqual(['defaultGroupsDetails', 'groupDetails', 'numberOfSeats', 'remainingSeats', 'userCount', 'userCountDescription']);
  });

  it('the general configuration is a singleton: patched, never added or removed', async () => {
    await fx.admin.patchObject(cloud(), 'jiraconfiguration', 'global', {
      votingEnabled: false,
      timeTrackingConfiguration: { workingHoursPerDay: 7.5 },
    });
    expect((await ok('configuration')).votingEnabled).toBe(false);
    expect((await ok('configuration/timetracking/options')).workingHoursPerDay).toBe(7.5);
    expectValid(responseValidator(`${API}configuration`), await ok('configuration'), 'configuration');
    await expect(fx.admin.addObject(cloud(), 'jiraconfiguration', {})).rejects.toMatchObject({ status: 400 });
    await expect(fx.admin.deleteObject(cloud(), 'jiraconfiguration', 'global')).rejects.toMatchObject({ status: 400 });
  });
});

describe('generation', () => {
  it('a large site has about 20 issue link types and 30 issue events; fixed sets stay fixed', () => {
    const site = generateSite(1, 'large', 'https://big.atlassian.net');
    expect(site.issuelinktype.length).toBe(21);
    expect(site.issueevent.length).toBe(32);
    expect(site.statuscategory).toHaveLength(4);
    expect(site.applicationrole).toHaveLength(2);
    expect(site.jiraconfiguration).toHaveLength(1);
    expect(site.advancedsetting.length).toBeGreaterThan(10);
    expect(new Set(site.issuelinktype.map((t) => t['name'])).size).toBe(site.issuelinktype.length);
  });
});
