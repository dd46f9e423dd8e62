/**
 * Scope enforcement as Jira does it: a token passes with the operation's classic scope, or with every
 * granular scope of its granular set; otherwise 401 {"code":401,"message":"Unauthorized; scope does not match"}.
 * The table of required scopes is generated from the spec and must match it.
 */
import { RESOURCE_ROUTES } from '../../jira-sim/rest/resources';
import { loadSpec, scopesOf, servedOperations } from '../../jira-sim/scopes/generate-scope-table';
import { OPERATION_SCOPE_TABLE } from '../../jira-sim/scopes/operation-scope-table';
import { grantAllows } from '../../jira-sim/scopes/operation-scopes';
import { startFixture, type SimFixture } from './sim-fixture';

const MISMATCH = { code: 401, message: 'Unauthorized; scope does not match' };

describe('the generated scope table', () => {
  it('has exactly the operations jira-sim serves, each with the scopes the spec gives it', () => {
    const spec = loadSpec();
    expect(Object.keys(OPERATION_SCOPE_TABLE).sort()).toEqual(servedOperations());
    for (const operation of servedOperations()) expect([operation, OPERATION_SCOPE_TABLE[operation]]).toEqual([operation, scopesOf(spec, operation)]);
    expect(RESOURCE_ROUTES.templates().length).toBeGreaterThan(20);
  });

  it('GET priority/search has no granular set: only manage:jira-configuration opens it', () => {
    const required = OPERATION_SCOPE_TABLE['GET priority/search']!;
    expect(required).toEqual({ classic: ['manage:jira-configuration'], granular: null });
    expect(grantAllows(required, ['manage:jira-configuration'])).toBe(true);
    expect(grantAllows(required, ['read:priority-scheme:jira', 'read:jira-work'])).toBe(false);
  });

  it('needs every granular scope of the set, or the classic scope', () => {
    const required = OPERATION_SCOPE_TABLE['GET field/{fieldId}/context']!;
    expect(grantAllows(required, ['read:field:jira'])).toBe(false);
    expect(grantAllows(required, ['read:field:jira', 'read:custom-field-contextual-configuration:jira'])).toBe(true);
    expect(grantAllows(required, ['manage:jira-configuration'])).toBe(true);
    expect(grantAllows(required, ['read:jira-work'])).toBe(false);
  });
});

describe('enforcement on a site', () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startFixture({ size: 'small', seed: 3, scopes: ['read:field:jira', 'read:workflow:jira', 'offline_access'] });
  });
  afterAll(async () => {
    await fx.sim.close();
  });

  it('is on by default, as on Jira: it refuses what the grant does not cover with the gateway body, and counts the 401s', async () => {
    expect((await fx.admin.getSite(fx.site.cloudId)).scopeEnforcement).toBe(true);
    await fx.admin.clearRequests();
    expect((await fx.jira('statuses/search')).status).toBe(200);
    expect((await fx.jira('field/search')).status).toBe(401);
    for (const path of ['priority/search', 'project/search', 'field/customfield_10000/context']) {
      const response = await fx.jira(path);
      expect([path, response.status, response.body]).toEqual([path, 401, MISMATCH]);
    }
    expect((await fx.admin.stats(fx.site.cloudId)).unauthorizedCalls).toBe(4);
    // Unknown paths are still unknown: no operation, no scope to check.
    expect((await fx.jira('issue/ABC-1')).status).toBe(404);
  });

  it('a test may switch it off: then any grant reads everything', async () => {
    await fx.admin.setScopeEnforcement(fx.site.cloudId, false);
    expect((await fx.jira('priority/search')).status).toBe(200);
    expect((await fx.jira('project/search')).status).toBe(200);
    await fx.admin.setScopeEnforcement(fx.site.cloudId, true);
    expect((await fx.jira('project/search')).status).toBe(401);
  });

  it('can be asked for at site creation; classic scopes open every operation they name', async () => {
    const site = await fx.admin.createSite({ name: 'strict', size: 'small', scopeEnforcement: true });
    expect(site).toMatchObject({ cloudId: expect.any(String) });
    const classic = await fx.admin.consent(site.cloudId, fx.client, {
      // GET configuration's classic scope is read:jira-user.
      scopes: ['read:jira-work', 'manage:jira-project', 'manage:jira-configuration', 'read:jira-user'],
    });
    // Operations whose required query parameters the spec marks (workflowscheme/project: 1 to 100 projectIds;
    // user/bulk: at least one accountId).
    const requiredQuery: Record<string, string> = { 'workflowscheme/project': '?projectId=10000', 'user/bulk': '?accountId=557058:someone' };
    for (const template of RESOURCE_ROUTES.templates().filter((t) => !t.includes('{'))) {
      const method = template === 'workflows' ? 'POST' : 'GET';
      const response = await fx.jira(template + (requiredQuery[template] ?? ''), {
        cloudId: site.cloudId,
        token: classic.tokens.access_token,
        method,
        body: method === 'POST' ? {} : undefined,
      });
      expect([template, response.status]).toEqual([template, 200]);
    }
    const readWork = await fx.admin.consent(site.cloudId, fx.client, { scopes: ['read:jira-work'] });
    const refused = await fx.jira('workflows/search', { cloudId: site.cloudId, token: readWork.tokens.access_token });
    expect(refused).toMatchObject({ status: 401, body: MISMATCH });
  });
});
