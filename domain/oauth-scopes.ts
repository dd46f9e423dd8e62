// OAuth scopes jira-drift asks for: granular read-only scopes plus offline_access for refresh tokens.
// (There is no classic `read:jira-configuration` scope; see shared reference §1.8.)
export const REQUESTED_SCOPES = [
  'read:project:jira',
  'read:field:jira',
  'read:field-configuration:jira',
  'read:field-configuration-scheme:jira',
  'read:custom-field-contextual-configuration:jira',
  'read:field.default-value:jira',
  'read:field.option:jira',
  'read:issue-type:jira',
  'read:issue-type-scheme:jira',
  'read:status:jira',
  'read:workflow:jira',
  'read:resolution:jira',
  'read:priority-scheme:jira',
  'read:screen:jira',
  'read:workflow-scheme:jira',
  'read:permission-scheme:jira',
  'read:project-role:jira',
  'read:avatar:jira',
  'read:project-category:jira',
  'read:user:jira',
  'read:group:jira',
  'offline_access',
] as const;

/** Scopes in a grant that allow writing: classic write/manage scopes and granular write/delete ones. */
export function findWriteScopes(granted: readonly string[]): string[] {
  return granted.filter((s) => s.startsWith('write:') || s.startsWith('manage:') || s.startsWith('delete:') || s === 'admin:jira');
}
