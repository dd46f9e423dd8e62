/**
 * The projects group: project categories, a project's components and versions. Every response is
 * checked against the spec, page sizes against the spec's defaults, errors against Jira's bodies, and
 * the admin API mutates every type.
 */
import { generateSite } from '../../jira-sim/generate';
import { MAX_PROJECT_ROLES } from '../../jira-sim/generate/counts';
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

async function values(path: string): Promise<any[]> {
  return (await allPages(fx, path)).flatMap((p) => p.values);
}

async function projects(): Promise<any[]> {
  return values('project/search?expand=lead');
}

describe('responses match the spec', () => {
  it('project categories: a plain array', async () => {
    const response = await fx.jira('projectCategory');
    expect(response.status).toBe(200);
    expectValid(responseValidator(`${API}projectCategory`), response.body, 'projectCategory');
    expect(Array.isArray(response.body)).toBe(true);
    expect(response.body).toHaveLength(fx.site.objectCounts.projectcategory);
  });

  it('components and versions of every project, on every page (pages of 2), by id and by key', async () => {
    const components = responseValidator(`${API}project/{projectIdOrKey}/component`);
    const versions = responseValidator(`${API}project/{projectIdOrKey}/version`);
    let componentCount = 0;
    let versionCount = 0;
    for (const project of await projects()) {
      for (const page of await allPages(fx, `project/${project.id}/component`, 2)) expectValid(components, page, `components of ${project.key}`);
      for (const page of await allPages(fx, `project/${project.key}/version?expand=operations,issuesstatus,approvers`, 2))
        expectValid(versions, page, `versions of ${project.key}`);
      componentCount += (await values(`project/${project.key}/component`)).length;
      versionCount += (await values(`project/${project.id}/version`)).length;
    }
    expect(componentCount).toBe(fx.site.objectCounts.component);
    expect(versionCount).toBe(fx.site.objectCounts.version);
    expect(componentCount).toBeGreaterThan(0);
    expect(versionCount).toBeGreaterThan(0);
  });

  it('pages hold the spec default (50) and no more', async () => {
    for (const path of [`${API}project/{projectIdOrKey}/component`, `${API}project/{projectIdOrKey}/version`])
      expect(defaultMaxResults(path)).toBe(50);
    const project = (await projects())[0];
    for (let i = 0; i < 60; i++) await fx.admin.addObject(cloud(), 'version', { projectId: project.id, name: `bulk ${i}` });
    const first = (await fx.jira(`project/${project.id}/version`)).body;
    expect([first.maxResults, first.values.length, first.isLast]).toEqual([50, 50, false]);
    const asked = (await fx.jira(`project/${project.id}/version?maxResults=500`)).body;
    expect(asked.maxResults).toBe(50);
  });

  it('an unknown project is 404 with Jira’s message', async () => {
    for (const suffix of ['component', 'version']) {
      const response = await fx.jira(`project/NOPE/${suffix}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ errorMessages: ["No project could be found with key 'NOPE'."], errors: {} });
    }
  });

  it('components: assignee follows assigneeType; issue counts only in the view', async () => {
    for (const project of (await projects()).slice(0, 6)) {
      for (const c of await values(`project/${project.id}/component`)) {
        expect(c.project).toBe(project.key);
        expect(c.projectId).toBe(Number(project.id));
        if (c.assigneeType === 'UNASSIGNED') expect(c.assignee).toBeUndefined();
        if (c.assigneeType === 'PROJECT_LEAD') expect(c.assignee?.accountId).toBe(project.lead?.accountId);
        if (c.assigneeType === 'COMPONENT_LEAD' && c.lead) expect(c.assignee.accountId).toBe(c.lead.accountId);
        expect(typeof c.issueCount).toBe('number');
      }
    }
  });
});

describe('admin mutations', () => {
  it('a project category: add, rename (shown in its projects), delete', async () => {
    const category = await fx.admin.addObject(cloud(), 'projectcategory', { name: 'Research', description: 'R&D' });
    expect((await fx.jira('projectCategory')).body).toContainEqual({
      self: expect.stringContaining(`/rest/api/3/projectCategory/${String(category['id'])}`),
      id: String(category['id']),
      name: 'Research',
      description: 'R&D',
    });
    const [project] = await fx.admin.listObjects(cloud(), 'project');
    await fx.admin.patchObject(cloud(), 'project', project!['id'] as string, { projectCategory: category });
    await fx.admin.patchObject(cloud(), 'projectcategory', category['id'] as string, { name: 'Research & Development' });
    const shown = async () => (await values(`project/search?id=${String(project!['id'])}`))[0];
    expect((await shown()).projectCategory.name).toBe('Research & Development');
    await fx.admin.deleteObject(cloud(), 'projectcategory', category['id'] as string);
    expect((await shown()).projectCategory).toBeUndefined();
    expect((await fx.jira('projectCategory')).body.map((c: any) => c.id)).not.toContain(String(category['id']));
  });

  it('a component: needs a project, changes by merge patch, goes with its project', async () => {
    await expect(fx.admin.addObject(cloud(), 'component', { name: 'x' })).rejects.toMatchObject({ status: 400 });
    const project = await fx.admin.addObject(cloud(), 'project', { key: 'CMPX', name: 'Components' });
    const component = await fx.admin.addObject(cloud(), 'component', { projectId: project['id'] as string, name: 'Billing' });
    await fx.admin.patchObject(cloud(), 'component', component['id'] as string, { description: 'Money', assigneeType: 'UNASSIGNED' });
    expect(await values('project/CMPX/component')).toEqual([
      expect.objectContaining({ id: component['id'], name: 'Billing', description: 'Money', assigneeType: 'UNASSIGNED', isAssigneeTypeValid: true }),
    ]);
    await fx.admin.deleteObject(cloud(), 'project', project['id'] as string);
    expect((await fx.admin.listObjects(cloud(), 'component')).map((c) => c['id'])).not.toContain(component['id']);
  });

  it('a version: added last in its release sequence, moved by patching sequence, filtered by status', async () => {
    const project = await fx.admin.addObject(cloud(), 'project', { key: 'VERX', name: 'Versions' });
    const projectId = project['id'] as string;
    const a = await fx.admin.addObject(cloud(), 'version', { projectId, name: '1.0', released: true, releaseDate: '2026-01-10' });
    const b = await fx.admin.addObject(cloud(), 'version', { projectId, name: '2.0' });
    const c = await fx.admin.addObject(cloud(), 'version', { projectId, name: '3.0', archived: true, released: true });
    const names = async (query = '') => (await values(`project/VERX/version${query}`)).map((v) => v.name);
    expect(await names()).toEqual(['1.0', '2.0', '3.0']);
    await fx.admin.patchObject(cloud(), 'version', c['id'] as string, { sequence: 0 });
    expect(await names()).toEqual(['3.0', '1.0', '2.0']);
    expect(await names('?orderBy=sequence')).toEqual(['3.0', '1.0', '2.0']);
    expect(await names('?orderBy=-name')).toEqual(['3.0', '2.0', '1.0']);
    expect(await names('?status=unreleased')).toEqual(['2.0']);
    expect(await names('?status=released,archived')).toEqual(['3.0', '1.0']);
    const [view] = await values(`project/VERX/version?query=1.0`);
    expect(view).toMatchObject({ id: a['id'], name: '1.0', released: true, releaseDate: '2026-01-10', projectId: Number(projectId) });
    expect(view).not.toHaveProperty('sequence');
    expect(view).not.toHaveProperty('operations');
    expect((await values(`project/VERX/version?expand=operations`))[0].operations).toEqual(expect.any(Array));
    await fx.admin.deleteObject(cloud(), 'version', b['id'] as string);
    expect(await names()).toEqual(['3.0', '1.0']);
    await expect(fx.admin.addObject(cloud(), 'version', { projectId: '999999', name: 'x' })).rejects.toMatchObject({ status: 400 });
  });

  it('volatile touches change only what Jira changes without a configuration change', async () => {
    const [version] = (await fx.admin.listObjects(cloud(), 'version')).filter((v) => v['overdue'] !== undefined);
    const touched = await fx.admin.touchVolatile(cloud(), { type: 'version', id: version!['id'] as string });
    expect(touched.changed).toEqual(expect.arrayContaining(['overdue', 'userReleaseDate']));
    const [component] = await fx.admin.listObjects(cloud(), 'component');
    expect((await fx.admin.touchVolatile(cloud(), { type: 'component', id: component!['id'] as string })).changed).toContain('issueCount');
  });
});

describe('scheme associations', () => {
  const ids = (list: any[]) => list.map((p) => String(p.id));

  it('bulk association endpoints match the spec and group every company-managed project under one scheme', async () => {
    const all = await projects();
    const classic = all.filter((p) => p.style !== 'next-gen');
    const query = all.map((p) => `projectId=${String(p.id)}`).join('&');
    const workflow = await fx.jira(`workflowscheme/project?${query}`);
    expectValid(responseValidator(`${API}workflowscheme/project`), workflow.body, 'workflowscheme/project');
    const paths = ['issuetypescheme/project', 'issuetypescreenscheme/project', 'fieldconfigurationscheme/project', 'notificationscheme/project'];
    const listed: Record<string, any[]> = {};
    for (const path of paths) {
      const pages = await allPages(fx, `${path}?${query}`, 2);
      for (const page of pages) expectValid(responseValidator(`${API}${path}`), page, path);
      listed[path] = pages.flatMap((p) => p.values);
    }
    const grouped = (values: any[]) => values.flatMap((v) => v.projectIds).sort();
    expect(grouped(workflow.body.values)).toEqual(ids(classic).sort());
    for (const path of paths.slice(0, 3)) expect([path, grouped(listed[path]!)]).toEqual([path, ids(classic).sort()]);
    expect(listed['notificationscheme/project']!.map((m) => m.projectId)).toEqual(ids(classic).sort((a, b) => Number(a) - Number(b)));
    // Jira's Default Workflow Scheme has no id; named schemes do.
    expect(workflow.body.values.some((v: any) => v.workflowScheme.id === undefined && v.workflowScheme.name === 'Default Workflow Scheme')).toBe(
      true,
    );
    expect(workflow.body.values.some((v: any) => typeof v.workflowScheme.id === 'number')).toBe(true);
  });

  it('workflowscheme/project needs 1 to 100 project ids', async () => {
    expect((await fx.jira('workflowscheme/project')).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => `projectId=${10000 + i}`).join('&');
    expect((await fx.jira(`workflowscheme/project?${many}`)).status).toBe(400);
  });

  it('per-project permission and issue security schemes, priority schemes and their projects match the spec', async () => {
    const all = await projects();
    const permission = responseValidator(`${API}project/{projectKeyOrId}/permissionscheme`);
    for (const project of all.slice(0, 10)) {
      const response = await fx.jira(`project/${project.key}/permissionscheme`);
      expectValid(permission, response.body, `permission scheme of ${project.key}`);
      expect(response.body.permissions).toBeUndefined();
      // The issue security schemes list their projects (the schemes group); a project in none answers 404.
      const security = await fx.jira(`project/${project.id}/issuesecuritylevelscheme`);
      const listed = (await fx.admin.listObjects(cloud(), 'issuesecurityscheme')).some((s) =>
        (s['projectIds'] as unknown[]).map(String).includes(project.id),
      );
      if (listed) expectValid(responseValidator(`${API}project/{projectKeyOrId}/issuesecuritylevelscheme`), security.body, 'issue security scheme');
      else expect(security.status).toBe(404);
    }
    const schemes = await allPages(fx, 'priorityscheme');
    for (const page of schemes) expectValid(responseValidator(`${API}priorityscheme`), page, 'priorityscheme');
    const members = await allPages(fx, `priorityscheme/${schemes[0].values[0].id}/projects`, 7);
    for (const page of members) expectValid(responseValidator(`${API}priorityscheme/{schemeId}/projects`), page, 'priority scheme projects');
    // The scheme's projects are the ones it lists (the schemes group keeps that list; projectschemes patches move projects in it).
    const listed = (await fx.admin.getObject(cloud(), 'priorityscheme', String(schemes[0].values[0].id)))['projectIds'] as unknown[];
    expect(members.flatMap((p) => p.values).map((p: any) => p.id)).toEqual(listed.map(String).sort((a, b) => Number(a) - Number(b)));
    expect(listed.length).toBeGreaterThan(0);
    expect((await fx.jira('priorityscheme/999/projects')).status).toBe(404);
  });

  it('admin patches move a project between schemes; a new project gets the defaults; its associations go with it', async () => {
    const schemes = await fx.admin.listObjects(cloud(), 'permissionscheme');
    const workflowSchemes = await fx.admin.listObjects(cloud(), 'workflowscheme');
    const project = await fx.admin.addObject(cloud(), 'project', { key: 'SCHX', name: 'Schemes' });
    const id = project['id'] as string;
    const defaults = await fx.admin.getObject(cloud(), 'projectschemes', id);
    expect(defaults).toMatchObject({
      id,
      workflowSchemeId: null,
      fieldConfigurationSchemeId: null,
      issueSecuritySchemeId: null,
      notificationSchemeId: '10000',
    });
    expect((await fx.jira('project/SCHX/permissionscheme')).body.name).toBe('Default Permission Scheme');

    const target = workflowSchemes[workflowSchemes.length - 1]!;
    const securityScheme = (await fx.admin.listObjects(cloud(), 'issuesecurityscheme'))[0]!;
    await fx.admin.patchObject(cloud(), 'projectschemes', id, {
      workflowSchemeId: target['id'] as number,
      permissionSchemeId: schemes[1]!['id'] as number,
      issueSecuritySchemeId: securityScheme['id'] as number,
    });
    const workflow = (await fx.jira(`workflowscheme/project?projectId=${id}`)).body.values;
    expect(workflow).toEqual([{ projectIds: [id], workflowScheme: expect.objectContaining({ id: target['id'], name: target['name'] }) }]);
    expect((await fx.jira('project/SCHX/permissionscheme')).body.id).toBe(schemes[1]!['id']);
    const security = await fx.jira('project/SCHX/issuesecuritylevelscheme');
    expectValid(responseValidator(`${API}project/{projectKeyOrId}/issuesecuritylevelscheme`), security.body, 'issue security scheme');
    expect(security.body.id).toBe(securityScheme['id']);
    expect((await fx.admin.getObject(cloud(), 'issuesecurityscheme', String(securityScheme['id'])))['projectIds']).toContain(Number(id));

    await expect(fx.admin.addObject(cloud(), 'projectschemes', { workflowSchemeId: 1 })).rejects.toMatchObject({ status: 400 });
    await fx.admin.deleteObject(cloud(), 'project', id);
    await expect(fx.admin.getObject(cloud(), 'projectschemes', id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('project role actors', () => {
  it('the role map names every role; each role in each project matches the spec', async () => {
    const roles = (await fx.jira('role')).body as any[];
    const mapValidator = responseValidator(`${API}project/{projectIdOrKey}/role`);
    const roleValidator = responseValidator(`${API}project/{projectIdOrKey}/role/{id}`);
    for (const project of (await projects()).slice(0, 5)) {
      const map = (await fx.jira(`project/${project.key}/role`)).body;
      expectValid(mapValidator, map, `roles of ${project.key}`);
      expect(Object.keys(map).sort()).toEqual(roles.map((r) => r.name).sort());
      for (const url of Object.values<string>(map)) {
        expect(url).toMatch(new RegExp(`/rest/api/3/project/${String(project.id)}/role/\\d+$`));
        const roleId = url.split('/').pop();
        const role = await fx.jira(`project/${project.id}/role/${roleId}`);
        expectValid(roleValidator, role.body, `role ${roleId} of ${project.key}`);
        expect(role.body.id).toBe(Number(roleId));
      }
    }
    expect((await fx.jira('project/NOPE/role')).status).toBe(404);
    expect((await fx.jira(`project/${(await projects())[0].id}/role/1`)).status).toBe(404);
  });

  it('admin patches change who holds a role in one project only; a role added later holds its default actors', async () => {
    const [first, second] = await projects();
    const roles = (await fx.jira('role')).body as any[];
    const roleId = roles[0].id;
    const user = { id: 1, type: 'atlassian-user-role-actor', displayName: 'Ana', actorUser: { accountId: '5b10a2844c20165700ede99z' } };
    await fx.admin.patchObject(cloud(), 'projectroleactors', `${String(first.id)}:${String(roleId)}`, { actors: [user] });
    expect((await fx.jira(`project/${first.id}/role/${roleId}`)).body.actors).toEqual([user]);
    expect((await fx.jira(`project/${second.id}/role/${roleId}`)).body.actors).not.toEqual([user]);

    const added = await fx.admin.addObject(cloud(), 'projectrole', { name: 'Auditors', actors: [user] });
    const map = (await fx.jira(`project/${first.id}/role`)).body;
    expect(map['Auditors']).toMatch(new RegExp(`/project/${String(first.id)}/role/${String(added['id'])}$`));
    expect((await fx.jira(`project/${first.id}/role/${String(added['id'])}`)).body.actors).toEqual([user]);
    await expect(fx.admin.addObject(cloud(), 'projectroleactors', { actors: [] })).rejects.toMatchObject({ status: 400 });
  });
});

describe('generation', () => {
  it('a large site has ~20 categories and components and versions spread over its 1,760 projects', () => {
    const site = generateSite(8, 'large', 'https://big.atlassian.net');
    expect(site.project).toHaveLength(1760);
    expect(site.projectcategory).toHaveLength(21);
    expect(site.component).toHaveLength(3150);
    expect(site.version).toHaveLength(4200);
    // Every project's version sequence is 1..n, names unique within the project.
    const byProject = new Map<number, any[]>();
    for (const v of site.version) byProject.set(v['projectId'] as number, [...(byProject.get(v['projectId'] as number) ?? []), v]);
    for (const own of byProject.values()) {
      expect(own.map((v) => v.sequence)).toEqual(own.map((_, i) => i + 1));
      expect(new Set(own.map((v) => v.name)).size).toBe(own.length);
    }
    // The categories projects carry are categories of the site.
    expect(site.projectschemes.map((a) => a['id'])).toEqual(site.project.map((p) => p['id']));
    // A few roles, not hundreds: every role is read once per project.
    expect(site.projectrole).toHaveLength(MAX_PROJECT_ROLES);
    expect(site.projectroleactors).toHaveLength(1760 * MAX_PROJECT_ROLES);
    expect(site.projectschemes.filter((a) => a['workflowSchemeId'] !== null).length).toBeGreaterThan(100);
    const categoryIds = new Set(site.projectcategory.map((c) => c['id']));
    for (const p of site.project) if (p['projectCategory']) expect(categoryIds.has((p['projectCategory'] as any).id)).toBe(true);
  });
});
