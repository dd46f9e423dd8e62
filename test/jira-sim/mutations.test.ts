/** Admin mutations make drift visible through the REST API; reordering and volatile changes do not change content. */
import { JiraSimAdminError } from '../../jira-sim/admin-client';
import { responseValidator } from './openapi-schema';
import { allPages, startFixture, type SimFixture } from './sim-fixture';

let fx: SimFixture;

beforeAll(async () => {
  fx = await startFixture({ size: 'small', seed: 5 });
});
afterAll(async () => {
  await fx.sim.close();
});

const cloud = () => fx.site.cloudId;

/** Content as a drift tool would see it: objects keyed by id, keys sorted, volatile `self` etc. left in. */
function byId(values: any[]): Map<string, string> {
  return new Map(values.map((v) => [String(v.id), JSON.stringify(v)]));
}

describe('object mutations', () => {
  it('adds an object with a generated id, visible in the next read and valid against the spec', async () => {
    const created = await fx.admin.addObject(cloud(), 'status', { name: 'Awaiting Legal', statusCategory: 'IN_PROGRESS' });
    expect(created).toMatchObject({ id: expect.stringMatching(/^\d+$/), name: 'Awaiting Legal', scope: { type: 'GLOBAL' } });
    const page = await fx.jira(`statuses/search?searchString=Awaiting%20Legal`);
    expect(page.body.values).toEqual([created]);

    const field = await fx.admin.addObject(cloud(), 'field', { name: 'Compliance Tag' });
    expect(field['id']).toMatch(/^customfield_\d+$/);
    const fields = await fx.jira('field');
    expect(fields.body.some((f: any) => f.id === field['id'] && f.name === 'Compliance Tag')).toBe(true);
    expect(responseValidator('/rest/api/3/field')(fields.body)).toBe(true);

    const workflow = await fx.admin.addObject(cloud(), 'workflow', { name: 'Legal Review Workflow' });
    const read = await fx.jira('workflows', { method: 'POST', body: { workflowNames: ['Legal Review Workflow'] } });
    expect(read.body.workflows.map((w: any) => w.id)).toEqual([workflow['id']]);
    expect(responseValidator('/rest/api/3/workflows', 'post')(read.body)).toBe(true);
  });

  it('patches with JSON merge patch and deletes', async () => {
    const [screen] = await fx.admin.listObjects(cloud(), 'screen');
    const id = screen?.['id'] as number;
    const patched = await fx.admin.patchObject(cloud(), 'screen', id, { name: 'Renamed Screen', description: null });
    expect(patched).toEqual({ id, name: 'Renamed Screen' });
    const page = await fx.jira(`screens?id=${id}`);
    expect(page.body.values).toEqual([{ id, name: 'Renamed Screen' }]);

    await fx.admin.deleteObject(cloud(), 'screen', id);
    const after = await fx.jira(`screens?id=${id}`);
    expect(after.body.values).toEqual([]);
    await expect(fx.admin.getObject(cloud(), 'screen', id)).rejects.toBeInstanceOf(JiraSimAdminError);
  });

  it('bumps a workflow version when it is edited', async () => {
    const [workflow] = await fx.admin.listObjects(cloud(), 'workflow');
    const before = (workflow?.['version'] as any).versionNumber as number;
    const patched = await fx.admin.patchObject(cloud(), 'workflow', workflow?.['id'] as string, { description: 'edited' });
    expect((patched['version'] as any).versionNumber).toBe(before + 1);
  });

  it('shows an edited issue type inside projects that use it', async () => {
    const projects = await fx.jira('project/search?expand=issueTypes&maxResults=1');
    const type = projects.body.values[0].issueTypes[0];
    await fx.admin.patchObject(cloud(), 'issuetype', type.id, { name: 'Renamed Type' });
    const again = await fx.jira('project/search?expand=issueTypes&maxResults=1');
    expect(again.body.values[0].issueTypes.find((t: any) => t.id === type.id).name).toBe('Renamed Type');
  });

  it('rejects unknown types and bad bodies with 400', async () => {
    await expect(fx.admin.addObject(cloud(), 'nosuchtype' as never, {})).rejects.toMatchObject({ status: 400 });
    await expect(fx.admin.createSite({ name: '', size: 'small' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('changes that must not look like drift', () => {
  it('reorder reverses an array inside one object without changing its content', async () => {
    const before = await fx.jira('permissionscheme?expand=all');
    const scheme = before.body.permissionSchemes[1];
    await fx.admin.reorder(cloud(), { type: 'permissionscheme', id: scheme.id, arrayPath: 'permissions' });
    const after = await fx.jira('permissionscheme?expand=all');
    const reordered = after.body.permissionSchemes[1];
    expect(reordered.permissions).toEqual([...scheme.permissions].reverse());
    expect(reordered.permissions).not.toEqual(scheme.permissions);
  });

  it('ordering modes change the list order but not the set of objects', async () => {
    const baseline = byId((await allPages(fx, 'field/search', 100)).flatMap((p) => p.values));
    for (const mode of ['reverse', 'shuffle'] as const) {
      await fx.admin.setOrdering(cloud(), { mode, seed: 3 });
      const values = (await allPages(fx, 'field/search', 7)).flatMap((p) => p.values);
      expect(values.map((v: any) => v.id)).not.toEqual([...baseline.keys()]);
      expect(byId(values)).toEqual(baseline);
    }
    await fx.admin.setOrdering(cloud(), { mode: 'id' });
    const restored = (await allPages(fx, 'field/search', 100)).flatMap((p) => p.values);
    expect(restored.map((v: any) => v.id)).toEqual([...baseline.keys()]);
  });

  it('volatile changes touch only self/avatar URLs, per-user flags and counters', async () => {
    const before = (await fx.jira('project/search?maxResults=1')).body.values[0];
    const { changed } = await fx.admin.touchVolatile(cloud(), { type: 'project', id: before.id });
    expect(changed).toEqual(expect.arrayContaining(['self', 'avatarUrls', 'favourite']));
    const after = (await fx.jira('project/search?maxResults=1')).body.values[0];
    expect(after.self).not.toBe(before.self);
    expect(after.favourite).toBe(!before.favourite);
    // Apart from the flag, only the host of URLs differs (site host vs. api.atlassian.com gateway).
    const unhost = (o: unknown) =>
      JSON.parse(JSON.stringify(o).split(`https://api.atlassian.com/ex/jira/${cloud()}`).join('https://acme.atlassian.net'));
    expect({ ...unhost(after), favourite: null }).toEqual({ ...before, favourite: null });

    const field = (await fx.jira('field/search?type=custom&maxResults=1&expand=lastUsed,screensCount')).body.values[0];
    await fx.admin.touchVolatile(cloud(), { type: 'field', id: field.id });
    const touched = (await fx.jira('field/search?type=custom&maxResults=1&expand=lastUsed,screensCount')).body.values[0];
    expect(touched.screensCount).toBe(field.screensCount + 1);
    const plain = async () => (await fx.jira(`field/search?id=${field.id}`)).body.values[0];
    expect(await plain()).toEqual({ id: field.id, name: field.name, schema: field.schema, description: field.description });
  });
});

describe('writes and the request log', () => {
  it('refuses writes with 405, records and counts them', async () => {
    await fx.admin.clearRequests();
    const put = await fx.jira('project/search', { method: 'PUT', body: { name: 'x' } });
    expect(put.status).toBe(405);
    expect(put.body.errorMessages).toHaveLength(1);
    const del = await fx.jira('role', { method: 'DELETE' });
    expect(del.status).toBe(405);
    const post = await fx.jira('issue', { method: 'POST', body: { fields: {} } });
    expect(post.status).toBe(404);
    const read = await fx.jira('workflows', { method: 'POST', body: { workflowIds: [] } });
    expect(read.status).toBe(200);
    const stats = await fx.admin.stats(cloud());
    expect(stats).toMatchObject({ requests: 4, writes: 3 });
    const { entries } = await fx.admin.requests({ cloudId: cloud() });
    expect(entries.map((e) => [e.method, e.isWrite])).toEqual([
      ['PUT', true],
      ['DELETE', true],
      ['POST', true],
      ['POST', false],
    ]);
    expect(entries[0]).toMatchObject({ path: `/ex/jira/${cloud()}/rest/api/3/project/search`, cloudId: cloud(), grantId: fx.grantId, status: 405 });
  });

  it('filters the log by site, time and sequence, and bounds it by limit', async () => {
    await fx.admin.clearRequests();
    for (let i = 0; i < 5; i++) await fx.jira(`screens?startAt=${i}`);
    const all = await fx.admin.requests({ cloudId: cloud() });
    expect(all.entries).toHaveLength(5);
    expect(all.entries[2]?.query).toEqual({ startAt: '2' });
    const limited = await fx.admin.requests({ limit: 2 });
    expect(limited.entries.map((e) => e.query['startAt'])).toEqual(['3', '4']);
    const after = await fx.admin.requests({ afterSeq: all.entries[3]?.seq });
    expect(after.entries).toHaveLength(1);
    const since = await fx.admin.requests({ since: (all.entries[4]?.at ?? 0) + 60_000 });
    expect(since.entries).toHaveLength(0);
    expect((await fx.admin.requests({ cloudId: 'nope' })).entries).toHaveLength(0);
  });
});
