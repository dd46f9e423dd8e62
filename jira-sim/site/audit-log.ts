// A site's audit log as Jira keeps it (GET /rest/api/3/auditing/record): records with increasing ids,
// answered newest first, with Jira's filter (every space-separated term must occur, case-insensitive,
// in at least one of the fields the spec lists) and from/to bounds. Records older than the retention
// are gone, so tests can make the log no longer cover part of an interval.
import { jiraTimestamp } from '../generate/context';
import type { JsonObject } from '../types';

export interface AuditItem {
  id?: string;
  name?: string;
  typeName: string;
  parentId?: string;
  parentName?: string;
}

export interface AuditChange {
  fieldName: string;
  changedFrom?: string;
  changedTo?: string;
}

export interface AuditDraft {
  summary: string;
  category: string;
  authorAccountId: string;
  objectItem: AuditItem;
  associatedItems: AuditItem[];
  changedValues: AuditChange[];
}

interface StoredRecord extends AuditDraft {
  id: number;
  createdMs: number;
}

export interface AuditQuery {
  offset: number;
  limit: number;
  fromMs?: number;
  toMs?: number;
  filter: string[];
}

/** Where the sim says changes came from (Jira names the REST API or the UI here). */
const EVENT_SOURCE = '';
const REMOTE_ADDRESS = '10.0.0.1';

export class AuditLog {
  private records: StoredRecord[] = [];
  private lastId = 0;
  /** Days a record is kept; null keeps everything. */
  retentionDays: number | null = null;

  append(draft: AuditDraft, nowMs: number): number {
    this.lastId++;
    this.records.push({ ...draft, id: this.lastId, createdMs: nowMs });
    return this.lastId;
  }

  /** One page, newest first, and how many records match in all. */
  query(q: AuditQuery, nowMs: number): { total: number; records: JsonObject[] } {
    this.dropExpired(nowMs);
    const matching: StoredRecord[] = [];
    // Jira returns nothing when from is not before to (spec: "from must be before to").
    if (q.fromMs !== undefined && q.toMs !== undefined && q.fromMs >= q.toMs) return { total: 0, records: [] };
    for (let i = this.records.length - 1; i >= 0; i--) {
      const r = this.records[i]!;
      if (q.fromMs !== undefined && r.createdMs < q.fromMs) continue;
      if (q.toMs !== undefined && r.createdMs > q.toMs) continue;
      if (!matchesFilter(r, q.filter)) continue;
      matching.push(r);
    }
    return { total: matching.length, records: matching.slice(q.offset, q.offset + q.limit).map(view) };
  }

  /** Every record still kept (oldest first), for the admin API. */
  all(nowMs: number): JsonObject[] {
    this.dropExpired(nowMs);
    return this.records.map(view);
  }

  private dropExpired(nowMs: number): void {
    if (this.retentionDays === null) return;
    const cutoff = nowMs - this.retentionDays * 86_400_000;
    const firstKept = this.records.findIndex((r) => r.createdMs >= cutoff);
    this.records = firstKept === -1 ? [] : this.records.slice(firstKept);
  }
}

function matchesFilter(r: StoredRecord, terms: string[]): boolean {
  if (terms.length === 0) return true;
  // The fields the spec says `filter` looks at (and, for a user object, its account id).
  const fields = [
    r.summary,
    r.category,
    EVENT_SOURCE,
    r.objectItem.name ?? '',
    r.objectItem.parentName ?? '',
    r.objectItem.typeName,
    ...r.changedValues.flatMap((c) => [c.changedFrom ?? '', c.changedTo ?? '']),
    REMOTE_ADDRESS,
  ].map((f) => f.toLowerCase());
  return terms.every((term) => fields.some((f) => f.includes(term.toLowerCase())));
}

function item(i: AuditItem): JsonObject {
  const out: JsonObject = { typeName: i.typeName };
  if (i.id !== undefined) out['id'] = i.id;
  if (i.name !== undefined) out['name'] = i.name;
  if (i.parentId !== undefined) out['parentId'] = i.parentId;
  if (i.parentName !== undefined) out['parentName'] = i.parentName;
  return out;
}

function view(r: StoredRecord): JsonObject {
  return {
    id: r.id,
    summary: r.summary,
    remoteAddress: REMOTE_ADDRESS,
    authorKey: r.authorAccountId,
    authorAccountId: r.authorAccountId,
    created: jiraTimestamp(r.createdMs),
    category: r.category,
    eventSource: EVENT_SOURCE,
    objectItem: item(r.objectItem),
    changedValues: r.changedValues.map((c) => ({
      fieldName: c.fieldName,
      ...(c.changedFrom !== undefined ? { changedFrom: c.changedFrom } : {}),
      ...(c.changedTo !== undefined ? { changedTo: c.changedTo } : {}),
    })),
    associatedItems: r.associatedItems.map(item),
  };
}
