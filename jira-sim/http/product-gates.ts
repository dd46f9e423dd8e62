import { AutomationError } from '../rest/automation-resources';
import type { Site } from '../site/site';
import type { JsonObject } from '../types';

export interface GateAnswer {
  status: number;
  body: JsonObject;
}

const AGILE_PREFIX = 'rest/agile/';
const ISSUE_SECURITY = /^rest\/api\/[23]\/(issuesecurityschemes|securitylevel)(\/|$)/;
const AUDIT_LOG = /^rest\/api\/[23]\/auditing(\/|$)/;

/** Automation for Jira absent: its REST API has nothing for the site (the body is unverified: jira-sim/README.md). */
export function automationGate(site: Site): GateAnswer | undefined {
  if (site.info.products.includes('automation')) return undefined;
  return { status: 404, body: new AutomationError(404, 'Automation is not available on this site.').body };
}

/**
 * Areas a site does not have, answered before any resource: the agile API without Jira Software is not
 * there at all (404), issue security and the audit log on the Free plan are refused (403). The exact bodies real sites send
 * are unverified; these follow Jira's ErrorCollection. `path` is what follows /ex/jira/{cloudId}/.
 */
export function productGate(site: Site, path: string): GateAnswer | undefined {
  if (path.startsWith(AGILE_PREFIX) && !site.info.products.includes('jira-software')) {
    return { status: 404, body: { errorMessages: ['Jira Software is not available on this site.'], errors: {} } };
  }
  if (ISSUE_SECURITY.test(path) && site.info.plan === 'free') {
    return { status: 403, body: { errorMessages: ['Issue security is not available on the Free plan.'], errors: {} } };
  }
  // Spec, GET /auditing/record 403: "all Jira products are on free plans".
  if (AUDIT_LOG.test(path) && site.info.plan === 'free') {
    return { status: 403, body: { errorMessages: ['Audit logs are available when at least one Jira product is on a paid plan.'], errors: {} } };
  }
  return undefined;
}
