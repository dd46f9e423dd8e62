// Search attributes every jira-drift workflow carries, so one query lists a tenant's work.
// Registered on the dev server by scripts/temporal-dev-server.ts and on clusters by
// `npm run temporal:register-search-attributes` (see README).
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

export const TENANT_ID = defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD);
export const SNAPSHOT_TYPE = defineSearchAttributeKey('SnapshotType', SearchAttributeType.KEYWORD);
export const WINDOW_START = defineSearchAttributeKey('WindowStart', SearchAttributeType.DATETIME);
export const TOKEN_STATE = defineSearchAttributeKey('TokenState', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [TENANT_ID, SNAPSHOT_TYPE, WINDOW_START, TOKEN_STATE] as const;

/** The three attributes of a tenant's work for one window (snapshots, scheduled snapshots, drift scans). */
export function windowSearchAttributes(tenantId: string, type: string, windowStart: string): SearchAttributePair[] {
  return [
    { key: TENANT_ID, value: tenantId },
    { key: SNAPSHOT_TYPE, value: type },
    { key: WINDOW_START, value: new Date(windowStart) },
  ];
}
