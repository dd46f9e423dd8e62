// Builds the activities' dependencies from the validated environment.
import type { Logger } from 'pino';
import { AccessTokenProvider } from '../jira-cloud';
import type { ActivityDeps } from '../activities/deps';
import { JiraClientRegistry } from '../jira-cloud';
import type { Env } from '../config/env';
import { createPool } from '../store/pool';
import { loadAutomationToken } from '../store/automation-token-store';
import { SecretBox } from '../store/secret-box';

export function buildActivityDeps(env: Env, logger: Logger): ActivityDeps {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required for the worker');
  const pool = createPool(env.DATABASE_URL, 20);
  const secretBox = SecretBox.fromSpec(env.JIRA_DRIFT_ENCRYPTION_KEYS);
  const tokens = new AccessTokenProvider({ pool, secretBox, authBaseUrl: env.JIRA_AUTH_BASE_URL, minValidityMs: env.JIRA_TOKEN_MIN_VALIDITY_MS });
  const jiraClients = new JiraClientRegistry(
    pool,
    tokens,
    (tenantId) => loadAutomationToken(pool, secretBox, tenantId),
    { apiBaseUrl: env.JIRA_API_BASE_URL, concurrency: env.JIRA_CONCURRENCY, timeoutMs: env.JIRA_TIMEOUT_MS },
    logger,
  );
  const quota = env.JIRA_QUOTA_POINTS
    ? { tier: env.JIRA_QUOTA_TIER, pointsPerWindow: env.JIRA_QUOTA_POINTS, windowSeconds: env.JIRA_QUOTA_WINDOW_SECONDS }
    : undefined;
  return { pool, secretBox, tokens, jiraClients, logger, quota };
}
