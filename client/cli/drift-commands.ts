// `jira-drift drift ...`: list a tenant's drift events page by page, show one, or scan two snapshots.
import type { Command } from 'commander';
import { loadEnv } from '../../config/env';
import { createPool } from '../../store/pool';
import { SecretBox } from '../../store/secret-box';
import { listDrift, showDrift, driftCursorKey, type DriftEvent } from '../drift-reads';
import { parseDriftScanOptions, startDriftScan } from '../drift-scans';
import { InvalidInputError } from '../errors';
import { connectClient } from '../../temporal/connection';
import { fail, printResult } from './output';

function databaseUrl(): string {
  const env = loadEnv();
  if (!env.DATABASE_URL) throw new InvalidInputError('DATABASE_URL is not set (drift reads come from the store)');
  return env.DATABASE_URL;
}

function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new InvalidInputError(`${name} must be an integer`);
  return Number(value);
}

function eventLine(e: DriftEvent): string {
  const paths = e.change === 'modified' ? `  ${e.changedPaths.join(' ')}` : '';
  return `${e.id}\t${e.windowStart}\t${e.snapshotType}\t${e.change}\t${e.objectKey}${paths}`;
}

export function registerDriftCommands(program: Command): void {
  const drift = program.command('drift').description('configuration drift between snapshots');

  drift
    .command('list')
    .description('one page of a tenant\'s drift events (oldest window first); --cursor continues')
    .requiredOption('--tenant <id>', 'tenant id')
    .option('--type <type>', 'hourly | daily | weekly')
    .option('--since <iso>', 'observed in windows starting at or after this instant')
    .option('--until <iso>', 'observed in windows starting before this instant')
    .option('--scan <id>', 'only events of this drift scan')
    .option('--page-size <n>', 'events per page, 1-500', '100')
    .option('--cursor <cursor>', 'the nextCursor of the previous page')
    .option('--json', 'print JSON')
    .action(async (opts: { tenant: string; type?: string; since?: string; until?: string; scan?: string; pageSize: string; cursor?: string; json?: boolean }) => {
      try {
        const query = {
          snapshotType: opts.type as 'daily' | undefined,
          since: opts.since,
          until: opts.until,
          scanId: opts.scan,
          pageSize: integerOption('--page-size', opts.pageSize),
          cursor: opts.cursor,
        };
        const env = loadEnv();
        const pool = createPool(databaseUrl(), 2);
        try {
          const page = await listDrift({ pool, cursorKey: driftCursorKey(SecretBox.fromSpec(env.JIRA_DRIFT_ENCRYPTION_KEYS)) }, opts.tenant, query);
          printResult(page, !!opts.json, () =>
            [...page.events.map(eventLine), page.nextCursor ? `next page: --cursor ${page.nextCursor}` : '(end of results)'].join('\n'),
          );
        } finally {
          await pool.end();
        }
      } catch (err) {
        fail(err);
      }
    });

  drift
    .command('show <event>')
    .description('one drift event with the changed values before and after')
    .requiredOption('--tenant <id>', 'tenant id')
    .option('--json', 'print JSON')
    .action(async (eventId: string, opts: { tenant: string; json?: boolean }) => {
      try {
        const pool = createPool(databaseUrl(), 1);
        try {
          const event = await showDrift({ pool }, opts.tenant, eventId);
          printResult(event, !!opts.json, () =>
            [
              eventLine(event),
              ...event.changes.map((c) => `  ${c.path}: ${JSON.stringify(c.before) ?? '(absent)'} -> ${JSON.stringify(c.after) ?? '(absent)'}`),
              ...(event.body !== undefined ? [`  body: ${JSON.stringify(event.body)}`] : []),
            ].join('\n'),
          );
        } finally {
          await pool.end();
        }
      } catch (err) {
        fail(err);
      }
    });

  drift
    .command('scan')
    .description('compare two complete snapshots of a tenant (e.g. a pinned baseline with the latest)')
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--from <snapshotId>', 'base snapshot id')
    .requiredOption('--to <snapshotId>', 'target snapshot id')
    .option('--page-size <n>', 'object keys per page, 1-500')
    .option('--no-wait', 'return once started')
    .option('--json', 'print JSON')
    .action(async (opts: { tenant: string; from: string; to: string; pageSize?: string; wait: boolean; json?: boolean }) => {
      try {
        const env = loadEnv();
        const options = {
          tenantId: opts.tenant,
          baseSnapshotId: opts.from,
          targetSnapshotId: opts.to,
          pageSize: integerOption('--page-size', opts.pageSize),
          taskQueue: env.JIRA_DRIFT_TASK_QUEUE,
        };
        parseDriftScanOptions(options); // refuse bad input before connecting anywhere
        const client = await connectClient(env);
        try {
          const started = await startDriftScan(client, options);
          if (!opts.wait) {
            printResult({ workflowId: started.workflowId }, !!opts.json, () => `started ${started.workflowId}`);
            return;
          }
          const result = await started.result();
          printResult({ workflowId: started.workflowId, ...result }, !!opts.json, () =>
            `scan ${result.scanId}: ${result.compared} compared, ${result.added} added, ${result.removed} removed, ${result.modified} modified`,
          );
        } finally {
          await client.connection.close();
        }
      } catch (err) {
        fail(err);
      }
    });
}
