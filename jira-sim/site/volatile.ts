import { jiraTimestamp } from '../generate/context';
import type { ConfigType, Json, JsonObject } from '../types';

/**
 * Changes only what real Jira changes without any configuration change: the host in `self`/avatar/icon URLs
 * (Jira answers 3LO calls with either the site host or the api.atlassian.com gateway), per-user flags,
 * usage counters and bookkeeping timestamps. Returns the top-level keys that changed.
 */
export function touchVolatileFields(type: ConfigType, object: JsonObject, siteUrl: string, gatewayUrl: string, nowMs: number): string[] {
  const changed = new Set<string>();
  for (const [key, value] of Object.entries(object)) {
    const swapped = swapHosts(value, siteUrl, gatewayUrl);
    if (JSON.stringify(swapped) !== JSON.stringify(value)) {
      object[key] = swapped;
      changed.add(key);
    }
  }
  const set = (key: string, value: Json) => {
    object[key] = value;
    changed.add(key);
  };
  switch (type) {
    case 'project':
      set('favourite', object['favourite'] !== true);
      set('insight', {
        totalIssueCount: Number((object['insight'] as JsonObject | undefined)?.['totalIssueCount'] ?? 0) + 1,
        lastIssueUpdateTime: jiraTimestamp(nowMs),
      });
      break;
    case 'field':
      set('lastUsed', { type: 'TRACKED', value: jiraTimestamp(nowMs) });
      set('screensCount', Number(object['screensCount'] ?? 0) + 1);
      break;
    case 'projectrole':
      set('currentUserRole', object['currentUserRole'] !== true);
      break;
    case 'workflow':
      set('isEditable', object['isEditable'] !== true);
      set('updated', jiraTimestamp(nowMs));
      break;
    case 'applicationrole': {
      // Users added or removed: seat usage moves, the role's configuration does not.
      const users = Number(object['userCount'] ?? 0) + 1;
      set('userCount', users);
      set('remainingSeats', Number(object['numberOfSeats'] ?? 0) - users);
      set('numberOfSeats', Number(object['numberOfSeats'] ?? 0) + 10);
      set('userCountDescription', `${users} users`);
      break;
    }
    case 'component':
      set('issueCount', Number(object['issueCount'] ?? 0) + 1);
      break;
    case 'version':
      set('overdue', object['overdue'] !== true);
      set('userReleaseDate', `${new Date(nowMs).getUTCDate()}/Jan/30`);
      break;
    default:
      break;
  }
  return [...changed].sort();
}

function swapHosts(value: Json, siteUrl: string, gatewayUrl: string): Json {
  if (typeof value === 'string') {
    if (value.startsWith(siteUrl + '/')) return gatewayUrl + value.slice(siteUrl.length);
    if (value.startsWith(gatewayUrl + '/')) return siteUrl + value.slice(gatewayUrl.length);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => swapHosts(v, siteUrl, gatewayUrl));
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = swapHosts(v, siteUrl, gatewayUrl);
    return out;
  }
  return value;
}
