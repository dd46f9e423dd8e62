// The granular scopes of reading a project (GET /project/search with its expansions, per the spec).
// Operations that return projects inside their objects (a dashboard's share permissions) need them too.
export const PROJECT_READ_SCOPES = [
  'read:application-role:jira',
  'read:avatar:jira',
  'read:group:jira',
  'read:issue-type-hierarchy:jira',
  'read:issue-type:jira',
  'read:project-category:jira',
  'read:project-version:jira',
  'read:project.component:jira',
  'read:project.property:jira',
  'read:project:jira',
  'read:user:jira',
] as const;
