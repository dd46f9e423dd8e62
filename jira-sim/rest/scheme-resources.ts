import type { Site } from '../site/site';
import type { JsonObject } from '../types';
import { RestError } from './jira-error';
import { applyOrderBy, contains, text } from './order-by';
import { bool, expandSet, first, many } from './query-params';
import { idFilter, paged, type Resource } from './resource-kit';
import {
  levelMembers,
  levelsOf,
  notificationSchemeView,
  prioritySchemeView,
  schemePriorities,
  schemeProjects,
  securityLevelView,
  securitySchemeView,
} from './scheme-views';
import { projectView } from './views';

/*
 * The schemes group: notification schemes, issue security schemes with their levels and members, priority
 * schemes with their priorities and projects. Page sizes: the spec's maxResults default of each operation
 * ("50" everywhere here); the spec documents no maximum, so, as elsewhere in the sim, the default is also
 * the cap. Issue security on a Free site is refused before these run (http/product-gates.ts).
 */

const PAGE = { defaultMax: 50, cap: 50 };

const numericIds = (values: unknown[]) => values.map((v) => Number(v)).filter((n) => Number.isFinite(n));

function inProjects(query: Record<string, string | string[] | undefined>, key: string): (object: JsonObject) => boolean {
  const wanted = new Set(many(query, 'projectId'));
  return (object) => {
    if (wanted.size === 0) return true;
    const ids = Array.isArray(object[key]) ? (object[key] as unknown[]).map(String) : [];
    return ids.some((id) => wanted.has(id));
  };
}

/** The Default Notification Scheme: the oldest one (Jira's has the lowest id). */
function defaultNotificationSchemeId(site: Site): string | undefined {
  const ids = numericIds(site.list('notificationscheme').map((s) => s['id']));
  return ids.length === 0 ? undefined : String(Math.min(...ids));
}

function priorityScheme(site: Site, id: string | undefined): JsonObject {
  const scheme = id === undefined ? undefined : site.get('priorityscheme', id);
  if (!scheme) throw new RestError(404, 'The priority scheme was not found.');
  return scheme;
}

export const SCHEME_RESOURCES: Record<string, Resource> = {
  notificationscheme: {
    get: paged(
      PAGE,
      ({ site, query }) => {
        const onlyDefault = bool(query, 'onlyDefault') === true;
        const defaultId = onlyDefault ? defaultNotificationSchemeId(site) : undefined;
        const schemes = site
          .list('notificationscheme')
          .filter(idFilter(query))
          .filter(inProjects(query, 'projects'))
          .filter((s) => !onlyDefault || String(s['id']) === defaultId);
        // "Ordered by display name."
        return applyOrderBy(schemes, 'name', { name: (s) => text(s, 'name') });
      },
      ({ site, query }) => {
        const expand = expandSet(query);
        return (s) => notificationSchemeView(site, s, expand);
      },
    ),
  },
  issuesecurityschemes: {
    get: ({ site }) => ({ issueSecuritySchemes: site.list('issuesecurityscheme').map((s) => securitySchemeView(site, s)) }),
  },
  'issuesecurityschemes/search': {
    get: paged(PAGE, ({ site, query }) => site.list('issuesecurityscheme').filter(idFilter(query)).filter(inProjects(query, 'projectIds'))),
  },
  'issuesecurityschemes/level': {
    get: paged(PAGE, ({ site, query }) => {
      const schemeIds = many(query, 'schemeId');
      const onlyDefault = bool(query, 'onlyDefault') === true;
      const schemes = schemeIds.length === 0 ? site.list('issuesecurityscheme').map((s) => String(s['id'])) : schemeIds;
      return schemes
        .flatMap((id) => levelsOf(site, id))
        .filter(idFilter(query))
        .map((l) => securityLevelView(site, l))
        .filter((l) => !onlyDefault || l['isDefault'] === true);
    }),
  },
  'issuesecurityschemes/level/member': {
    get: paged(PAGE, ({ site, query }) => {
      const schemeIds = many(query, 'schemeId');
      const levelIds = new Set(many(query, 'levelId'));
      const schemes = schemeIds.length === 0 ? site.list('issuesecurityscheme').map((s) => String(s['id'])) : schemeIds;
      return schemes
        .flatMap((id) => levelsOf(site, id))
        .filter((l) => levelIds.size === 0 || levelIds.has(String(l['id'])))
        .flatMap(levelMembers)
        .filter(idFilter(query));
    }),
  },
  'securitylevel/{id}': {
    get: ({ site, params }) => {
      const level = site.get('issuesecuritylevel', params['id'] ?? '');
      if (!level) throw new RestError(404, 'The issue security level was not found.');
      return securityLevelView(site, level);
    },
  },
  priorityscheme: {
    get: paged(
      PAGE,
      ({ site, query }) => {
        const schemeIds = new Set(many(query, 'schemeId'));
        const priorityIds = many(query, 'priorityId');
        const name = first(query, 'schemeName');
        const onlyDefault = bool(query, 'onlyDefault') === true;
        const schemes = site
          .list('priorityscheme')
          .filter((s) => schemeIds.size === 0 || schemeIds.has(String(s['id'])))
          .filter((s) => priorityIds.length === 0 || priorityIds.some((p) => (s['priorityIds'] as unknown[]).map(String).includes(p)))
          .filter((s) => contains(text(s, 'name'), name))
          .filter((s) => !onlyDefault || s['isDefault'] === true);
        const orderBy = first(query, 'orderBy') ?? '+name';
        if (!['name', '+name', '-name'].includes(orderBy)) throw new RestError(400, `Invalid orderBy: ${orderBy}`);
        return applyOrderBy(schemes, orderBy, { name: (s) => text(s, 'name') });
      },
      ({ site, query }) => {
        const expand = expandSet(query);
        return (s) => prioritySchemeView(site, s, expand);
      },
    ),
  },
  'priorityscheme/{schemeId}/priorities': {
    get: paged(PAGE, ({ site, params }) => schemePriorities(site, priorityScheme(site, params['schemeId']))),
  },
  'priorityscheme/{schemeId}/projects': {
    get: paged(
      PAGE,
      ({ site, params, query }) => {
        const wanted = new Set(many(query, 'projectId'));
        const search = first(query, 'query');
        return schemeProjects(site, priorityScheme(site, params['schemeId']))
          .filter((p) => wanted.size === 0 || wanted.has(String(p['id'])))
          .filter((p) => contains(text(p, 'name'), search));
      },
      ({ site }) =>
        (p) =>
          projectView(site, p, new Set()),
    ),
  },
};
