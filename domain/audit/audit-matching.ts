// Turns drift events into the audit-record lookups their type's match rules allow (one row per
// typeName and name), for the store to join against the tenant's audit records. Pure.
import { AUDIT_MATCH_RULES, type AuditMatchKind } from '../catalogue/audit-match-rules';

export type { AuditMatchKind };
import { PARENT_TYPE, isConfigType } from '../config-catalogue';
import { UNAVAILABLE_TYPE } from '../unavailable-area';

export interface MatchableEvent {
  eventId: string;
  objectKey: string;
  objectType: string;
  /** The object's name before and after the change (from its bodies), where it has one. */
  names: string[];
}

/** One way one event may be named by a record. */
export interface AuditLookup {
  eventId: string;
  kind: AuditMatchKind;
  typeName: string;
  /** The objectItem's id: the object's (id), or the object's or its parent's (associated item; null: any). */
  objectId: string | null;
  objectName: string | null;
  itemTypeName: string | null;
  itemId: string | null;
  /** For a SCHEME record: the words its summary must start with (ignoring case); null: any summary. */
  summaryKind: string | null;
  /** id: a record listing an associated item of this type is about something else; null: no such limit. */
  withoutItemTypeName: string | null;
}

/** The parts of a stored audit record a lookup compares. */
export interface MatchableRecord {
  summary: string;
  objectItem: { typeName: string; id?: string; name?: string };
  associatedItems: Array<{ typeName: string; id?: string }>;
}

const startsWithKind = (summary: string, kind: string | null): boolean => kind === null || summary.toLowerCase().startsWith(`${kind.toLowerCase()} `);

/**
 * Whether a record names a lookup's object: the one statement of the match conditions. The store only
 * narrows the records to candidates (same typeName and id, name or associated item, inside the
 * interval) by its indexes; what links is decided here.
 */
export function lookupMatches(l: AuditLookup, r: MatchableRecord): boolean {
  const o = r.objectItem;
  if (o.typeName !== l.typeName || !startsWithKind(r.summary, l.summaryKind)) return false;
  if (l.kind === 'id')
    return o.id === l.objectId && (l.withoutItemTypeName === null || !r.associatedItems.some((i) => i.typeName === l.withoutItemTypeName));
  if (l.kind === 'name') return o.name === l.objectName && (o.id === undefined || o.id === o.name);
  return (l.objectId === null || o.id === l.objectId) && r.associatedItems.some((i) => i.typeName === l.itemTypeName && i.id === l.itemId);
}

/** A stored record the store found as a candidate for some lookups. */
export interface CandidateRecord extends MatchableRecord {
  recordId: string;
}

/** One event named by one record, and how. */
export interface AuditLink {
  eventId: string;
  recordId: string;
  matchedBy: AuditMatchKind;
}

const STRENGTH: Record<AuditMatchKind, number> = { id: 0, 'associated item': 1, name: 2 };

/**
 * The links a page of lookups makes with the candidate records: one per event and record, the
 * strongest way it matched (id, then associated item, then name) where a record names an event twice.
 */
export function auditLinks(lookups: readonly AuditLookup[], candidates: readonly CandidateRecord[]): AuditLink[] {
  const byTypeName = new Map<string, CandidateRecord[]>();
  for (const r of candidates) {
    const list = byTypeName.get(r.objectItem.typeName);
    if (list) list.push(r);
    else byTypeName.set(r.objectItem.typeName, [r]);
  }
  const links = new Map<string, AuditLink>();
  for (const l of lookups) {
    for (const r of byTypeName.get(l.typeName) ?? []) {
      if (!lookupMatches(l, r)) continue;
      const key = `${l.eventId}\u0000${r.recordId}`;
      const known = links.get(key);
      if (!known || STRENGTH[l.kind] < STRENGTH[known.matchedBy]) links.set(key, { eventId: l.eventId, recordId: r.recordId, matchedBy: l.kind });
    }
  }
  return [...links.values()];
}

/** The object's id as Jira knows it and its parent's, from `type/{stable id}` (`parent:own` for a child type). */
export function objectIdentity(objectKey: string, objectType: string): { ownId: string; parentId: string | null } {
  const stable = objectKey.slice(objectKey.indexOf('/') + 1);
  if (!isConfigType(objectType) || !PARENT_TYPE[objectType]) return { ownId: stable, parentId: null };
  const cut = stable.lastIndexOf(':');
  const parentStable = stable.slice(0, cut);
  // The parent may itself be a child (`field:context`): Jira names it by its own id, the last part.
  return { ownId: stable.slice(cut + 1), parentId: parentStable.slice(parentStable.lastIndexOf(':') + 1) };
}

/** Whether any rule needs the object's names (so its bodies are worth loading). */
export function needsNames(objectType: string): boolean {
  return isConfigType(objectType) && (AUDIT_MATCH_RULES[objectType] ?? []).some((r) => r.by === 'name');
}

export function auditLookups(event: MatchableEvent): AuditLookup[] {
  // A type becoming unavailable (or available again) is about the grant, not an object anyone edited.
  if (!isConfigType(event.objectType) || event.objectKey.startsWith(`${UNAVAILABLE_TYPE}/`)) return [];
  const { ownId, parentId } = objectIdentity(event.objectKey, event.objectType);
  return (AUDIT_MATCH_RULES[event.objectType] ?? []).flatMap((rule) =>
    rule.typeNames.flatMap((typeName): AuditLookup[] => {
      const base = {
        eventId: event.eventId,
        objectName: null,
        itemTypeName: null,
        itemId: null,
        summaryKind: rule.by === 'name' ? null : (rule.summaryKind ?? null),
        withoutItemTypeName: rule.by === 'id' ? (rule.withoutItemTypeName ?? null) : null,
      };
      if (rule.by === 'id') return [{ ...base, kind: 'id', typeName, objectId: ownId }];
      if (rule.by === 'name') return [...new Set(event.names)].map((objectName) => ({ ...base, kind: 'name', typeName, objectId: null, objectName }));
      // The record's own object and the associated one: the object and its parent, one each way round.
      const [objectId, itemId] = rule.objectItem === 'self' ? [ownId, parentId] : [rule.objectItem === 'parent' ? parentId : null, ownId];
      if (itemId === null) return [];
      return rule.itemTypeNames.map((itemTypeName) => ({ ...base, kind: 'associated item' as const, typeName, objectId, itemTypeName, itemId }));
    }),
  );
}
