import type { OperationScopes } from './operation-scopes';

/**
 * Scopes of the agile API operations jira-sim serves (under /rest/agile/1.0/). The agile API is not in the
 * platform OpenAPI spec, so this table is written by hand from Atlassian's Jira Software Cloud REST docs
 * (developer.atlassian.com/cloud/jira/software/rest/api-group-board/: "Get all boards" needs
 * read:board-scope:jira-software and read:project:jira; "Get configuration" needs
 * read:board-scope.admin:jira-software and read:project:jira) and its scopes page ("Jira Software doesn't
 * support classic scopes. Use granular scopes instead."). With no classic alternative, the granular set is
 * also what `classic` must hold: a token opens the operation only with all of them.
 */
const BOARD = ['read:board-scope:jira-software', 'read:project:jira'];
const BOARD_CONFIGURATION = ['read:board-scope.admin:jira-software', 'read:project:jira'];

export const AGILE_OPERATION_SCOPES: Record<string, OperationScopes> = {
  'GET board': { classic: BOARD, granular: BOARD },
  'GET board/{boardId}/configuration': { classic: BOARD_CONFIGURATION, granular: BOARD_CONFIGURATION },
};

export function agileOperationScopes(method: string, template: string): OperationScopes | undefined {
  return AGILE_OPERATION_SCOPES[`${method} ${template}`];
}
