import type { ConfigType, JsonObject } from '../types';
import { SiteError } from './site-error';

interface SiteObjects {
  get(type: ConfigType, id: string): JsonObject | undefined;
  list(type: ConfigType): JsonObject[];
}

/** A new issue security level belongs to an existing scheme (`issueSecuritySchemeId`). */
export function schemeLinksOfNewObject(site: SiteObjects, type: ConfigType, body: JsonObject): JsonObject {
  if (type !== 'issuesecuritylevel') return {};
  const scheme = site.get('issuesecurityscheme', String(body['issueSecuritySchemeId']));
  if (!scheme) throw new SiteError(400, 'issuesecuritylevel needs issueSecuritySchemeId of an issue security scheme');
  return { issueSecuritySchemeId: String(scheme['id']) };
}

/** Deleting an issue security scheme deletes its levels (and so their members), as Jira does. */
export function schemeDependentsOf(site: SiteObjects, type: ConfigType, id: string): Array<[ConfigType, string]> {
  if (type !== 'issuesecurityscheme') return [];
  return site
    .list('issuesecuritylevel')
    .filter((l) => l['issueSecuritySchemeId'] === id)
    .map((l) => ['issuesecuritylevel', String(l['id'])]);
}

/** Deleting a level clears it as its scheme's default. */
export function clearDefaultLevel(site: SiteObjects, level: JsonObject): boolean {
  const scheme = site.get('issuesecurityscheme', String(level['issueSecuritySchemeId']));
  if (!scheme || String(scheme['defaultLevel']) !== String(level['id'])) return false;
  delete scheme['defaultLevel'];
  return true;
}
