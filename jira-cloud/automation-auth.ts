// How jira-drift authenticates to Atlassian's Automation REST API: that API does not accept OAuth 2.0
// (3LO) tokens ("Forge and OAuth2 apps cannot access this REST resource"), only API tokens, as HTTP Basic
// `<email>:<token>` (jira-sim/README.md, "Automation REST API", has the sources). So each tenant may store
// a service account's email and API token for it; every other request keeps the OAuth bearer token.
import { JiraClientError } from './errors';

export interface AutomationToken {
  email: string;
  apiToken: string;
}

/** Where the operator sets it: what an unavailable automation area and `tenant install` say. */
export const AUTOMATION_TOKEN_NEEDED = 'needs an API token (jira-drift tenant automation-token set)';

/** The tenant has no automation API token: thrown before any request is sent. */
export class AutomationTokenMissingError extends JiraClientError {
  readonly retryable = false;
  constructor() {
    super(`the Automation REST API ${AUTOMATION_TOKEN_NEEDED}`);
  }
}

/** The Authorization header, and every form of the secret in it (scrubbed from anything quoted back). */
export function basicAuthorization(token: AutomationToken): { header: string; secrets: string[] } {
  const encoded = Buffer.from(`${token.email}:${token.apiToken}`, 'utf8').toString('base64');
  return { header: `Basic ${encoded}`, secrets: [token.apiToken, encoded] };
}
