// Display names of account ids (GET /rest/api/3/user/bulk): read when a person asks, never stored and
// never in a workflow payload. The spec's granular scopes for the operation are all needed together.
import { fetchAllPages, type PagingClient } from '../pagination';

export const USER_BULK_PATH = '/rest/api/3/user/bulk';

export const USER_NAME_SCOPES: readonly string[] = ['read:application-role:jira', 'read:avatar:jira', 'read:group:jira', 'read:user:jira'];
const USER_NAME_CLASSIC_SCOPE = 'read:jira-user';

/** Account ids per request: each is a query parameter, so a batch keeps the URL well under 8 KiB. */
const BATCH = 50;

export function grantReadsUserNames(granted: readonly string[]): boolean {
  const held = new Set(granted);
  return held.has(USER_NAME_CLASSIC_SCOPE) || USER_NAME_SCOPES.every((s) => held.has(s));
}

/** accountId → displayName for the ids Jira knows (unknown or deleted accounts are left out). */
export async function readDisplayNames(client: PagingClient, accountIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const ids = [...new Set(accountIds)];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    await fetchAllPages(
      client,
      { path: USER_BULK_PATH, query: { accountId: batch, maxResults: batch.length }, shape: { kind: 'page-bean', maxResults: batch.length } },
      async (users) => {
        for (const user of users as Array<{ accountId?: unknown; displayName?: unknown }>) {
          if (typeof user.accountId === 'string' && typeof user.displayName === 'string') names.set(user.accountId, user.displayName);
        }
      },
    );
  }
  return names;
}
