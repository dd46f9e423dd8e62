// Automation rules end to end: read with the tenant's API token (the Automation REST API takes no OAuth
// token), a rule edited through jira-sim's admin API (a setting, a component, a rotated secret) shows as
// drift of exactly that rule at the right JSON pointer after real snapshots and a real scan; no secret of
// any rule is stored in clear; and no API token, a wrong or revoked one, or a site without automation
// records the type unavailable instead of failing the snapshot.
import { setAutomationToken } from '../../client/automation-token';
import type { DriftEvent } from '../../client/drift-reads';
import { runSnapshot } from '../../client/snapshots';
import { SecretBox } from '../../store/secret-box';
import {
  driftEventsAfter,
  expectEachChange,
  expectNothingElse,
  startCoverageDrift,
  type CoverageDrift,
  type ExpectedDrift,
  type SimObject,
} from '../support/coverage-drift';
import { onboardTenant, simAdmin, storeSimApiToken, uniqueId } from '../support/tenant-fixture';

interface Component {
  type: string;
  value: any;
  children: Component[];
}
type Rule = SimObject & { uuid: string; components: Component[] };

let ctx: CoverageDrift;
let events: DriftEvent[];
let rules: Rule[];
const expected: ExpectedDrift[] = [];

const isWebRequest = (c: Component) => c.type === 'jira.issue.outgoing.webhook';

beforeAll(async () => {
  ctx = await startCoverageDrift({ name: 'automation', seed: 47 });
  const before = await ctx.snap('2026-08-01T00:00:00Z');
  rules = await ctx.objects<Rule>('automationrule');

  // A rotated bearer token: drift at the header's (hashed) value, the clear value nowhere.
  const withSecret = rules.find((r) => r.components.some(isWebRequest))!;
  const index = withSecret.components.findIndex(isWebRequest);
  const rotated = withSecret.components.map((c, i) =>
    i === index
      ? {
          ...c,
          value: {
            ...c.value,
            headers: c.value.headers.map((h: any, j: number) =>
              j === 0 ? { ...h, value: { keyOrValue: 'Bearer rotated-token-0001', secret: true } } : h,
            ),
          },
        }
      : c,
  );
  await ctx.patch('automationrule', withSecret.uuid, { components: rotated });
  expected.push({ key: `automationrule/${withSecret.uuid}`, change: 'modified', paths: [`/components/${index}/value/headers/0/value/keyOrValue`] });

  // A disabled rule whose comment action says something else: its settings and component, in order.
  const other = rules.find((r) => r.uuid !== withSecret.uuid)!;
  const comment = other.components.findIndex((c) => c.type === 'jira.issue.comment');
  const edited = other.components.map((c, i) => (i === comment ? { ...c, value: { ...c.value, comment: 'Edited by the drift test.' } } : c));
  await ctx.patch('automationrule', other.uuid, { state: 'DISABLED', components: edited });
  expected.push({ key: `automationrule/${other.uuid}`, change: 'modified', paths: ['/state', `/components/${comment}/value/comment`].sort() });

  events = await driftEventsAfter(ctx, before, await ctx.snap('2026-08-01T01:00:00Z'));
});

afterAll(async () => {
  await ctx?.close();
});

test('each edited rule is drift of that rule, with exactly its pointers', () => {
  const sorted = events.map((e) => ({ ...e, changedPaths: [...e.changedPaths].sort() }));
  expectEachChange(sorted, expected, { exactPaths: true });
});

test('nothing else changed', () => expectNothingElse(events, expected));

/** Every secret the site's rules hold: header values, and the tokens in web request URLs. */
function secretsOf(all: Rule[]): string[] {
  const walk = (components: Component[]): string[] =>
    components.flatMap((c) => [
      ...(isWebRequest(c)
        ? [
            ...c.value.headers.filter((h: any) => h.value.secret === true).map((h: any) => String(h.value.keyOrValue)),
            ...[...String(c.value.url).matchAll(/token=([0-9a-f]+)|\/services\/(\S+)/g)].map((m) => m[1] ?? m[2]!),
          ]
        : []),
      ...walk(c.children),
    ]);
  return all.flatMap((r) => walk(r.components));
}

test('no rule secret is stored in clear: every stored body is scanned', async () => {
  const secrets = [...secretsOf(rules), ...secretsOf(await ctx.objects<Rule>('automationrule')), 'rotated-token-0001'];
  expect(secrets.length).toBeGreaterThan(3);
  const { rows } = await ctx.pool.query<{ object_type: string; body: string }>('SELECT object_type, body FROM config_objects WHERE tenant_id = $1', [
    ctx.tenant.tenantId,
  ]);
  // Control: the rules were stored, with their secrets replaced by keyed hashes.
  const ruleBodies = rows.filter((r) => r.object_type === 'automationrule');
  expect(ruleBodies.length).toBeGreaterThan(rules.length);
  expect(ruleBodies.filter((r) => r.body.includes('hmac-sha256:')).length).toBeGreaterThan(0);
  const leaks = rows.flatMap((row) => secrets.filter((s) => row.body.includes(s)).map((s) => `${row.object_type}: …${s.slice(-6)}`));
  expect(leaks).toEqual([]);
});

test('no API token: unavailable, the rest captured; a token: the rules; a wrong or revoked token: unavailable with the 401', async () => {
  const tenant = await onboardTenant(ctx.stack, ctx.pool, {
    tenantId: uniqueId('no-automation-token'),
    size: 'small',
    seed: 47,
    automationToken: false,
  });
  const snapshot = (window: string) => runSnapshot(ctx.client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue: ctx.taskQueue });
  const entries = async (snapshotId: string, pattern: string) =>
    (
      await ctx.pool.query<{ object_key: string }>(
        `SELECT object_key FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2 AND object_key LIKE $3 ORDER BY object_key`,
        [tenant.tenantId, snapshotId, pattern],
      )
    ).rows.map((r) => r.object_key);

  const none = await snapshot('2026-08-02T00:00:00Z');
  expect(none.status).toBe('COMPLETED');
  expect(none.unavailable).toEqual([{ configType: 'automationrule', reason: 'needs an API token (jira-drift tenant automation-token set)' }]);
  expect(await entries(none.snapshotId, 'unavailable/%')).toEqual(['unavailable/automationrule']);
  expect(await entries(none.snapshotId, 'automationrule/%')).toEqual([]);
  expect((await entries(none.snapshotId, 'project/%')).length).toBeGreaterThan(0);

  const made = await storeSimApiToken(ctx.stack, ctx.pool, tenant.tenantId, tenant.cloudId);
  const withToken = await snapshot('2026-08-02T01:00:00Z');
  expect(withToken.unavailable ?? []).toEqual([]);
  const siteRules = await simAdmin<unknown[]>(ctx.stack, 'GET', `/admin/sites/${tenant.cloudId}/objects/automationrule`);
  expect((await entries(withToken.snapshotId, 'automationrule/%')).length).toBe(siteRules.length);
  expect(siteRules.length).toBeGreaterThan(0);

  const box = SecretBox.fromSpec(ctx.stack.encryptionKeys);
  await setAutomationToken({ pool: ctx.pool, secretBox: box }, { tenantId: tenant.tenantId, email: made.email, apiToken: `${made.token}-wrong` });
  const wrong = await snapshot('2026-08-02T02:00:00Z');
  expect(wrong.status).toBe('COMPLETED');
  expect(wrong.unavailable).toEqual([{ configType: 'automationrule', reason: expect.stringMatching(/^HTTP 401: .*unauthorized/) }]);
  expect(JSON.stringify(wrong)).not.toContain(made.token);

  await setAutomationToken({ pool: ctx.pool, secretBox: box }, { tenantId: tenant.tenantId, email: made.email, apiToken: made.token });
  await simAdmin(ctx.stack, 'POST', `/admin/api-tokens/${made.tokenId}/revoke`, {});
  const revoked = await snapshot('2026-08-02T03:00:00Z');
  expect(revoked.unavailable).toEqual([{ configType: 'automationrule', reason: expect.stringMatching(/^HTTP 401/) }]);
  expect(await entries(revoked.snapshotId, 'automationrule/%')).toEqual([]);
});

test('a site without automation: automation rules are unavailable (404), the rest is captured', async () => {
  const tenant = await onboardTenant(ctx.stack, ctx.pool, {
    tenantId: uniqueId('no-automation'),
    size: 'small',
    seed: 47,
    products: ['jira-software', 'jira-core'],
  });
  const result = await runSnapshot(ctx.client, {
    tenantId: tenant.tenantId,
    type: 'hourly',
    window: '2026-08-01T00:00:00Z',
    taskQueue: ctx.taskQueue,
  });
  expect(result.status).toBe('COMPLETED');
  expect(result.unavailable).toEqual([{ configType: 'automationrule', reason: expect.stringMatching(/^HTTP 404/) }]);
  const { rows } = await ctx.pool.query(
    `SELECT count(*)::int AS n FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2 AND object_key LIKE 'project/%'`,
    [tenant.tenantId, result.snapshotId],
  );
  expect(rows[0].n).toBeGreaterThan(0);
});
