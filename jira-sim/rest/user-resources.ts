// GET /rest/api/3/user/bulk: the users named by `accountId` parameters, as a PageBean (the spec's
// PageBeanUser; default maxResults 10 as the spec says; the cap of 200 is the sim's, UNVERIFIED).
// Ids the site does not know are left out. Without any accountId Jira answers 400 (message the sim's).
import { many } from './query-params';
import { RestError } from './jira-error';
import { paged, type Resource } from './resource-kit';
import type { JsonObject } from '../types';

export const USER_BULK_LIMITS = { defaultMax: 10, cap: 200 };

export const USER_RESOURCES: Record<string, Resource> = {
  'user/bulk': {
    get: paged(USER_BULK_LIMITS, ({ site, query }) => {
      const ids = many(query, 'accountId');
      if (ids.length === 0) throw new RestError(400, 'You must specify at least one accountId.');
      return [...new Set(ids)].flatMap((id): JsonObject[] => {
        const user = site.users.get(id);
        return user ? [site.users.view(user, site.gatewayUrl)] : [];
      });
    }),
  },
};
