import type { OperationScopes } from './operation-scopes';

/**
 * Scopes of the Automation REST API operations jira-sim serves (under /rest/v1/). Atlassian documents no
 * OAuth scope for them (its docs say "Forge and OAuth2 apps cannot access this REST resource"); the
 * classic read:jira-work is what a third-party client names for the rule reads. Unverified:
 * jira-sim/README.md, "Automation REST API". No granular set: the classic scope opens them.
 */
const RULE_READ: OperationScopes = { classic: ['read:jira-work'], granular: null };

export const AUTOMATION_OPERATION_SCOPES: Record<string, OperationScopes> = {
  'GET rule/summary': RULE_READ,
  'GET rule/{ruleUuid}': RULE_READ,
};

export function automationOperationScopes(method: string, template: string): OperationScopes | undefined {
  return AUTOMATION_OPERATION_SCOPES[`${method} ${template}`];
}
