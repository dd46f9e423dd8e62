import type { ConfigType, JsonObject } from '../types';
import type { SiteObjects } from './field-relations';
import { SiteError } from './site-error';

/**
 * The links a new screen tab must have, checked as Jira checks them: it belongs to an existing screen
 * and goes after that screen's last tab. Returns the properties to store with the new object.
 */
export function screenLinksOfNewObject(site: SiteObjects, type: ConfigType, body: JsonObject): JsonObject {
  if (type !== 'screentab') return {};
  const screen = site.get('screen', String(body['screenId']));
  if (!screen) throw new SiteError(400, 'screentab needs screenId of an existing screen');
  const positions = tabsOf(site, String(screen['id'])).map((t) => Number(t['position'] ?? 0));
  return { screenId: screen['id'] as number, position: Math.max(-1, ...positions) + 1 };
}

/** A screen's tabs go with it. */
export function screenDependentsOf(site: SiteObjects, type: ConfigType, id: string): Array<[ConfigType, string]> {
  if (type !== 'screen') return [];
  return tabsOf(site, id).map((t) => ['screentab', String(t['id'])]);
}

/** A screen's tabs in the order Jira shows them (by position, then id). */
export function tabsOf(site: SiteObjects, screenId: string): JsonObject[] {
  return site
    .list('screentab')
    .filter((t) => String(t['screenId']) === screenId)
    .sort((a, b) => Number(a['position'] ?? 0) - Number(b['position'] ?? 0) || Number(a['id']) - Number(b['id']));
}
