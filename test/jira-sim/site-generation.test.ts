/** Seeded site generation: deterministic, sized as asked, and internally consistent. */
import { generateSite } from '../../jira-sim/generate';
import { LARGE_SITE_OBJECTS, MAX_PROJECT_ROLES, planCounts } from '../../jira-sim/generate/counts';
import { CONFIG_TYPES } from '../../jira-sim/types';
import { allPages, CONFIG_SCOPES, startFixture, type SimFixture } from './sim-fixture';

const SITE_URL = 'https://acme.atlassian.net';

/**
 * Sites are sized by the types below; two groups come on top and are counted on their own: the platform
 * group (mostly what Jira ships: 4 status categories, 17 system events, 4 link types, the advanced
 * settings, …) and the projects group (categories, components, versions, per-project scheme associations
 * and role actors: it scales with the projects, test/jira-sim/projects-group.test.ts). Automation rules
 * come on top too (300 on a large site, test/jira-sim/automation-group.test.ts).
 */
const PLATFORM_TYPES = ['issuelinktype', 'statuscategory', 'applicationrole', 'jiraconfiguration', 'advancedsetting', 'issueevent'];
const ON_TOP = ['projectcategory', 'component', 'version', 'projectschemes', 'projectroleactors', 'automationrule'];
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const sized = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([t]) => !PLATFORM_TYPES.includes(t) && !ON_TOP.includes(t)));
const onlyPlatform = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([t]) => PLATFORM_TYPES.includes(t)));

describe('generateSite', () => {
  it('is byte-identical for the same seed and size, and differs for another seed', () => {
    const a = JSON.stringify(generateSite(11, 'small', SITE_URL));
    const b = JSON.stringify(generateSite(11, 'small', SITE_URL));
    const c = JSON.stringify(generateSite(12, 'small', SITE_URL));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('sizes sites: small about 300, large at least 20,000, a number about that many', () => {
    // Project roles stop at MAX_PROJECT_ROLES (each is read once per project): the sized total of a site
    // whose role share is above it is that much smaller.
    const roleCut = (size: number) => Math.max(0, Math.round(size * 0.02) - MAX_PROJECT_ROLES);
    expect(Math.abs(total(sized(planCounts('small'))) - 300)).toBeLessThanOrEqual(20);
    expect(total(onlyPlatform(planCounts('small')))).toBe(41);
    expect(total(planCounts('large'))).toBeGreaterThanOrEqual(20_000);
    expect(planCounts(5000).projectrole).toBe(MAX_PROJECT_ROLES);
    expect(Math.abs(total(sized(planCounts(5000))) + roleCut(5000) - 5000)).toBeLessThanOrEqual(50);
    const large = generateSite(1, 'large', SITE_URL);
    const counts = Object.fromEntries(CONFIG_TYPES.map((t) => [t, large[t].length]));
    expect(total(sized(counts))).toBe(LARGE_SITE_OBJECTS - roleCut(LARGE_SITE_OBJECTS));
    expect(total(onlyPlatform(counts))).toBe(73);
    // Like a real big site: the fields group (fields, their contexts and options), the screens group
    // (screens, their tabs, screen schemes, issue type screen schemes) and projects are the largest.
    const sizes = new Map<string, number>();
    for (const type of Object.keys(sized(counts))) {
      const group = type.startsWith('field') ? 'fields' : type.startsWith('screen') || type === 'issuetypescreenscheme' ? 'screens' : type;
      sizes.set(group, (sizes.get(group) ?? 0) + counts[type]!);
    }
    const ranked = [...sizes.keys()].sort((x, y) => (sizes.get(y) ?? 0) - (sizes.get(x) ?? 0));
    expect(ranked.slice(0, 3).sort()).toEqual(['fields', 'project', 'screens']);
  });

  it('keeps every cross reference resolvable', () => {
    const site = generateSite(5, 2000, SITE_URL);
    const ids = (type: (typeof CONFIG_TYPES)[number]) => new Set(site[type].map((o) => String(o['id'])));
    const statusIds = ids('status');
    const screenIds = ids('screen');
    const resolutionIds = ids('resolution');
    const fieldIds = ids('field');
    const roleIds = ids('projectrole');
    const issueTypeIds = ids('issuetype');
    const workflowNames = new Set(site.workflow.map((w) => String(w['name'])));
    expect(workflowNames.size).toBe(site.workflow.length);

    for (const workflow of site.workflow as any[]) {
      const own = new Set(workflow.statuses.map((s: any) => s.statusReference));
      for (const ref of own) expect(statusIds.has(ref as string)).toBe(true);
      for (const t of workflow.transitions) {
        expect(own.has(t.toStatusReference)).toBe(true);
        for (const link of t.links) expect(own.has(link.fromStatusReference)).toBe(true);
        if (t.transitionScreen) expect(screenIds.has(t.transitionScreen.parameters.screenId)).toBe(true);
        for (const action of t.actions) expect(resolutionIds.has(action.parameters.value)).toBe(true);
        for (const validator of t.validators) expect(fieldIds.has(validator.parameters.fieldsRequired)).toBe(true);
        for (const condition of t.conditions?.conditions ?? []) expect(roleIds.has(condition.parameters.roleIds)).toBe(true);
      }
    }
    for (const scheme of site.workflowscheme as any[]) {
      expect(workflowNames.has(scheme.defaultWorkflow)).toBe(true);
      for (const [typeId, workflow] of Object.entries(scheme.issueTypeMappings)) {
        expect(issueTypeIds.has(typeId)).toBe(true);
        expect(workflowNames.has(workflow as string)).toBe(true);
      }
    }
    for (const scheme of site.issuetypescheme as any[]) {
      if (scheme.defaultIssueTypeId) expect(issueTypeIds.has(scheme.defaultIssueTypeId)).toBe(true);
    }
    for (const scheme of site.permissionscheme as any[]) {
      for (const grant of scheme.permissions) {
        if (grant.holder.type === 'projectRole') expect(roleIds.has(grant.holder.parameter)).toBe(true);
      }
    }
    for (const project of site.project as any[]) {
      for (const type of project.issueTypes) expect(issueTypeIds.has(type.id)).toBe(true);
    }
  });
});

describe('sites served over HTTP', () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startFixture({ size: 'small', seed: 99 });
  });
  afterAll(async () => {
    await fx.sim.close();
  });

  it('two sites with the same name and seed serve identical data', async () => {
    const twin = await fx.admin.createSite({ name: 'acme', seed: 99, size: 'small' });
    const other = await fx.admin.consent(twin.cloudId, fx.client, { scopes: CONFIG_SCOPES });
    for (const path of ['project/search?expand=lead,issueTypes', 'field/search', 'workflows/search?expand=values.transitions', 'screens']) {
      const mine = await allPages(fx, path, 100);
      const theirs = await fx.jira(`${path}${path.includes('?') ? '&' : '?'}startAt=0&maxResults=100`, {
        cloudId: twin.cloudId,
        token: other.tokens.access_token,
      });
      expect(JSON.stringify(theirs.body)).toBe(JSON.stringify(mine[0]));
    }
    for (const path of ['field', 'role', 'permissionscheme?expand=all']) {
      const mine = await fx.jira(path);
      const theirs = await fx.jira(path, { cloudId: twin.cloudId, token: other.tokens.access_token });
      expect(theirs.text).toBe(mine.text);
    }
  });

  it('creates a large site of at least 20,000 objects and serves it', async () => {
    const large = await fx.admin.createSite({ name: 'big', seed: 3, size: 'large' });
    expect(total(large.objectCounts)).toBeGreaterThanOrEqual(20_000);
    const grant = await fx.admin.consent(large.cloudId, fx.client, { scopes: CONFIG_SCOPES });
    const page = await fx.jira('field/search?maxResults=100', { cloudId: large.cloudId, token: grant.tokens.access_token });
    expect(page.body.total).toBe(large.objectCounts.field);
    expect(page.body.values).toHaveLength(100);
    await fx.admin.deleteSite(large.cloudId);
  });
});
