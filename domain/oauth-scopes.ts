// Which scopes of a grant allow writing (jira-drift refuses them unless the operator opted in). The
// scopes it asks for are derived from what it reads: jira-cloud/requested-scopes.ts.
/** Scopes in a grant that allow writing: classic write/manage scopes and granular write/delete ones. */
export function findWriteScopes(granted: readonly string[]): string[] {
  return granted.filter((s) => s.startsWith('write:') || s.startsWith('manage:') || s.startsWith('delete:') || s === 'admin:jira');
}
