// `jira-drift drift ...`: list a tenant's drift events page by page, show one, or scan two snapshots.
import type { Command } from 'commander';
import { listDrift, showDrift, driftCursorKey, type DriftEvent, type DriftEventDetail } from '../drift-reads';
import { checkDriftScanPair, parseDriftScanOptions, startDriftScan } from '../drift-scans';
import { exportDrift, parseExportQuery, type ExportFormat } from '../drift-export';
import { authorNames, type AuthorNames } from '../author-names';
import { command, integerOption, printResult, type CommandContext } from './command-runner';

/** "Display Name (account id)" where Jira told the name, else the account id. */
type Who = (accountId: string | null) => string;

const whoFrom =
  (names: AuthorNames['names']): Who =>
  (accountId) =>
    accountId === null ? '(unknown)' : names[accountId] ? `${names[accountId]} (${accountId})` : accountId;

/** The authors' display names, read from Jira for this answer only (never stored); none with --no-names. */
async function namesFor(ctx: CommandContext, tenantId: string, accountIds: Array<string | null>, wanted: boolean): Promise<AuthorNames> {
  const ids = accountIds.filter((id): id is string => id !== null);
  if (!wanted || ids.length === 0) return { names: {} };
  const env = ctx.env;
  return authorNames(
    { pool: ctx.pool(), secretBox: ctx.secretBox(), apiBaseUrl: env.JIRA_API_BASE_URL, authBaseUrl: env.JIRA_AUTH_BASE_URL },
    tenantId,
    ids,
  );
}

const authorsOf = (a: DriftEvent['attribution']): Array<string | null> => (a.status === 'attributed' ? a.changes.map((c) => c.by) : []);

function eventLine(e: DriftEvent, who: Who): string {
  const paths = e.change === 'modified' ? `  ${e.changedPaths.join(' ')}` : '';
  return `${e.id}\t${e.windowStart}\t${e.snapshotType}\t${e.change}\t${e.objectKey}${paths}\t${attributionText(e.attribution, who)}`;
}

/** When and by whom, or why the audit log does not say. */
function attributionText(a: DriftEvent['attribution'], who: Who): string {
  if (a.status === 'unattributed') return `unattributed: ${a.reason}`;
  return a.changes.map((c) => `${c.at} by ${who(c.by)}`).join(', ');
}

function auditRecordLines(records: DriftEventDetail['auditRecords'], who: Who): string[] {
  return records.flatMap((r) => [
    `  audit record ${r.recordId} ${r.created} by ${who(r.authorAccountId)} (matched by ${r.matchedBy}): ${r.summary}`,
    ...r.changedValues.map((c) => `    ${c.fieldName}: ${c.changedFrom ?? '(none)'} -> ${c.changedTo ?? '(none)'}`),
  ]);
}

export function registerDriftCommands(program: Command): void {
  const drift = program.command('drift').description('configuration drift between snapshots');

  drift
    .command('list')
    .description("one page of a tenant's drift events (oldest window first); --cursor continues")
    .requiredOption('--tenant <id>', 'tenant id')
    .option('--type <type>', 'hourly | daily | weekly')
    .option('--since <iso>', 'observed in windows starting at or after this instant')
    .option('--until <iso>', 'observed in windows starting before this instant')
    .option('--scan <id>', 'only events of this drift scan')
    .option('--page-size <n>', 'events per page, 1-500', '100')
    .option('--cursor <cursor>', 'the nextCursor of the previous page')
    .option('--no-names', "account ids only: do not ask Jira for the authors' display names")
    .option('--json', 'print JSON')
    .action(
      command(
        async (
          ctx,
          opts: {
            tenant: string;
            type?: string;
            since?: string;
            until?: string;
            scan?: string;
            pageSize: string;
            cursor?: string;
            names: boolean;
            json?: boolean;
          },
        ) => {
          const query = {
            snapshotType: opts.type as 'daily' | undefined,
            since: opts.since,
            until: opts.until,
            scanId: opts.scan,
            pageSize: integerOption('--page-size', opts.pageSize),
            cursor: opts.cursor,
          };
          const page = await listDrift({ pool: ctx.pool(), cursorKey: driftCursorKey(ctx.secretBox()) }, opts.tenant, query);
          const authors = await namesFor(
            ctx,
            opts.tenant,
            page.events.flatMap((e) => authorsOf(e.attribution)),
            opts.names,
          );
          const who = whoFrom(authors.names);
          printResult({ ...page, authors }, !!opts.json, () =>
            [
              ...page.events.map((e) => eventLine(e, who)),
              ...(authors.unavailable ? [`(display names: ${authors.unavailable})`] : []),
              page.nextCursor ? `next page: --cursor ${page.nextCursor}` : '(end of results)',
            ].join('\n'),
          );
        },
      ),
    );

  drift
    .command('show <event>')
    .description('one drift event with the changed values before and after, and the audit records naming its object')
    .requiredOption('--tenant <id>', 'tenant id')
    .option('--no-names', "account ids only: do not ask Jira for the authors' display names")
    .option('--json', 'print JSON')
    .action(
      command(async (ctx, eventId: string, opts: { tenant: string; names: boolean; json?: boolean }) => {
        const event = await showDrift({ pool: ctx.pool() }, opts.tenant, eventId);
        const authors = await namesFor(
          ctx,
          opts.tenant,
          event.auditRecords.map((r) => r.authorAccountId),
          opts.names,
        );
        const who = whoFrom(authors.names);
        printResult({ ...event, authors }, !!opts.json, () =>
          [
            eventLine(event, who),
            ...event.changes.map((c) => `  ${c.path}: ${JSON.stringify(c.before) ?? '(absent)'} -> ${JSON.stringify(c.after) ?? '(absent)'}`),
            ...(event.body !== undefined ? [`  body: ${JSON.stringify(event.body)}`] : []),
            ...auditRecordLines(event.auditRecords, who),
            ...(authors.unavailable ? [`  (display names: ${authors.unavailable})`] : []),
          ].join('\n'),
        );
      }),
    );

  drift
    .command('export')
    .description('a report for auditors: every drift event with who changed it and when, streamed to stdout')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--format <format>', 'csv | json | md')
    .option('--type <type>', 'hourly | daily | weekly')
    .option('--since <iso>', 'observed in windows starting at or after this instant')
    .option('--until <iso>', 'observed in windows starting before this instant')
    .action(
      command(async (ctx, opts: { tenant: string; format: string; type?: string; since?: string; until?: string }) => {
        const query = { format: opts.format as ExportFormat, snapshotType: opts.type as 'daily' | undefined, since: opts.since, until: opts.until };
        parseExportQuery(opts.tenant, query); // refuse bad input before connecting anywhere
        // Waits for stdout to drain before the next page is read: memory stays flat however long the report.
        const sink = (chunk: string) =>
          new Promise<void>((resolve, reject) => {
            if (chunk === '') return resolve();
            process.stdout.write(chunk, (err) => (err ? reject(err) : resolve()));
          });
        await exportDrift({ pool: ctx.pool() }, opts.tenant, query, sink);
      }),
    );

  drift
    .command('scan')
    .description('compare two complete snapshots of a tenant (e.g. a pinned baseline with the latest)')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--from <snapshotId>', 'base snapshot id (an earlier complete snapshot of the same type)')
    .requiredOption('--to <snapshotId>', 'target snapshot id')
    .option('--page-size <n>', 'object keys per page, 1-500')
    .option('--no-wait', 'return once started')
    .option('--json', 'print JSON')
    .action(
      command(async (ctx, opts: { tenant: string; from: string; to: string; pageSize?: string; wait: boolean; json?: boolean }) => {
        const options = {
          tenantId: opts.tenant,
          baseSnapshotId: opts.from,
          targetSnapshotId: opts.to,
          pageSize: integerOption('--page-size', opts.pageSize),
          taskQueue: ctx.taskQueue,
        };
        parseDriftScanOptions(options); // refuse bad input before connecting anywhere
        // A pair the scan would refuse is refused here, so no Failed workflow is left behind for bad input.
        const pool = ctx.optionalPool();
        if (pool) await checkDriftScanPair(pool, options);
        const started = await startDriftScan(await ctx.temporal(), options);
        if (!opts.wait) {
          printResult({ workflowId: started.workflowId }, !!opts.json, () => `started ${started.workflowId}`);
          return;
        }
        const result = await started.result();
        printResult(
          { workflowId: started.workflowId, ...result },
          !!opts.json,
          () => `scan ${result.scanId}: ${result.compared} compared, ${result.added} added, ${result.removed} removed, ${result.modified} modified`,
        );
      }),
    );
}
