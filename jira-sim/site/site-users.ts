// The people a simulated site knows: what `GET /rest/api/3/user/bulk` answers with. The site's admin
// is always known (audit records name it when a change does not say who made it); tests add others
// through the admin API. Account ids Jira does not know are left out of the answer, not an error
// (UNVERIFIED: Jira's behaviour for an unknown or deleted account id).
import { createHash } from 'node:crypto';
import type { JsonObject } from '../types';

/** The account id of a site's admin: who audit records name when a change does not say who made it. */
export function siteAdminAccountId(cloudId: string): string {
  return `557058:${createHash('sha256').update(`admin:${cloudId}`).digest('hex').slice(0, 24)}`;
}

export interface SiteUser {
  accountId: string;
  displayName: string;
  active: boolean;
}

export class SiteUsers {
  private readonly users = new Map<string, SiteUser>();

  put(user: SiteUser): SiteUser {
    this.users.set(user.accountId, user);
    return user;
  }

  get(accountId: string): SiteUser | undefined {
    return this.users.get(accountId);
  }

  /** The spec's `User` as Jira answers it to an app (no email: not shared with apps by default). */
  view(user: SiteUser, gatewayUrl: string): JsonObject {
    return {
      self: `${gatewayUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
      accountId: user.accountId,
      accountType: 'atlassian',
      avatarUrls: { '48x48': `https://avatar-management.services.atlassian.com/default/48` },
      displayName: user.displayName,
      active: user.active,
    };
  }
}
