// Automation rules, through Atlassian's Automation REST API (not the Jira REST API): every rule summary
// (GET /rest/v1/rule/summary, cursor pages of at most 100), then each rule by UUID (GET
// /rest/v1/rule/{ruleUuid}). Facts and their sources: jira-sim/README.md, "Automation REST API".
import { AUTOMATION_PREFIX } from '../jira-client';
import { JiraClientError, JiraMalformedResponseError, JiraPagingError } from '../errors';
import type { PagingClient } from '../pagination';
import type { DetailListPlan } from '../read-plan-kit';

const SUMMARY_PATH = `${AUTOMATION_PREFIX}/rest/v1/rule/summary`;
/** The documented maximum of `limit` (jira-sim/README.md). */
export const RULE_SUMMARY_LIMIT = 100;
/** A server whose cursor never ends must not be paged forever. */
const MAX_SUMMARY_PAGES = 10_000;

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export const automationRules: DetailListPlan = {
  kind: 'detail-list',
  // The API takes no OAuth token ("Forge and OAuth2 apps cannot access this REST resource"): it is read
  // with the tenant's API token, so the grant needs no scope for it (jira-sim/README.md).
  scopes: [],
  credential: 'automation-api-token',
  endpoints: [`GET ${SUMMARY_PATH}`, `GET ${AUTOMATION_PREFIX}/rest/v1/rule/{ruleUuid}`],
  list: (client) => listRuleSummaries(client),
  idOf: (summary) => String(summary['uuid']),
  async read(client, summary) {
    const path = `${AUTOMATION_PREFIX}/rest/v1/rule/${encodeURIComponent(String(summary['uuid']))}`;
    let body: unknown;
    try {
      body = await client.getJson(path);
    } catch (err) {
      // Deleted between the listing and this read: not part of the snapshot.
      if (err instanceof JiraClientError && (err as { status?: number }).status === 404) return undefined;
      throw err;
    }
    if (!isObject(body) || !isObject(body['rule'])) throw new JiraMalformedResponseError(path, 'expected { rule, connections }');
    const connections = body['connections'];
    if (connections !== undefined && !Array.isArray(connections)) throw new JiraMalformedResponseError(path, 'connections is not an array');
    // The rule with the connections its actions use, so one object says everything the rule runs with.
    return { ...body['rule'], connections: connections ?? [] };
  },
};

/** Follows `links.next` (a query string, or an absolute URL in the older format) until there is none. */
export async function listRuleSummaries(client: PagingClient, limit = RULE_SUMMARY_LIMIT): Promise<{ summaries: JsonObject[]; requests: number }> {
  const summaries: JsonObject[] = [];
  const seen = new Set<string>();
  const cursors = new Set<string>();
  let cursor: string | undefined;
  for (let requests = 1; requests <= MAX_SUMMARY_PAGES; requests++) {
    const body = await client.getJson(SUMMARY_PATH, { limit, ...(cursor !== undefined ? { cursor } : {}) });
    if (!isObject(body) || !Array.isArray(body['data'])) throw new JiraMalformedResponseError(SUMMARY_PATH, 'expected { links, data }');
    for (const [index, summary] of body['data'].entries()) {
      if (!isObject(summary) || typeof summary['uuid'] !== 'string') {
        throw new JiraMalformedResponseError(SUMMARY_PATH, `data[${index}] has no uuid`);
      }
      if (seen.has(summary['uuid'])) throw new JiraPagingError(SUMMARY_PATH, `rule ${summary['uuid']} appears on more than one page`);
      seen.add(summary['uuid']);
      summaries.push(summary);
    }
    cursor = nextCursor(body['links']);
    if (cursor === undefined) return { summaries, requests };
    if (cursors.has(cursor)) throw new JiraPagingError(SUMMARY_PATH, 'the next cursor repeats an earlier one');
    cursors.add(cursor);
  }
  throw new JiraPagingError(SUMMARY_PATH, `more than ${MAX_SUMMARY_PAGES} pages`);
}

/** The `cursor` parameter of `links.next` (`?cursor=…&limit=100`, or a URL ending in that), if any. */
export function nextCursor(links: unknown): string | undefined {
  const next = isObject(links) ? links['next'] : undefined;
  if (next === undefined || next === null || next === '') return undefined;
  if (typeof next !== 'string') throw new JiraMalformedResponseError(SUMMARY_PATH, 'links.next is not a string');
  const query = next.includes('?') ? next.slice(next.indexOf('?') + 1) : '';
  const cursor = new URLSearchParams(query).get('cursor');
  if (cursor === null || cursor === '') throw new JiraMalformedResponseError(SUMMARY_PATH, 'links.next has no cursor');
  return cursor;
}
