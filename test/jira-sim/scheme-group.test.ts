/**
 * The schemes group: notification schemes, issue security schemes with their levels and members, priority
 * schemes with their priorities and projects. Every response is checked against the spec, page sizes
 * against the spec's defaults; the service's read plans run against the sim; the admin API mutates each type.
 */
import { generateSite } from '../../jira-sim/generate';
import { planCounts } from '../../jira-sim/generate/counts';
import type { PagingClient } from '../../jira-cloud/pagination';
import { issueSecurityLevels, issueSecuritySchemes, notificationSchemes, prioritySchemes } from '../../jira-cloud/reads/schemes';
import type { ListPlan } from '../../jira-cloud/read-plan-kit';
import { defaultMaxResults, responseValidator, type ResponseValidator } from './openapi-schema';
import { allPages, startFixture, type SimFixture } from './sim-fixture';

let fx: SimFixture;

// Big enough for several schemes of each kind and more than 50 priorities (the nested page of expand=priorities).
const SIZE = 6000;

beforeAll(async () => {
  fx = await startFixture({ size: SIZE, seed: 23 });
});
afterAll(async () => {
  await fx.sim.close();
});

const API = '/rest/api/3/';

function expectValid(validate: ResponseValidator, body: unknown, what: string): void {
  if (!validate(body)) throw new Error(`${what} does not match the spec:\n${validate.errorText()}`);
}

async function values(path: string, maxResults?: number): Promise<any[]> {
  return (await allPages(fx, path, maxResults)).flatMap((p) => p.values);
}

/** The service's read plans, run against the sim through a minimal client. */
function simClient(): PagingClient {
  return {
    getJson: async (path, query) => {
      const search = new URLSearchParams(Object.entries(query ?? {}).map(([k, v]): [string, string] => [k, String(v)]));
      const response = await fx.jira(`${path.replace('/rest/api/3/', '')}?${search.toString()}`);
      if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
      return response.body;
    },
  };
}

async function readAll(plan: ListPlan): Promise<{ objects: Array<Record<string, any>>; requests: number }> {
  const objects: Array<Record<string, any>> = [];
  const requests = await plan.read(simClient(), async (page) => {
    objects.push(...page);
  });
  return { objects, requests };
}

describe('responses match the spec', () => {
  it('notification schemes, with and without expand=all', async () => {
    const validate = responseValidator(`${API}notificationscheme`);
    for (const query of ['', '?expand=all', '?expand=notificationSchemeEvents', '?expand=group,user']) {
      for (const page of await allPages(fx, `notificationscheme${query}`, 3)) expectValid(validate, page, `notificationscheme${query}`);
    }
    const plain = await values('notificationscheme');
    expect(plain.every((s) => s.notificationSchemeEvents === undefined)).toBe(true);
    const expanded = await values('notificationscheme?expand=all');
    expect(expanded).toHaveLength(fx.site.objectCounts.notificationscheme);
    const types = new Set(
      expanded.flatMap((s) => s.notificationSchemeEvents.flatMap((e: any) => e.notifications.map((n: any) => n.notificationType))),
    );
    expect([...types]).toEqual(expect.arrayContaining(['Group', 'ProjectRole', 'User', 'CurrentAssignee']));
    // expand=all reveals the group, role and user each recipient names.
    const group = expanded
      .flatMap((s) => s.notificationSchemeEvents.flatMap((e: any) => e.notifications))
      .find((n: any) => n.notificationType === 'Group');
    expect(group).toMatchObject({ expand: 'group', group: { name: group.parameter, groupId: group.recipient } });
    // "Ordered by display name."
    const names = expanded.map((s) => s.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('issue security schemes (wrapper and paged search), levels and members', async () => {
    expectValid(responseValidator(`${API}issuesecurityschemes`), (await fx.jira('issuesecurityschemes')).body, 'issuesecurityschemes');
    for (const [path, size] of [
      ['issuesecurityschemes/search', 2],
      ['issuesecurityschemes/level', 7],
      ['issuesecurityschemes/level/member', 13],
    ] as const) {
      const validate = responseValidator(`${API}${path}`);
      for (const page of await allPages(fx, path, size)) expectValid(validate, page, path);
    }
    const schemes = await values('issuesecurityschemes/search');
    const levels = await values('issuesecurityschemes/level');
    const members = await values('issuesecurityschemes/level/member');
    expect(schemes).toHaveLength(fx.site.objectCounts.issuesecurityscheme);
    expect(levels).toHaveLength(fx.site.objectCounts.issuesecuritylevel);
    const levelIds = new Set(levels.map((l) => l.id));
    for (const member of members) expect(levelIds.has(member.issueSecurityLevelId)).toBe(true);
    // A level is its scheme's default exactly when the scheme says so.
    for (const level of levels) {
      const scheme = schemes.find((s) => String(s.id) === level.issueSecuritySchemeId);
      expect(level.isDefault).toBe(String(scheme.defaultLevel) === level.id);
    }
    const [level] = levels;
    const one = await fx.jira(`securitylevel/${level.id}`);
    expectValid(responseValidator(`${API}securitylevel/{id}`), one.body, 'securitylevel');
    expect(await values(`issuesecurityschemes/level/member?levelId=${level.id}`)).toEqual(members.filter((m) => m.issueSecurityLevelId === level.id));
  });

  it('priority schemes with nested pages of priorities and projects, and their own endpoints', async () => {
    const validate = responseValidator(`${API}priorityscheme`);
    for (const query of ['', '?expand=priorities,projects']) {
      for (const page of await allPages(fx, `priorityscheme${query}`, 2)) expectValid(validate, page, `priorityscheme${query}`);
    }
    const schemes = await values('priorityscheme?expand=priorities,projects');
    const byDefault = schemes.find((s) => s.isDefault === true);
    // The default scheme has every priority: more than a nested page holds.
    expect(byDefault.priorities).toMatchObject({ isLast: false, maxResults: 50, startAt: 0, total: fx.site.objectCounts.priority });
    expect(byDefault.priorities.values).toHaveLength(50);
    const priorities = await allPages(fx, `priorityscheme/${byDefault.id}/priorities`, 20);
    for (const page of priorities) expectValid(responseValidator(`${API}priorityscheme/{schemeId}/priorities`), page, 'priorities');
    expect(priorities.flatMap((p) => p.values).map((p: any) => p.sequence)).toEqual(
      Array.from({ length: fx.site.objectCounts.priority }, (_, i) => String(i + 1)),
    );
    const withProjects = schemes.find((s) => s.projects.total > 0);
    const projects = await allPages(fx, `priorityscheme/${withProjects.id}/projects`, 2);
    for (const page of projects) expectValid(responseValidator(`${API}priorityscheme/{schemeId}/projects`), page, 'projects');
    expect(projects.flatMap((p) => p.values).map((p: any) => p.id)).toEqual(withProjects.projects.values.map((p: any) => p.id));
  });
});

describe('paging as the spec declares it', () => {
  it.each([
    ['notificationscheme'],
    ['issuesecurityschemes/search'],
    ['issuesecurityschemes/level'],
    ['issuesecurityschemes/level/member'],
    ['priorityscheme'],
    ['priorityscheme/{schemeId}/priorities'],
    ['priorityscheme/{schemeId}/projects'],
  ])('%s: the default page size is the spec default, and the cap', async (template) => {
    const path = template.replace('{schemeId}', '1');
    const expected = defaultMaxResults(`${API}${template}`);
    expect(expected).toBe(50);
    expect((await fx.jira(path)).body.maxResults).toBe(expected);
    expect((await fx.jira(`${path}?maxResults=5000`)).body.maxResults).toBe(expected);
  });

  it('404 for the priorities or projects of an unknown priority scheme', async () => {
    for (const path of ['priorityscheme/999/priorities', 'priorityscheme/999/projects']) {
      expect(await fx.jira(path)).toMatchObject({ status: 404, body: { errorMessages: ['The priority scheme was not found.'], errors: {} } });
    }
  });
});

describe("the service's read plans against the sim", () => {
  it('read every object of each type, with few requests', async () => {
    const counts = (await fx.admin.getSite(fx.site.cloudId)).objectCounts;
    const notification = await readAll(notificationSchemes);
    expect(notification.objects).toHaveLength(counts.notificationscheme);
    expect(notification.objects.every((s) => Array.isArray(s['notificationSchemeEvents']))).toBe(true);

    const schemes = await readAll(issueSecuritySchemes);
    expect(schemes.objects).toHaveLength(counts.issuesecurityscheme);
    const levels = await readAll(issueSecurityLevels);
    expect(levels.objects).toHaveLength(counts.issuesecuritylevel);
    const members = await values('issuesecurityschemes/level/member');
    expect(levels.objects.flatMap((l) => l['members'])).toHaveLength(members.length);
    // Two paged lists, whatever the number of schemes and levels.
    expect(levels.requests).toBe(Math.ceil(counts.issuesecuritylevel / 50) + Math.ceil(members.length / 50));

    const priority = await readAll(prioritySchemes);
    expect(priority.objects).toHaveLength(counts.priorityscheme);
    const byDefault = priority.objects.find((s) => s['isDefault'] === true)!;
    // The nested page was cut at 50: the plan read the rest, in order.
    expect(byDefault['priorityIds']).toEqual((await values('priority/search')).map((p) => p.id));
    expect(byDefault['priorities']).toBeUndefined();
    expect(priority.requests).toBeGreaterThan(1);
  });
});

describe('a Free site has no issue security', () => {
  it('answers 403 on every issue security endpoint the service reads', async () => {
    const site = await fx.admin.createSite({ name: 'free-schemes', size: 'small', plan: 'free' });
    const { tokens } = await fx.admin.consent(site.cloudId, fx.client, { scopes: ['manage:jira-configuration', 'manage:jira-project'] });
    for (const path of ['issuesecurityschemes/search', 'issuesecurityschemes/level', 'issuesecurityschemes/level/member']) {
      const response = await fx.jira(path, { cloudId: site.cloudId, token: tokens.access_token });
      expect([path, response.status, response.body.errorMessages]).toEqual([path, 403, [expect.any(String)]]);
    }
    expect((await fx.jira('priorityscheme', { cloudId: site.cloudId, token: tokens.access_token })).status).toBe(200);
  });
});

describe('admin mutations', () => {
  const cloud = () => fx.site.cloudId;

  it('notification schemes: events and recipients by merge patch', async () => {
    const scheme = await fx.admin.addObject(cloud(), 'notificationscheme', {
      name: 'Audit notifications',
      notificationSchemeEvents: [
        { event: { id: 1, name: 'Issue Created', description: '' }, notifications: [{ id: 1, notificationType: 'Reporter' }] },
      ],
    });
    const id = String(scheme['id']);
    const read = async () => (await values(`notificationscheme?id=${id}&expand=all`))[0];
    expect((await read()).notificationSchemeEvents).toEqual([
      { event: { id: 1, name: 'Issue Created', description: '' }, notifications: [{ id: 1, notificationType: 'Reporter' }] },
    ]);
    await fx.admin.patchObject(cloud(), 'notificationscheme', id, { notificationSchemeEvents: [] });
    expect((await read()).notificationSchemeEvents).toEqual([]);
    await fx.admin.deleteObject(cloud(), 'notificationscheme', id);
    expect(await values(`notificationscheme?id=${id}`)).toEqual([]);
  });

  it('issue security: a level needs its scheme; deleting the scheme deletes its levels; the default follows the scheme', async () => {
    const scheme = await fx.admin.addObject(cloud(), 'issuesecurityscheme', { name: 'Audit security' });
    const schemeId = String(scheme['id']);
    await expect(fx.admin.addObject(cloud(), 'issuesecuritylevel', { name: 'Orphan', issueSecuritySchemeId: '999' })).rejects.toMatchObject({
      status: 400,
    });
    const level = await fx.admin.addObject(cloud(), 'issuesecuritylevel', {
      name: 'Auditors',
      issueSecuritySchemeId: schemeId,
      members: [{ id: '90001', holder: { type: 'reporter' } }],
    });
    await fx.admin.patchObject(cloud(), 'issuesecurityscheme', schemeId, { defaultLevel: Number(level['id']) });
    expect(await values(`issuesecurityschemes/level?schemeId=${schemeId}`)).toEqual([
      expect.objectContaining({ id: level['id'], name: 'Auditors', isDefault: true, issueSecuritySchemeId: schemeId }),
    ]);
    expect(await values(`issuesecurityschemes/level/member?schemeId=${schemeId}`)).toEqual([
      { id: '90001', holder: { type: 'reporter' }, issueSecurityLevelId: level['id'], issueSecuritySchemeId: schemeId },
    ]);
    await fx.admin.deleteObject(cloud(), 'issuesecuritylevel', level['id'] as string);
    expect((await values(`issuesecurityschemes/search?id=${schemeId}`))[0].defaultLevel).toBeUndefined();
    const again = await fx.admin.addObject(cloud(), 'issuesecuritylevel', { name: 'Again', issueSecuritySchemeId: schemeId });
    await fx.admin.deleteObject(cloud(), 'issuesecurityscheme', schemeId);
    expect((await fx.admin.listObjects(cloud(), 'issuesecuritylevel')).some((l) => l['id'] === again['id'])).toBe(false);
  });

  it('priority schemes: priorities in the order given, projects', async () => {
    const scheme = await fx.admin.addObject(cloud(), 'priorityscheme', {
      name: 'Audit priorities',
      priorityIds: ['5', '1', '3'],
      projectIds: ['10000'],
    });
    const [view] = await values(`priorityscheme?schemeId=${String(scheme['id'])}&expand=priorities,projects`);
    expect(view.priorities.values.map((p: any) => [p.id, p.sequence])).toEqual([
      ['5', '1'],
      ['1', '2'],
      ['3', '3'],
    ]);
    expect(view.projects.values.map((p: any) => p.id)).toEqual(['10000']);
  });
});

describe('generation', () => {
  it('a large site has realistic numbers of schemes; levels have members; every reference resolves', () => {
    const site = generateSite(8, 'large', 'https://big.atlassian.net');
    const counts = planCounts('large');
    expect(site.notificationscheme).toHaveLength(counts.notificationscheme);
    expect(counts.notificationscheme).toBeGreaterThanOrEqual(50);
    expect(counts.issuesecurityscheme).toBeGreaterThanOrEqual(20);
    expect(counts.issuesecuritylevel).toBeGreaterThanOrEqual(4 * counts.issuesecurityscheme);
    expect(counts.priorityscheme).toBeGreaterThanOrEqual(20);
    const schemeIds = new Set(site.issuesecurityscheme.map((s) => String(s['id'])));
    for (const level of site.issuesecuritylevel) {
      expect(schemeIds.has(level['issueSecuritySchemeId'] as string)).toBe(true);
      expect((level['members'] as unknown[]).length).toBeGreaterThan(0);
    }
    const priorityIds = new Set(site.priority.map((p) => p['id']));
    for (const scheme of site.priorityscheme) for (const id of scheme['priorityIds'] as string[]) expect(priorityIds.has(id)).toBe(true);
    // Every classic project is in exactly one priority scheme.
    const assigned = site.priorityscheme.flatMap((s) => s['projectIds'] as string[]);
    expect(new Set(assigned).size).toBe(assigned.length);
  });
});
