// Everything activities need from the outside world, built once per worker process.
import type { Logger } from 'pino';
import type { Pool } from 'pg';
import type { SecretBox } from '../store/secret-box';
import type { AccessTokenProvider } from '../jira-cloud';
import type { JiraClientRegistry } from '../jira-cloud';
import type { PoolSettings } from '../domain/quota-budget';

export interface ActivityDeps {
  pool: Pool;
  secretBox: SecretBox;
  tokens: AccessTokenProvider;
  jiraClients: JiraClientRegistry;
  logger: Logger;
  /** The points pool snapshots budget against; undefined = no budget (JIRA_QUOTA_POINTS unset). */
  quota?: PoolSettings;
}
