// The projects group: project categories, each project's components and versions, each project's
// scheme associations.
// Pure data, like the rest of the catalogue (no runtime import of config-catalogue.ts: a cycle).
import { childSpec, rules, spec, type ConfigTypeSpec } from '../catalogue-kit';
import { ROLE_ACTOR_DROPPED_PATHS, ROLE_ACTORS_UNORDERED } from './role-actors';

export const PROJECT_GROUP_TYPES = ['projectcategory', 'component', 'version', 'projectschemes', 'projectroleactors'] as const;

export type ProjectGroupType = (typeof PROJECT_GROUP_TYPES)[number];

/** Components and versions are read once per project; keys `component/{projectId}:{componentId}`. */
export const PROJECT_GROUP_PARENTS = {
  component: 'project',
  version: 'project',
  projectroleactors: 'project',
} as const;

const COMPONENT_RULES = rules({
  droppedPaths: [
    // A usage counter.
    'issueCount',
    // Derived: `assignee`, `realAssignee`, `realAssigneeType` and `isAssigneeTypeValid` follow from
    // `assigneeType` and the component's or the project's lead (a project lead change is drift of the
    // project); `project` repeats the project's key; `projectId` is "Not used" (the parent is in the key).
    'assignee',
    'realAssignee',
    'realAssigneeType',
    'isAssigneeTypeValid',
    'project',
    'projectId',
    // Compass-only members (componentSource=compass/auto), never asked for.
    'ari',
    'metadata',
  ],
});

const VERSION_RULES = rules({
  droppedPaths: [
    // Depends on today's date, the caller's locale or the caller's rights (as PROJECT_RULES' versions.*).
    'overdue',
    'userStartDate',
    'userReleaseDate',
    'operations',
    'issuesStatusForFixVersion',
    // Deprecated copy of the project key; the parent is in the key.
    'project',
  ],
  // The version the unfixed issues moved to, as a REST link.
  siteLinkPaths: ['moveUnfixedIssuesTo'],
});

/** As PROJECT_ROLE_RULES treats a role's default actors (domain/config-catalogue.ts). */
const PROJECT_ROLE_ACTORS_RULES = rules({ droppedPaths: ROLE_ACTOR_DROPPED_PATHS, unorderedArrays: [ROLE_ACTORS_UNORDERED] });

export const PROJECT_GROUP_SPECS: { readonly [T in ProjectGroupType]: ConfigTypeSpec } = {
  projectcategory: spec('projectcategory', rules({})),
  // A component's name, description, lead and default assignee rule.
  component: childSpec('component', COMPONENT_RULES),
  // `position` is the version's place in the project's release sequence (orderBy=sequence): reordering
  // versions is a real change (Jira has PUT /version/{id}/move).
  version: childSpec('version', VERSION_RULES),
  // One object per project, keyed by the project's id (never reused): the id of each scheme it uses
  // (workflow, issue type, issue type screen, field configuration, notification, permission, issue
  // security, priority), null where it has none, "default" for Jira's defaults that have no id. Ids
  // only: the schemes themselves are objects of their own types. Read by one list plan from the bulk
  // association endpoints (not per project), so it has no parent type.
  projectschemes: spec('projectschemes', rules({})),
  // Who holds one project role in one project: `{id: roleId, actors}`, keyed
  // `projectroleactors/{projectId}:{roleId}`; the role's name and description are the projectrole type's.
  projectroleactors: childSpec('projectroleactors', PROJECT_ROLE_ACTORS_RULES),
};
