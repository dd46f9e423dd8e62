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
  /** id: the object's id; associated item: the parent's id (null: any parent). */
  objectId: string | null;
  objectName: string | null;
  itemTypeName: string | null;
  itemId: string | null;
  /** For a SCHEME record: the words its summary must start with (ignoring case); null: any summary. */
  summaryKind: string | null;
}

/** The parts of a stored audit record a lookup compares. */
export interface MatchableRecord {
  summary: string;
  objectItem: { typeName: string; id?: string; name?: string };
  associatedItems: Array<{ typeName: string; id?: string }>;
}

const startsWithKind = (summary: string, kind: string | null): boolean => kind === null || summary.toLowerCase().startsWith(`${kind.toLowerCase()} `);

/**
 * Whether a record names a lookup's object: the conditions store/audit-links-store.ts applies in SQL
 * (there set-based, for a page of events; the record interval is the store's), stated once here so
 * the rules can be tested against records as Jira (or jira-sim) writes them.
 */
export function lookupMatches(l: AuditLookup, r: MatchableRecord): boolean {
  const o = r.objectItem;
  if (o.typeName !== l.typeName || !startsWithKind(r.summary, l.summaryKind)) return false;
  if (l.kind === 'id') return o.id === l.objectId;
  if (l.kind === 'name') return o.name === l.objectName && (o.id === undefined || o.id === o.name);
  return (l.objectId === null || o.id === l.objectId) && r.associatedItems.some((i) => i.typeName === l.itemTypeName && i.id === l.itemId);
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
      };
      if (rule.by === 'id') return [{ ...base, kind: 'id', typeName, objectId: ownId }];
      if (rule.by === 'name') return [...new Set(event.names)].map((objectName) => ({ ...base, kind: 'name', typeName, objectId: null, objectName }));
      return rule.itemTypeNames.map((itemTypeName) => ({
        ...base,
        kind: 'associated item' as const,
        typeName,
        objectId: rule.parentFromKey ? parentId : null,
        itemTypeName,
        itemId: ownId,
      }));
    }),
  );
}
