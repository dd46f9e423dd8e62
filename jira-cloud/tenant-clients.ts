// One Jira client per tenant per worker process, so the per-site concurrency cap is shared by all
// activities of that tenant running in this process.
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { getTenant } from '../store/tenant-store';
import type { AutomationToken } from './automation-auth';
import type { AccessTokenProvider } from './oauth/access-token-provider';
import { createJiraClient, type JiraClient } from './jira-client';

export interface JiraClientSettings {
  apiBaseUrl: string;
  concurrency: number;
  timeoutMs: number;
}

/** A tenant's automation API token (decrypted from the store), or undefined when none is set. */
export type AutomationTokenSource = (tenantId: string) => Promise<AutomationToken | undefined>;

export class JiraClientRegistry {
  private readonly clients = new Map<string, { cloudId: string; client: JiraClient }>();

  constructor(
    private readonly pool: Pool,
    private readonly tokens: AccessTokenProvider,
    private readonly automationTokens: AutomationTokenSource,
    private readonly settings: JiraClientSettings,
    private readonly logger: Logger,
  ) {}

  async forTenant(tenantId: string): Promise<JiraClient> {
    const tenant = await getTenant(this.pool, tenantId);
    if (!tenant) throw new Error(`unknown tenant ${tenantId}`);
    // Checked and filled with no await in between: activities of one tenant that start together
    // must share one client, or each would get its own in-flight cap and its own Retry-After pause.
    const cached = this.clients.get(tenantId);
    if (cached && cached.cloudId === tenant.cloudId) return cached.client;
    const client = createJiraClient({
      apiBaseUrl: this.settings.apiBaseUrl,
      cloudId: tenant.cloudId,
      concurrency: this.settings.concurrency,
      timeoutMs: this.settings.timeoutMs,
      getAccessToken: ({ forceRefresh }) => this.tokens.getAccessToken(tenantId, { forceRefresh }),
      getAutomationToken: () => this.automationTokens(tenantId),
      logger: this.logger.child({ tenantId }),
    });
    this.clients.set(tenantId, { cloudId: tenant.cloudId, client });
    return client;
  }
}
