// Everything activities need from the outside world, built once per worker process.
import type { Logger } from 'pino';
import type { Pool } from 'pg';
import type { SecretBox } from '../store/secret-box';
import type { AccessTokenProvider } from '../jira-cloud';
import type { JiraClientRegistry } from '../jira-cloud';

export interface ActivityDeps {
  pool: Pool;
  secretBox: SecretBox;
  tokens: AccessTokenProvider;
  jiraClients: JiraClientRegistry;
  logger: Logger;
}
