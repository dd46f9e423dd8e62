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
  const base = { eventId: event.eventId, objectName: null, itemTypeName: null, itemId: null };
  return (AUDIT_MATCH_RULES[event.objectType] ?? []).flatMap((rule) =>
    rule.typeNames.flatMap((typeName): AuditLookup[] => {
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
