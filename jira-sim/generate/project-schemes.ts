import type { JsonObject } from '../types';
import type { GenContext } from './context';
import type { ProjectPlan } from './projects';
import { dedupeActors, roleActor } from './roles';

/**
 * Each project's scheme associations (one `projectschemes` object per project, id = the project's id).
 * Company-managed projects use the schemes named after them ("KEY: ..."), else the defaults; team-managed
 * projects have no workflow, issue type, screen, field configuration or notification scheme (Jira's
 * association endpoints leave them out). Ids of schemes the site does not model yet (issue type screen
 * schemes, notification, issue security and priority schemes) are Jira's defaults.
 *
 * `workflowSchemeId: null` is Jira's "Default Workflow Scheme" (it has no id); `fieldConfigurationSchemeId:
 * null` is the system default field configuration; `issueSecuritySchemeId: null` is no issue security.
 */
export const DEFAULT_ISSUE_TYPE_SCREEN_SCHEME_ID = '1';
export const DEFAULT_NOTIFICATION_SCHEME_ID = '10000';
export const DEFAULT_PRIORITY_SCHEME_ID = '1';

export interface SchemeSources {
  workflowschemes: JsonObject[];
  issuetypeschemes: JsonObject[];
  fieldconfigurationschemes: JsonObject[];
  permissionschemes: JsonObject[];
}

export function buildProjectSchemes(plans: ProjectPlan[], sources: SchemeSources): JsonObject[] {
  const owned = (schemes: JsonObject[]) => {
    const byKey = new Map<string, JsonObject>();
    for (const scheme of schemes) {
      const key = String(scheme['name']).split(': ')[0] as string;
      if (String(scheme['name']).includes(': ') && !byKey.has(key)) byKey.set(key, scheme);
    }
    return byKey;
  };
  const workflow = owned(sources.workflowschemes);
  const issueType = owned(sources.issuetypeschemes);
  const fieldConfiguration = owned(sources.fieldconfigurationschemes);
  const permission = owned(sources.permissionschemes);
  const defaultIssueTypeScheme = sources.issuetypeschemes.find((s) => s['isDefault'] === true) ?? sources.issuetypeschemes[0];
  const defaultPermissionScheme = sources.permissionschemes[0];
  return plans.map((plan) =>
    projectSchemesOf(plan.id, plan.teamManaged, {
      workflowSchemeId: (workflow.get(plan.key)?.['id'] as number | undefined) ?? null,
      issueTypeSchemeId: String((issueType.get(plan.key) ?? defaultIssueTypeScheme)?.['id'] ?? '10000'),
      fieldConfigurationSchemeId: (fieldConfiguration.get(plan.key)?.['id'] as string | undefined) ?? null,
      permissionSchemeId: Number((permission.get(plan.key) ?? defaultPermissionScheme)?.['id'] ?? 0),
    }),
  );
}

/** The associations of one project; team-managed projects keep only their permission and priority scheme. */
export function projectSchemesOf(
  projectId: string,
  teamManaged: boolean,
  ids: { workflowSchemeId: number | null; issueTypeSchemeId: string; fieldConfigurationSchemeId: string | null; permissionSchemeId: number },
): JsonObject {
  return {
    id: projectId,
    workflowSchemeId: teamManaged ? null : ids.workflowSchemeId,
    issueTypeSchemeId: teamManaged ? null : ids.issueTypeSchemeId,
    issueTypeScreenSchemeId: teamManaged ? null : DEFAULT_ISSUE_TYPE_SCREEN_SCHEME_ID,
    fieldConfigurationSchemeId: teamManaged ? null : ids.fieldConfigurationSchemeId,
    notificationSchemeId: teamManaged ? null : DEFAULT_NOTIFICATION_SCHEME_ID,
    permissionSchemeId: ids.permissionSchemeId,
    issueSecuritySchemeId: null,
    prioritySchemeId: DEFAULT_PRIORITY_SCHEME_ID,
  };
}

/**
 * Who holds each role in each project (`projectroleactors`, id `{projectId}:{roleId}`): Jira copies a
 * role's default actors into a new project; projects then add and remove their own.
 */
export function buildProjectRoleActors(ctx: GenContext, plans: ProjectPlan[], roles: JsonObject[]): JsonObject[] {
  const rng = ctx.rng('projectroleactors');
  const entries: JsonObject[] = [];
  let actorId = 100000;
  for (const plan of plans) {
    for (const role of roles) {
      const defaults = Array.isArray(role['actors']) ? (role['actors'] as JsonObject[]) : [];
      let actors: JsonObject[] = defaults.filter(() => !rng.chance(0.15)).map((actor) => ({ ...actor, id: actorId++ }));
      if (rng.chance(0.4)) actors.push(roleActor(ctx, rng, actorId++));
      actors = dedupeActors(actors);
      entries.push({ id: `${plan.id}:${String(role['id'])}`, projectId: plan.id, roleId: role['id'] as number, actors });
    }
  }
  return entries;
}

/**
 * Notification, issue security and priority schemes list their projects (the schemes group generates
 * those lists): each project's stored associations with them say the same.
 */
export function withListedSchemes(
  projectschemes: JsonObject[],
  lists: { notificationscheme: JsonObject[]; issuesecurityscheme: JsonObject[]; priorityscheme: JsonObject[] },
): JsonObject[] {
  const holderOf = (schemes: JsonObject[], field: string, projectId: string) =>
    schemes.find((s) => Array.isArray(s[field]) && (s[field] as unknown[]).map(String).includes(projectId));
  return projectschemes.map((associations) => {
    const id = String(associations['id']);
    const notification = holderOf(lists.notificationscheme, 'projects', id);
    const security = holderOf(lists.issuesecurityscheme, 'projectIds', id);
    const priority = holderOf(lists.priorityscheme, 'projectIds', id);
    return {
      ...associations,
      ...(notification ? { notificationSchemeId: String(notification['id']) } : {}),
      issueSecuritySchemeId: security ? Number(security['id']) : null,
      prioritySchemeId: priority ? String(priority['id']) : DEFAULT_PRIORITY_SCHEME_ID,
    };
  });
}
