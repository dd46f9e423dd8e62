// The automation rules read plan against a scripted Automation REST API: the summary listing follows the
// cursor to the end, each rule is read by UUID, a rule deleted mid-read is left out, malformed or looping
// answers fail loudly, requests are counted, and the snapshot's root hash does not depend on the page
// size or the order of the listing (property test).
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { toConfigObject } from '../../../domain/config-object';
import { compareKeys, rootHash } from '../../../domain/hashing';
import { JiraHttpError, JiraMalformedResponseError, JiraPagingError } from '../../../jira-cloud/errors';
import type { PagingClient } from '../../../jira-cloud/pagination';
import { automationRules, listRuleSummaries, nextCursor } from '../../../jira-cloud/reads/automation';
import { seededRandom, shuffled } from '../domain/tree-helpers';

const SUMMARY = '/automation/rest/v1/rule/summary';
const hashSecret = (value: string) => createHmac('sha256', 'k').update(value).digest('hex');

function uuidOf(n: number): string {
  return `0192e5ac-0e25-71de-ba7b-${n.toString(16).padStart(12, '0')}`;
}

function ruleBody(n: number): Record<string, unknown> {
  return {
    uuid: uuidOf(n),
    name: `Rule ${n}`,
    state: n % 3 === 0 ? 'DISABLED' : 'ENABLED',
    labels: ['b', 'a'].slice(0, n % 3),
    ruleScopeARIs: [`ari:cloud:jira:c:project/${10000 + n}`],
    trigger: { component: 'TRIGGER', type: 'jira.manual.trigger.issue', schemaVersion: 1, value: {}, children: [], conditions: [] },
    components: [
      {
        component: 'ACTION',
        type: 'jira.issue.outgoing.webhook',
        schemaVersion: 2,
        value: { url: `https://ops.example.com/hook?token=t${n}`, headers: [{ name: 'Authorization', value: `Bearer s${n}` }] },
        children: [],
        conditions: [],
      },
    ],
  };
}

/**
 * A scripted Automation REST API over `rules` in the given order: cursor pages of `pageSize` (the cursor
 * is the offset, opaque to the client), `links.next` as a query string; `deleted` rules are listed but
 * answer 404.
 */
function automationApi(
  rules: Array<Record<string, unknown>>,
  opts: { pageSize?: number; deleted?: Set<string> } = {},
): PagingClient & { calls: string[] } {
  const calls: string[] = [];
  const byUuid = new Map(rules.map((r) => [String(r['uuid']), r]));
  return {
    calls,
    concurrency: 3,
    getJson: async (path, query) => {
      calls.push(path);
      if (path === SUMMARY) {
        const size = Math.min(opts.pageSize ?? Number(query?.['limit']), Number(query?.['limit']));
        const start = query?.['cursor'] === undefined ? 0 : Number(Buffer.from(String(query['cursor']), 'base64').toString());
        const data = rules.slice(start, start + size).map(({ uuid, name, state, labels }) => ({ uuid, name, state, labels }));
        const more = start + size < rules.length;
        return {
          links: { self: '?limit=100', ...(more ? { next: `?cursor=${Buffer.from(String(start + size)).toString('base64')}&limit=100` } : {}) },
          data,
        };
      }
      const uuid = decodeURIComponent(path.split('/').pop()!);
      const rule = byUuid.get(uuid);
      if (!rule || opts.deleted?.has(uuid)) throw new JiraHttpError({ method: 'GET', path, status: 404, retryable: false });
      return { rule, connections: [{ id: 'c1' }] };
    },
  };
}

async function readAll(client: PagingClient, limit?: number) {
  const { summaries, requests } = limit === undefined ? await automationRules.list(client) : await listRuleSummaries(client, limit);
  const bodies = [];
  for (const summary of summaries) {
    const body = await automationRules.read(client, summary);
    if (body) bodies.push(body);
  }
  return { summaries, bodies, requests };
}

const RULES = Array.from({ length: 7 }, (_, i) => ruleBody(i + 1));

test('the listing follows links.next to the end, asking for pages of 100', async () => {
  const api = automationApi(RULES, { pageSize: 3 });
  const { summaries, requests } = await automationRules.list(api);
  expect(summaries.map((s) => s['uuid'])).toEqual(RULES.map((r) => r['uuid']));
  expect(requests).toBe(3);
  expect(api.calls).toEqual([SUMMARY, SUMMARY, SUMMARY]);
});

test('each rule is read by UUID into the rule with its connections; one deleted since the listing is left out', async () => {
  const api = automationApi(RULES, { deleted: new Set([uuidOf(2)]) });
  const { bodies } = await readAll(api);
  expect(bodies.map((b) => b['uuid'])).toEqual(RULES.filter((r) => r['uuid'] !== uuidOf(2)).map((r) => r['uuid']));
  expect(bodies[0]).toEqual({ ...RULES[0], connections: [{ id: 'c1' }] });
  expect(automationRules.idOf({ uuid: uuidOf(5) })).toBe(uuidOf(5));
});

test('a 403 on a rule is not "deleted": it reaches the caller', async () => {
  const api: PagingClient = {
    getJson: async (path) => {
      throw new JiraHttpError({ method: 'GET', path, status: 403, retryable: false });
    },
  };
  await expect(automationRules.read(api, { uuid: uuidOf(1) })).rejects.toMatchObject({ status: 403 });
  await expect(automationRules.list(api)).rejects.toMatchObject({ status: 403 });
});

test('malformed or looping answers fail loudly', async () => {
  const answering = (body: unknown): PagingClient => ({ getJson: async () => body });
  await expect(automationRules.list(answering({ values: [] }))).rejects.toBeInstanceOf(JiraMalformedResponseError);
  await expect(automationRules.list(answering({ links: {}, data: [{ name: 'no uuid' }] }))).rejects.toBeInstanceOf(JiraMalformedResponseError);
  await expect(automationRules.list(answering({ links: { next: '?cursor=same' }, data: [] }))).rejects.toBeInstanceOf(JiraPagingError);
  const repeated = { links: {}, data: [{ uuid: uuidOf(1) }, { uuid: uuidOf(1) }] };
  await expect(automationRules.list(answering(repeated))).rejects.toBeInstanceOf(JiraPagingError);
  await expect(automationRules.read(answering({ uuid: uuidOf(1) }), { uuid: uuidOf(1) })).rejects.toBeInstanceOf(JiraMalformedResponseError);
  await expect(automationRules.read(answering({ rule: {}, connections: 'x' }), { uuid: uuidOf(1) })).rejects.toBeInstanceOf(
    JiraMalformedResponseError,
  );
});

test('links.next: a query string or an absolute URL (the format before Aug 2025); none or empty ends the listing', () => {
  expect(nextCursor({ next: '?cursor=abc%3D&limit=100' })).toBe('abc=');
  expect(nextCursor({ next: 'https://api.atlassian.com/automation/public/jira/c/rest/v1/rule/summary?cursor=xyz' })).toBe('xyz');
  expect(nextCursor({ self: '?limit=1' })).toBeUndefined();
  expect(nextCursor({ next: null })).toBeUndefined();
  expect(nextCursor(undefined)).toBeUndefined();
  expect(() => nextCursor({ next: '?limit=100' })).toThrow(JiraMalformedResponseError);
  expect(() => nextCursor({ next: 7 })).toThrow(JiraMalformedResponseError);
});

test('the root hash does not depend on the page size or the order of the listing (property)', async () => {
  const rootOf = (bodies: Array<Record<string, unknown>>) =>
    rootHash(bodies.map((b) => toConfigObject('automationrule', b, hashSecret)).sort((a, b) => compareKeys(a.key, b.key)));
  const expected = rootOf((await readAll(automationApi(RULES))).bodies);
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 100 }), fc.integer(), async (pageSize, seed) => {
      const api = automationApi(shuffled(RULES, seededRandom(seed)), { pageSize });
      const { bodies, requests } = await readAll(api, pageSize);
      expect(requests).toBe(Math.max(1, Math.ceil(RULES.length / pageSize)));
      expect(rootOf(bodies)).toBe(expected);
    }),
  );
});
