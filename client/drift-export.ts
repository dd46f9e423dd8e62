// `drift export`: a report for auditors of a tenant's drift events with who changed each object and
// when (the linked audit records), as CSV, JSON or Markdown. Streamed: events are read page by page
// (keyset, 500 at a time) and each page is written before the next is read, so memory stays constant
// over any number of events.
import type { Pool } from 'pg';
import { z } from 'zod';
import type { DriftPosition } from '../domain/drift-cursor';
import { listDriftEvents, type DriftEventRow } from '../store/drift-store';
import { attributionOf, type AuditRecordLink, type DriftAttribution } from './drift-attribution';
import { requireInstalledTenant } from './installed-tenant';
import { assertTenantId, parseInput, snapshotTypeSchema } from './input-schemas';
import { instantSchema } from './drift-reads';

export const EXPORT_FORMATS = ['csv', 'json', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const exportSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    snapshotType: snapshotTypeSchema.optional(),
    since: instantSchema.optional(),
    until: instantSchema.optional(),
  })
  .strict()
  .refine((q) => q.since === undefined || q.until === undefined || q.since < q.until, {
    message: 'since must be earlier than until',
    path: ['since'],
  });

export type ExportDriftQuery = z.input<typeof exportSchema>;

/** Receives the report piece by piece; resolves when the piece may be followed by the next (backpressure). */
export type ExportSink = (chunk: string) => Promise<void>;

const PAGE = 500;

interface ReportRow {
  event: DriftEventRow;
  attribution: DriftAttribution;
  records: AuditRecordLink[];
}

const COLUMNS = [
  'event_id',
  'window_start',
  'snapshot_type',
  'change',
  'object_key',
  'object_type',
  'changed_paths',
  'changed_at',
  'changed_by',
  'matched_by',
  'audit_summary',
  'audit_changed_values',
  'unattributed_reason',
] as const;

function cells(row: ReportRow): string[] {
  const { event: e, records } = row;
  const join = (values: string[]) => values.join('; ');
  return [
    e.id,
    e.windowStart,
    e.snapshotType,
    e.change,
    e.objectKey,
    e.objectType,
    e.changedPaths.join(' '),
    join(records.map((r) => r.created)),
    join(records.map((r) => r.authorAccountId ?? '')),
    join(records.map((r) => r.matchedBy)),
    join(records.map((r) => r.summary)),
    join(records.flatMap((r) => r.changedValues.map((c) => `${c.fieldName}: ${c.changedFrom ?? ''} -> ${c.changedTo ?? ''}`))),
    row.attribution.status === 'unattributed' ? row.attribution.reason : '',
  ];
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const mdCell = (v: string) => v.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

const FORMATTERS: Record<ExportFormat, { head: string; row: (r: ReportRow, first: boolean) => string; tail: string }> = {
  csv: { head: `${COLUMNS.join(',')}\n`, row: (r) => `${cells(r).map(csvCell).join(',')}\n`, tail: '' },
  json: {
    head: '[\n',
    row: (r, first) => `${first ? '' : ',\n'}${JSON.stringify({ ...r.event, attribution: r.attribution, auditRecords: r.records })}`,
    tail: '\n]\n',
  },
  md: {
    head: `| ${COLUMNS.join(' | ')} |\n|${COLUMNS.map(() => '---').join('|')}|\n`,
    row: (r) => `| ${cells(r).map(mdCell).join(' | ')} |\n`,
    tail: '',
  },
};

/** Checks the tenant id and query (InvalidInputError) with no database: bad input is refused before connecting. */
export function parseExportQuery(tenantId: string, query: ExportDriftQuery): { tenant: string; q: z.output<typeof exportSchema> } {
  return { tenant: assertTenantId(tenantId), q: parseInput(exportSchema, query) };
}

/** Writes the report to `sink`; returns the number of events written. */
export async function exportDrift(deps: { pool: Pool }, tenantId: string, query: ExportDriftQuery, sink: ExportSink): Promise<number> {
  const { tenant, q } = parseExportQuery(tenantId, query);
  await requireInstalledTenant(deps.pool, tenant);
  const format = FORMATTERS[q.format];
  await sink(format.head);
  let after: DriftPosition | undefined;
  let written = 0;
  for (;;) {
    const events = await listDriftEvents(deps.pool, {
      tenantId: tenant,
      snapshotType: q.snapshotType,
      since: q.since,
      until: q.until,
      after,
      limit: PAGE,
    });
    if (events.length === 0) break;
    const { attribution, records } = await attributionOf(deps.pool, tenant, events);
    let chunk = '';
    for (const event of events) {
      chunk += format.row({ event, attribution: attribution.get(event.id)!, records: records.get(event.id) ?? [] }, written === 0);
      written++;
    }
    await sink(chunk);
    const last = events[events.length - 1]!;
    after = { windowStart: last.windowStart, id: last.id };
    if (events.length < PAGE) break;
  }
  await sink(format.tail);
  return written;
}
