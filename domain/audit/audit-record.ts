// One Jira audit record (spec AuditRecordBean, plus `authorAccountId`, which Jira sends and the spec's
// example shows though its schema omits it), reduced to what attribution and the reports need.
// Pure: no I/O, so it is unit-tested on its own.

export interface AuditItem {
  id?: string;
  name?: string;
  typeName: string;
  parentId?: string;
  parentName?: string;
}

export interface AuditChangedValue {
  fieldName: string;
  changedFrom?: string;
  changedTo?: string;
}

export interface AuditRecord {
  recordId: string;
  /** ISO-8601 UTC with milliseconds. */
  created: string;
  authorAccountId: string | null;
  summary: string;
  category: string;
  objectItem: AuditItem;
  associatedItems: AuditItem[];
  changedValues: AuditChangedValue[];
}

export class MalformedAuditRecordError extends Error {
  override name = 'MalformedAuditRecordError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function item(raw: unknown): AuditItem {
  if (!isObject(raw)) return { typeName: '' };
  const out: AuditItem = { typeName: str(raw['typeName']) ?? '' };
  for (const key of ['id', 'name', 'parentId', 'parentName'] as const) {
    const value = str(raw[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Jira writes `2014-03-19T18:45:42.967+0000`; Date.parse wants the offset with a colon. */
export function parseJiraInstant(value: string): number {
  return Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

export function toAuditRecord(raw: unknown): AuditRecord {
  if (!isObject(raw)) throw new MalformedAuditRecordError('audit record is not an object');
  const id = raw['id'];
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new MalformedAuditRecordError('audit record has no integer id');
  const created = typeof raw['created'] === 'string' ? parseJiraInstant(raw['created']) : Number.NaN;
  if (Number.isNaN(created)) throw new MalformedAuditRecordError(`audit record ${id} has no valid created time`);
  const changed = Array.isArray(raw['changedValues']) ? raw['changedValues'] : [];
  return {
    recordId: String(id),
    created: new Date(created).toISOString(),
    authorAccountId: str(raw['authorAccountId']) ?? null,
    summary: str(raw['summary']) ?? '',
    category: str(raw['category']) ?? '',
    objectItem: item(raw['objectItem']),
    associatedItems: Array.isArray(raw['associatedItems']) ? raw['associatedItems'].map(item) : [],
    changedValues: changed.filter(isObject).map((c) => ({
      fieldName: str(c['fieldName']) ?? '',
      ...(str(c['changedFrom']) !== undefined ? { changedFrom: str(c['changedFrom']) } : {}),
      ...(str(c['changedTo']) !== undefined ? { changedTo: str(c['changedTo']) } : {}),
    })),
  };
}
