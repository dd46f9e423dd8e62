// Snapshot-style Jira reads made straight from the benchmark process: every configuration resource of
// a random tenant, page by page, through the real Jira client and an AccessTokenProvider of its own
// (a second process refreshing on demand against the same credential rows as the worker). They run
// whatever the Temporal queue's backlog, so token churn always meets real Jira calls.
import pino from 'pino';
import { AccessTokenProvider } from '../../jira-cloud/oauth/access-token-provider';
import { JiraClientRegistry } from '../../jira-cloud/tenant-clients';
import { CONFIG_RESOURCES } from '../../jira-cloud/config-reads';
import { CONFIG_TYPES } from '../../domain/config-catalogue';
import { loadAutomationToken } from '../../store/automation-token-store';
import { SecretBox } from '../../store/secret-box';
import type { BenchStack } from './bench-stack';

export async function directJiraReads(
  stack: BenchStack,
  o: { tenantIds: string[]; loops: number; deadline: number; minValidityMs: number },
): Promise<{ reads: number; errors: number }> {
  const secretBox = SecretBox.fromSpec(stack.state.encryptionKeys);
  const tokens = new AccessTokenProvider({
    pool: stack.pool,
    secretBox,
    authBaseUrl: stack.state.jiraSimUrl,
    minValidityMs: o.minValidityMs,
  });
  const registry = new JiraClientRegistry(
    stack.pool,
    tokens,
    (tenantId) => loadAutomationToken(stack.pool, secretBox, tenantId),
    { apiBaseUrl: stack.state.jiraSimUrl, concurrency: 4, timeoutMs: 30_000 },
    pino({ level: 'silent' }),
  );
  let reads = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: o.loops }, async (_, loop) => {
      for (let k = loop; Date.now() < o.deadline; k += o.loops) {
        const tenantId = o.tenantIds[(k * 104_729) % o.tenantIds.length]!;
        try {
          const client = await registry.forTenant(tenantId);
          for (const type of CONFIG_TYPES) {
            const plan = CONFIG_RESOURCES[type];
            // Per-parent types need the snapshot's parents; the list types are the bulk of the reads.
            if (plan.kind === 'list') await plan.read(client, async () => {});
            if (plan.kind === 'detail-list') await plan.list(client);
          }
          reads++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { reads, errors };
}
