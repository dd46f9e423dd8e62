import { projectSchemesOf } from '../generate/project-schemes';
import type { ConfigType, Json, JsonObject } from '../types';
import type { Site } from './site';
import type { SiteObjects } from './field-relations';
import { SiteError } from './site-error';

/**
 * The links a new object of the projects group must have, checked as Jira checks them: a component and a
 * version belong to an existing project (`projectId`); a new version goes last in its project's release
 * sequence. Returns the properties to store with the new object.
 */
export function projectLinksOfNewObject(site: SiteObjects, type: ConfigType, body: JsonObject): JsonObject {
  if (type === 'projectschemes') throw new SiteError(400, 'projectschemes are created with their project; patch projectschemes/{projectId} instead');
  if (type === 'projectroleactors')
    throw new SiteError(400, 'projectroleactors exist for every project and role; patch projectroleactors/{projectId}:{roleId} instead');
  if (type !== 'component' && type !== 'version') return {};
  const project = site.get('project', String(body['projectId']));
  if (!project) throw new SiteError(400, `${type} needs projectId of an existing project`);
  const projectId = Number(project['id']);
  if (type === 'component') return { projectId };
  const sequences = versionsOf(site, String(projectId)).map((v) => Number(v['sequence'] ?? 0));
  return { projectId, sequence: Math.max(0, ...sequences) + 1 };
}

/** A new company-managed project uses the default schemes, as in Jira. */
export function projectSchemesOfNewProject(site: SiteObjects, project: JsonObject): JsonObject {
  const issueTypeSchemes = site.list('issuetypescheme');
  const defaultIssueTypeScheme = issueTypeSchemes.find((s) => s['isDefault'] === true) ?? issueTypeSchemes[0];
  const defaultPermissionScheme = site.list('permissionscheme').find((s) => s['name'] === 'Default Permission Scheme');
  return projectSchemesOf(String(project['id']), project['simplified'] === true, {
    workflowSchemeId: null,
    issueTypeSchemeId: String(defaultIssueTypeScheme?.['id'] ?? '10000'),
    fieldConfigurationSchemeId: null,
    permissionSchemeId: Number(defaultPermissionScheme?.['id'] ?? site.list('permissionscheme')[0]?.['id'] ?? 0),
  });
}

/** A project's components, versions, scheme associations and role actors go with it. */
export function projectDependentsOf(site: SiteObjects, type: ConfigType, id: string): Array<[ConfigType, string]> {
  if (type !== 'project') return [];
  const own = (t: 'component' | 'version') =>
    site
      .list(t)
      .filter((o) => String(o['projectId']) === id)
      .map((o) => [t, o['id'] as string] as [ConfigType, string]);
  const schemes: Array<[ConfigType, string]> = site.get('projectschemes', id) ? [['projectschemes', id]] : [];
  const actors = site
    .list('projectroleactors')
    .filter((a) => String(a['projectId']) === id)
    .map((a) => ['projectroleactors', a['id'] as string] as [ConfigType, string]);
  return [...own('component'), ...own('version'), ...schemes, ...actors];
}

export function componentsOf(site: SiteObjects, projectId: string): JsonObject[] {
  return site.list('component').filter((c) => String(c['projectId']) === projectId);
}

/** A project's versions in release order (sequence, then id). */
export function versionsOf(site: SiteObjects, projectId: string): JsonObject[] {
  return site
    .list('version')
    .filter((v) => String(v['projectId']) === projectId)
    .sort((a, b) => Number(a['sequence'] ?? 0) - Number(b['sequence'] ?? 0) || Number(a['id']) - Number(b['id']));
}

/**
 * Notification, issue security and priority schemes list their projects themselves (the single place the
 * REST views read the association from): an admin patch of a project's `projectschemes` moves the project
 * between those lists. Returns the scheme types whose lists changed.
 */
const LISTED_ASSOCIATIONS: Array<{ slot: string; type: ConfigType; field: string; toId: (value: Json) => Json }> = [
  { slot: 'notificationSchemeId', type: 'notificationscheme', field: 'projects', toId: Number },
  { slot: 'issueSecuritySchemeId', type: 'issuesecurityscheme', field: 'projectIds', toId: Number },
  { slot: 'prioritySchemeId', type: 'priorityscheme', field: 'projectIds', toId: String },
];

export function moveProjectInSchemeLists(site: Site, projectId: string, patch: JsonObject): ConfigType[] {
  const changed: ConfigType[] = [];
  for (const { slot, type, field, toId } of LISTED_ASSOCIATIONS) {
    if (!(slot in patch)) continue;
    const target = patch[slot];
    for (const scheme of site.list(type)) {
      const listed = Array.isArray(scheme[field]) ? scheme[field] : [];
      const without = listed.filter((p) => String(p) !== projectId);
      const next = target !== null && String(scheme['id']) === String(target) ? [...without, toId(projectId)] : without;
      if (next.length !== listed.length) {
        site.patch(type, String(scheme['id']), { [field]: next }, 0);
        changed.push(type);
      }
    }
  }
  return changed;
}
