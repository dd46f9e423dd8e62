// `jira-drift tenant ...`: install (one step, idempotent), list, show, pause, resume, remove, and the
// automation API token (set from stdin, clear).
import type { Command } from 'commander';
import { SNAPSHOT_TYPES } from '../../domain/snapshot-window';
import { InvalidInputError } from '../errors';
import { clearAutomationToken, setAutomationToken } from '../automation-token';
import {
  installTenant,
  listTenantSummaries,
  pauseTenant,
  removeTenant,
  rescheduleTenants,
  resumeTenant,
  showTenant,
  type TenantDetails,
} from '../tenant-lifecycle';
import { assertTenantId } from '../input-schemas';
import { command, printResult, type CommandContext } from './command-runner';
import { readApiTokenFromStdin, readInstallSecrets } from './secret-input';

function parseTypes(value: string): Array<(typeof SNAPSHOT_TYPES)[number]> {
  const types = value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const bad = types.filter((t) => !(SNAPSHOT_TYPES as readonly string[]).includes(t));
  if (types.length === 0 || bad.length > 0) throw new InvalidInputError(`--types must be a comma-separated list of ${SNAPSHOT_TYPES.join(', ')}`);
  return types as Array<(typeof SNAPSHOT_TYPES)[number]>;
}

/** What the tenant operations need: the store, Temporal and the task queue. */
async function lifecycleDeps(ctx: CommandContext) {
  return { pool: ctx.pool(), client: await ctx.temporal(), taskQueue: ctx.taskQueue, scheduleJitterMs: ctx.env.JIRA_DRIFT_SCHEDULE_JITTER };
}

function showLines(t: TenantDetails): string {
  const lines = [
    `tenant ${t.tenantId}: ${t.status}${t.statusReason ? ` (${t.statusReason})` : ''}`,
    `  site ${t.siteUrl} (cloud id ${t.cloudId})`,
    `  token: ${t.token.state ?? 'unknown'}${t.token.status?.accessExpiresAt ? `, access token expires ${t.token.status.accessExpiresAt}` : ''}${
      t.token.status?.daysUntilGrantExpiry != null ? `, grant expires in ${t.token.status.daysUntilGrantExpiry} days` : ''
    }${t.token.note ? ` (${t.token.note})` : ''}`,
    `  automation API token: ${t.automationToken.set ? `set (since ${t.automationToken.setAt})` : 'not set (automation rules unavailable; jira-drift tenant automation-token set)'}`,
  ];
  if (t.scheduleDetails.length === 0) lines.push('  schedules: none');
  for (const s of t.scheduleDetails) {
    lines.push(`  schedule ${s.scheduleId}: ${s.paused ? 'PAUSED' : 'active'}, next ${s.nextActionTimes[0] ?? '-'}, ${s.actionsTaken} run(s)`);
  }
  if (t.lastSnapshots.length === 0) lines.push('  snapshots: none yet');
  else lines.push('  snapshots, newest first (id, type, window, status):');
  for (const s of t.lastSnapshots) {
    lines.push(
      `    ${s.snapshotId} ${s.type} ${s.windowStart} ${s.status}${s.objectCount != null ? ` ${s.objectCount} objects` : ''}${s.statusReason ? ` (${s.statusReason})` : ''}`,
    );
  }
  return lines.join('\n');
}

export function registerTenantCommands(program: Command): void {
  const tenant = program.command('tenant').description('install and operate tenants (one Jira Cloud site each)');

  tenant
    .command('install <tenant>')
    .description(
      'one step, idempotent: validate and store the grant, start the token workflow, create the snapshot schedules. ' +
        'Secrets: JIRA_DRIFT_CLIENT_SECRET and JIRA_DRIFT_AUTHORIZATION_CODE from the environment, or KEY=VALUE lines on stdin with --secrets-stdin',
    )
    .requiredOption('--site <url>', 'the Jira Cloud site, e.g. https://acme.atlassian.net')
    .requiredOption('--client-id <id>', 'OAuth 2.0 (3LO) client id of the jira-drift app')
    .option('--types <list>', 'snapshot schedules to keep: hourly,daily,weekly (comma-separated)', 'daily')
    .option('--redirect-uri <url>', 'the redirect URI the authorization code was issued for (needed with a new code)')
    .option('--allow-write-scopes', 'accept a grant that carries write scopes (jira-drift never writes)')
    .option('--reconsent', 'replace the stored grant with the new authorization code')
    .option('--secrets-stdin', 'read the secrets from stdin as KEY=VALUE lines')
    .option('--json', 'print JSON')
    .action(
      command(
        async (
          ctx,
          tenantId: string,
          opts: {
            site: string;
            clientId: string;
            types: string;
            redirectUri?: string;
            allowWriteScopes?: boolean;
            reconsent?: boolean;
            secretsStdin?: boolean;
            json?: boolean;
          },
        ) => {
          assertTenantId(tenantId);
          const types = parseTypes(opts.types);
          const secrets = await readInstallSecrets(!!opts.secretsStdin);
          const secretBox = ctx.secretBox();
          const result = await installTenant(
            { ...(await lifecycleDeps(ctx)), secretBox, authBaseUrl: ctx.env.JIRA_AUTH_BASE_URL, apiBaseUrl: ctx.env.JIRA_API_BASE_URL },
            {
              tenantId,
              siteUrl: opts.site,
              clientId: opts.clientId,
              ...secrets,
              redirectUri: opts.redirectUri,
              types,
              allowWriteScopes: !!opts.allowWriteScopes,
              reconsent: !!opts.reconsent,
            },
          );
          const unavailable = result.unavailableTypes.map((u) =>
            u.needs
              ? `  unavailable until set: ${u.type} (${u.needs})`
              : `  unavailable with this grant: ${u.type} (lacks ${u.missingScopes.join(', ')})`,
          );
          printResult(result, !!opts.json, () =>
            [
              result.unchanged
                ? `tenant ${tenantId}: already installed for ${result.siteUrl}, nothing changed`
                : [`tenant ${tenantId}: installed for ${result.siteUrl}`, ...result.changes.map((c) => `  - ${c}`)].join('\n'),
              ...unavailable,
            ].join('\n'),
          );
        },
      ),
    );

  tenant
    .command('list')
    .description('installed tenants with their status and schedules')
    .option('--json', 'print JSON')
    .action(
      command(async (ctx, opts: { json?: boolean }) => {
        const tenants = await listTenantSummaries(await lifecycleDeps(ctx));
        printResult(tenants, !!opts.json, () =>
          tenants.length === 0
            ? '(no tenants)'
            : tenants
                .map(
                  (t) =>
                    `${t.tenantId}\t${t.status}\t${t.siteUrl}\t${t.schedules.map((s) => `${s.type}${s.paused ? '(paused)' : ''}`).join(',') || 'no schedules'}`,
                )
                .join('\n'),
        );
      }),
    );

  tenant
    .command('show <tenant>')
    .description("status, schedules, last snapshots and token state (from the token workflow's status query)")
    .option('--json', 'print JSON')
    .action(
      command(async (ctx, tenantId: string, opts: { json?: boolean }) => {
        assertTenantId(tenantId);
        const details = await showTenant(await lifecycleDeps(ctx), tenantId);
        printResult(details, !!opts.json, () => showLines(details));
      }),
    );

  for (const [name, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    tenant
      .command(`${name} <tenant>`)
      .description(paused ? "pause the tenant's snapshot schedules (tokens keep refreshing)" : "unpause the tenant's snapshot schedules")
      .option('--note <text>', 'shown with the schedule in the Temporal UI')
      .option('--json', 'print JSON')
      .action(
        command(async (ctx, tenantId: string, opts: { note?: string; json?: boolean }) => {
          assertTenantId(tenantId);
          if (opts.note !== undefined && opts.note.length > 500) throw new InvalidInputError('--note must be at most 500 characters');
          const deps = await lifecycleDeps(ctx);
          const changes = await (paused ? pauseTenant(deps, tenantId, opts.note) : resumeTenant(deps, tenantId, opts.note));
          const changed = changes.filter((c) => c.outcome !== 'unchanged');
          printResult(changes, !!opts.json, () =>
            changes.length === 0
              ? `tenant ${tenantId}: no schedules`
              : changed.length === 0
                ? `tenant ${tenantId}: schedules already ${paused ? 'paused' : 'running'}, nothing changed`
                : `tenant ${tenantId}: ${changed.map((c) => c.type).join(', ')} schedule(s) ${paused ? 'paused' : 'resumed'}`,
          );
        }),
      );
  }

  const automationToken = tenant
    .command('automation-token')
    .description("the API token automation rules are read with (Atlassian's Automation REST API takes no OAuth token)");

  automationToken
    .command('set <tenant>')
    .description('store a service account email and its (scoped) API token, encrypted; the token is read from stdin, never from arguments')
    .requiredOption('--email <email>', 'email of the Atlassian account that owns the token')
    .option('--json', 'print JSON')
    .action(
      command(async (ctx, tenantId: string, opts: { email: string; json?: boolean }) => {
        assertTenantId(tenantId);
        const apiToken = await readApiTokenFromStdin();
        const result = await setAutomationToken({ pool: ctx.pool(), secretBox: ctx.secretBox() }, { tenantId, email: opts.email, apiToken });
        printResult(result, !!opts.json, () => `tenant ${tenantId}: automation API token ${result.replaced ? 'replaced' : 'stored'} (encrypted)`);
      }),
    );

  automationToken
    .command('clear <tenant>')
    .description('delete the stored automation API token (automation rules become unavailable)')
    .option('--json', 'print JSON')
    .action(
      command(async (ctx, tenantId: string, opts: { json?: boolean }) => {
        assertTenantId(tenantId);
        const result = await clearAutomationToken({ pool: ctx.pool() }, tenantId);
        printResult(result, !!opts.json, () =>
          result.cleared
            ? `tenant ${tenantId}: automation API token deleted`
            : `tenant ${tenantId}: no automation API token was set, nothing changed`,
        );
      }),
    );

  tenant
    .command('reschedule [tenant]')
    .description("rewrite existing snapshot schedules with this deployment's JIRA_DRIFT_SCHEDULE_JITTER and task queue")
    .option('--all', 'every installed tenant')
    .option('--json', 'print JSON')
    .action(
      command(async (ctx, tenantId: string | undefined, opts: { all?: boolean; json?: boolean }) => {
        if (!!tenantId === !!opts.all) throw new InvalidInputError('name one tenant or pass --all');
        if (tenantId) assertTenantId(tenantId);
        const results = await rescheduleTenants(await lifecycleDeps(ctx), tenantId);
        printResult(results, !!opts.json, () =>
          results.length === 0
            ? 'no snapshot schedules to reschedule'
            : results.map((r) => `tenant ${r.tenantId}: ${r.changes.map((c) => `${c.type} ${c.outcome}`).join(', ')}`).join('\n'),
        );
      }),
    );

  tenant
    .command('remove <tenant>')
    .description("delete the tenant's schedules and stop its token workflow; --purge also deletes its data")
    .option('--purge', 'delete every row of the tenant (snapshots, drift, credentials) and terminate its running workflows')
    .option('--json', 'print JSON')
    .action(
      command(async (ctx, tenantId: string, opts: { purge?: boolean; json?: boolean }) => {
        assertTenantId(tenantId);
        const result = await removeTenant(await lifecycleDeps(ctx), tenantId, { purge: !!opts.purge });
        printResult(result, !!opts.json, () =>
          result.changes.length === 0
            ? `tenant ${tenantId}: already removed, nothing changed`
            : [`tenant ${tenantId}: removed${result.purged ? ' and purged' : ' (data kept)'}`, ...result.changes.map((c) => `  - ${c}`)].join('\n'),
        );
      }),
    );
}
