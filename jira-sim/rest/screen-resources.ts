import { tabsOf } from '../site/screen-relations';
import type { Site } from '../site/site';
import type { JsonObject } from '../types';
import { byNumber } from './field-views';
import { RestError } from './jira-error';
import { applyOrderBy, contains, text } from './order-by';
import { pageBean, readPaging } from './paging';
import { expandSet, first, many } from './query-params';
import { idFilter, paged, type Resource } from './resource-kit';
import { issueTypeSchemeItems, issueTypeScreenSchemeItems, issueTypeScreenSchemeView, screenSchemeView, tabFields, tabView } from './screen-views';

/*
 * The screens group: a screen's tabs and their fields (plain arrays, unpaged, in the order users see),
 * screen schemes (pages of 25, the spec's default, also the cap as for the sim's other such endpoints),
 * issue type screen schemes and their mappings, issue type scheme mappings (pages of 50).
 */

/** Path ids are int64 in the spec; Jira answers 400 for one that is not a number. */
function numericId(value: string | undefined, what: string): string {
  if (value === undefined || !/^\d+$/.test(value)) throw new RestError(400, `The ${what} ID is invalid.`);
  return String(Number(value));
}

function screenOf(site: Site, screenId: string | undefined): JsonObject {
  const screen = site.get('screen', numericId(screenId, 'screen'));
  if (!screen) throw new RestError(404, 'The screen was not found.');
  return screen;
}

const bySchemeName = { name: (s: JsonObject) => text(s, 'name'), id: (s: JsonObject) => Number(s['id']) };

export const SCREEN_RESOURCES: Record<string, Resource> = {
  'screens/{screenId}/tabs': {
    get: ({ site, params }) => tabsOf(site, String(screenOf(site, params['screenId'])['id'])).map(tabView),
  },
  'screens/{screenId}/tabs/{tabId}/fields': {
    get: ({ site, params }) => {
      const screen = screenOf(site, params['screenId']);
      const tab = site.get('screentab', numericId(params['tabId'], 'screen tab'));
      if (!tab || String(tab['screenId']) !== String(screen['id'])) throw new RestError(404, 'The screen tab was not found.');
      return tabFields(site, tab);
    },
  },
  screenscheme: {
    get: (request) => {
      const { site, query } = request;
      const search = first(query, 'queryString');
      const schemes = site
        .list('screenscheme')
        .filter(idFilter(query))
        .filter((s) => contains(text(s, 'name'), search));
      const withUsers = expandSet(query).has('issueTypeScreenSchemes');
      const users = (scheme: JsonObject) => {
        const id = String(scheme['id']);
        const using = site
          .list('issuetypescreenscheme')
          .filter((its) => issueTypeScreenSchemeItems(its).some((row) => row['screenSchemeId'] === id))
          .sort((a, b) => byNumber(String(a['id']), String(b['id'])));
        return pageBean(
          using,
          { startAt: 0, maxResults: 100 },
          `${request.pageUrl.replace(/screenscheme$/, 'issuetypescreenscheme')}`,
          {},
          undefined,
          issueTypeScreenSchemeView,
        );
      };
      return pageBean(
        applyOrderBy(schemes, first(query, 'orderBy'), bySchemeName),
        readPaging(query, { defaultMax: 25, cap: 25 }),
        request.pageUrl,
        query,
        request.pageFault,
        (s) => (withUsers ? { ...screenSchemeView(s), issueTypeScreenSchemes: users(s) } : screenSchemeView(s)),
      );
    },
  },
  issuetypescreenscheme: {
    get: paged(
      { defaultMax: 50, cap: 50 },
      ({ site, query }) => {
        const search = first(query, 'queryString');
        const schemes = site
          .list('issuetypescreenscheme')
          .filter(idFilter(query))
          .filter((s) => contains(text(s, 'name'), search));
        return applyOrderBy(schemes, first(query, 'orderBy') ?? 'id', bySchemeName);
      },
      () => issueTypeScreenSchemeView,
    ),
  },
  'issuetypescreenscheme/mapping': {
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, query }) => {
      const wanted = new Set(many(query, 'issueTypeScreenSchemeId'));
      return site
        .list('issuetypescreenscheme')
        .filter((s) => wanted.size === 0 || wanted.has(String(s['id'])))
        .sort((a, b) => byNumber(String(a['id']), String(b['id'])))
        .flatMap(issueTypeScreenSchemeItems);
    }),
  },
  'issuetypescheme/mapping': {
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, query }) => {
      const wanted = new Set(many(query, 'issueTypeSchemeId'));
      return site
        .list('issuetypescheme')
        .filter((s) => wanted.size === 0 || wanted.has(String(s['id'])))
        .sort((a, b) => byNumber(String(a['id']), String(b['id'])))
        .flatMap(issueTypeSchemeItems);
    }),
  },
};
