import type { JsonObject } from '../types';
import { ruleSummaryView, ruleView } from './automation-views';
import { RestError } from './jira-error';
import { first } from './query-params';
import type { Resource } from './resource-kit';

/*
 * The Automation REST API's rule reads, by path template under /automation/public/jira/{cloudId}/rest/v1/
 * (jira-sim/README.md, "Automation REST API"): summaries in cursor pages (`limit` 1–100, default 50;
 * `links.next` is a query string carrying the next cursor) and one rule by UUID.
 */

export const RULE_SUMMARY_DEFAULT_LIMIT = 50;
export const RULE_SUMMARY_MAX_LIMIT = 100;

/** The automation API's error body (its shape is unverified: jira-sim/README.md). */
export class AutomationError extends RestError {
  override get body(): JsonObject {
    return { errors: [{ title: this.status === 404 ? 'Not Found' : 'Bad Request', detail: this.message }] };
  }
}

/** Opaque to clients: the position after the last rule of the previous page, as the real cursor's JSON does. */
function encodeCursor(afterObjectId: string, pageSize: number): string {
  return Buffer.from(JSON.stringify({ afterObjectId, orderBy: 'ID', pageSize }), 'utf8').toString('base64');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { afterObjectId?: unknown };
    if (typeof parsed.afterObjectId === 'string') return parsed.afterObjectId;
  } catch {
    // fall through
  }
  throw new AutomationError(400, 'The cursor is not valid.');
}

function readLimit(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return RULE_SUMMARY_DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > RULE_SUMMARY_MAX_LIMIT) {
    throw new AutomationError(400, `limit must be an integer from 1 to ${RULE_SUMMARY_MAX_LIMIT}.`);
  }
  return limit;
}

export const AUTOMATION_RESOURCES: Record<string, Resource> = {
  'rule/summary': {
    get: ({ site, query }) => {
      const limit = readLimit(first(query, 'limit'));
      const rules = site.list('automationrule');
      const cursor = first(query, 'cursor');
      let start = 0;
      if (cursor !== undefined) {
        const after = decodeCursor(cursor);
        const index = rules.findIndex((r) => r['uuid'] === after);
        if (index < 0) throw new AutomationError(400, 'The cursor is not valid.');
        start = index + 1;
      }
      const page = rules.slice(start, start + limit);
      const last = page[page.length - 1];
      const more = start + limit < rules.length && last !== undefined;
      const self = `?${new URLSearchParams({ ...(cursor !== undefined ? { cursor } : {}), limit: String(limit) }).toString()}`;
      return {
        links: {
          self,
          ...(more
            ? { next: `?${new URLSearchParams({ cursor: encodeCursor(String(last['uuid']), limit), limit: String(limit) }).toString()}` }
            : {}),
        },
        data: page.map((rule) => ruleSummaryView(site, rule)),
      };
    },
  },
  'rule/{ruleUuid}': {
    get: ({ site, params }) => {
      const rule = site.get('automationrule', params['ruleUuid'] ?? '');
      if (!rule) throw new AutomationError(404, 'The rule was not found.');
      return ruleView(site, rule);
    },
  },
};
