import type { ConfigType, JsonObject, SiteSize } from '../types';
import { buildAutomationRules } from './automation';
import { buildBoardGroup } from './boards';
import { GenContext } from './context';
import { planCounts } from './counts';
import { buildFieldConfigurationSchemes, buildFieldConfigurations } from './field-configurations';
import { buildFieldContexts } from './field-contexts';
import { buildFields } from './fields';
import { buildIssueTypes, projectIdOfScope } from './issue-types';
import { buildPermissionSchemes } from './permission-schemes';
import { buildPlatform } from './platform';
import { buildPriorities } from './priorities';
import { buildComponents, buildProjectCategories, buildVersions } from './project-parts';
import { buildProjectRoleActors, buildProjectSchemes } from './project-schemes';
import { buildProjects, type ProjectPlan } from './projects';
import { planProjects } from './projects';
import { buildResolutions } from './resolutions';
import { buildRoles } from './roles';
import { buildIssueTypeSchemes, buildWorkflowSchemes } from './schemes';
import { buildIssueTypeScreenSchemes, buildScreenSchemes, buildScreenTabs } from './screen-schemes';
import { withListedSchemes } from './project-schemes';
import { buildIssueSecurity, buildNotificationSchemes, buildPrioritySchemes } from './scheme-group';
import { buildScreens } from './screens';
import { buildStatuses } from './statuses';
import { buildWorkflows } from './workflows';

export type GeneratedObjects = Record<ConfigType, JsonObject[]>;

/**
 * A whole site's configuration, built in dependency order so that every reference (scheme → issue type,
 * workflow → status/screen/resolution/field/role, grant → role/group/user) points at an existing object.
 * Pure function of (seed, size, siteUrl).
 */
export function generateSite(seed: number, size: SiteSize, siteUrl: string): GeneratedObjects {
  const counts = planCounts(size);
  const ctx = new GenContext(seed, siteUrl, Math.max(8, Math.ceil(counts.project / 2)));
  const plans = planProjects(ctx, counts.project);

  const issuetype = buildIssueTypes(ctx, counts.issuetype, plans);
  const status = buildStatuses(ctx, counts.status, plans);
  const priority = buildPriorities(ctx, counts.priority);
  const resolution = buildResolutions(ctx, counts.resolution);
  const screen = buildScreens(ctx, counts.screen, plans);
  const field = buildFields(ctx, counts.field, plans);
  const projectrole = buildRoles(ctx, counts.projectrole);
  const workflow = buildWorkflows(ctx, counts.workflow, plans, {
    statuses: status,
    screenIds: screen.map((s) => s['id'] as number),
    resolutionIds: resolution.map((r) => r['id'] as string),
    fieldIds: field.map((f) => f['id'] as string),
    roleIds: projectrole.map((r) => r['id'] as number),
  });
  const workflowscheme = buildWorkflowSchemes(ctx, counts.workflowscheme, plans, issuetype, workflow);
  const typeSchemes = buildIssueTypeSchemes(ctx, counts.issuetypescheme, plans, issuetype);
  const permissionscheme = buildPermissionSchemes(
    ctx,
    counts.permissionscheme,
    plans,
    projectrole.map((r) => r['id'] as number),
  );

  const classicProjectIds = plans.filter((p) => !p.teamManaged).map((p) => p.id);
  const globalTypeIds = issuetype.filter((t) => projectIdOfScope(t) === undefined).map((t) => t['id'] as string);
  const contexts = buildFieldContexts(
    ctx,
    { contexts: counts.fieldcontext, options: counts.fieldcontextoption },
    field,
    classicProjectIds,
    globalTypeIds,
  );
  const fieldconfiguration = buildFieldConfigurations(ctx, counts.fieldconfiguration, plans, field);
  const fieldconfigurationscheme = buildFieldConfigurationSchemes(
    ctx,
    counts.fieldconfigurationscheme,
    plans,
    fieldconfiguration.map((c) => c['id'] as number),
    globalTypeIds,
  );

  const screentab = buildScreenTabs(ctx, counts.screentab, screen, field);
  const screenscheme = buildScreenSchemes(
    ctx,
    counts.screenscheme,
    plans,
    screen.filter((s) => s['scope'] === undefined).map((s) => s['id'] as number),
  );
  const issuetypescreenscheme = buildIssueTypeScreenSchemes(
    ctx,
    counts.issuetypescreenscheme,
    plans,
    screenscheme.map((s) => s['id'] as number),
    globalTypeIds,
  );

  const roleIds = projectrole.map((r) => r['id'] as number);
  const notificationscheme = buildNotificationSchemes(ctx, counts.notificationscheme, plans, {
    roleIds,
    customFieldIds: field.filter((f) => f['custom'] === true).map((f) => f['id'] as string),
  });
  const security = buildIssueSecurity(ctx, { schemes: counts.issuesecurityscheme, levels: counts.issuesecuritylevel }, plans, roleIds);
  const priorityscheme = buildPrioritySchemes(
    ctx,
    counts.priorityscheme,
    plans,
    priority.map((p) => p['id'] as string),
  );

  const typesById = new Map(issuetype.map((t) => [t['id'] as string, t]));
  const schemeByKey = new Map(typeSchemes.schemes.map((s) => [String(s['name']).split(':')[0], s['id'] as string]));
  const project = buildProjects(ctx, plans, (plan: ProjectPlan) => {
    if (plan.teamManaged) {
      const own = issuetype.filter((t) => projectIdOfScope(t) === plan.id);
      if (own.length > 0) return own;
    }
    const schemeId = schemeByKey.get(plan.key) ?? typeSchemes.schemes[0]?.['id'];
    const ids = typeSchemes.members.get(String(schemeId)) ?? [];
    return ids.map((id) => typesById.get(id)).filter((t): t is JsonObject => t !== undefined);
  });

  const boards = buildBoardGroup(ctx, counts, { projects: plans, roleIds: projectrole.map((r) => r['id'] as number), statuses: status });

  return {
    project,
    field,
    issuetype,
    issuetypescheme: typeSchemes.schemes,
    status,
    priority,
    resolution,
    screen,
    workflow,
    workflowscheme,
    permissionscheme,
    projectrole,
    fieldcontext: contexts.contexts,
    fieldcontextoption: contexts.options,
    fieldconfiguration,
    fieldconfigurationscheme,
    ...buildPlatform(ctx, counts),
    screentab,
    screenscheme,
    issuetypescreenscheme,
    notificationscheme,
    issuesecurityscheme: security.schemes,
    issuesecuritylevel: security.levels,
    priorityscheme,
    ...boards,
    projectcategory: buildProjectCategories(ctx, counts.projectcategory),
    component: buildComponents(ctx, counts.component, plans),
    version: buildVersions(ctx, counts.version, plans),
    projectschemes: withListedSchemes(
      buildProjectSchemes(plans, {
        workflowschemes: workflowscheme,
        issuetypeschemes: typeSchemes.schemes,
        fieldconfigurationschemes: fieldconfigurationscheme,
        permissionschemes: permissionscheme,
      }),
      { notificationscheme, issuesecurityscheme: security.schemes, priorityscheme },
    ),
    projectroleactors: buildProjectRoleActors(ctx, plans, projectrole),
    automationrule: buildAutomationRules(ctx, counts.automationrule, { projects: plans, statusIds: status.map((s) => String(s['id'])) }),
  };
}
