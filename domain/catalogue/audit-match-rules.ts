// How a drift event's object is found in Jira's audit log: per configuration type, the audit record
// `objectItem.typeName`s that name its objects and how a record names one. The one table of these
// rules (domain/audit/audit-matching.ts applies it). Types absent here are not audited by Jira, or
// not in a way that names the object: their events stay unattributed. No rule matches on time alone.
//
// typeName values: the spec shows only USER and GROUP (its example); the names below are the ones
// jira-sim writes, UNVERIFIED against a live site — this table is where to correct them.
import type { ConfigType } from '../config-catalogue';

export type AuditMatchKind = 'id' | 'name' | 'associated item';

export type AuditMatchRule =
  /** The record's objectItem is the object: same typeName and id. */
  | { by: 'id'; typeNames: readonly string[] }
  /** The record names the object by name only (objectItem has no id): same typeName, the name before or after. */
  | { by: 'name'; typeNames: readonly string[] }
  /**
   * The record is about another object (objectItem of `typeNames`) and lists this one among its
   * associated items (`itemTypeNames`, same id). With `parentFromKey`, the objectItem's id must also be
   * the object's parent (the part of the key before the object's own id).
   */
  | { by: 'associated item'; typeNames: readonly string[]; itemTypeNames: readonly string[]; parentFromKey: boolean };

const byId = (...typeNames: string[]): AuditMatchRule[] => [{ by: 'id', typeNames }];

export const AUDIT_MATCH_RULES: Partial<Record<ConfigType, readonly AuditMatchRule[]>> = {
  project: byId('PROJECT'),
  field: byId('CUSTOM_FIELD'),
  issuetype: byId('ISSUE_TYPE'),
  issuetypescheme: byId('ISSUE_TYPE_SCHEME'),
  status: byId('STATUS'),
  priority: byId('PRIORITY'),
  resolution: byId('RESOLUTION'),
  screen: byId('SCREEN'),
  // Jira's workflow records identify a workflow by its name.
  workflow: [
    { by: 'id', typeNames: ['WORKFLOW'] },
    { by: 'name', typeNames: ['WORKFLOW'] },
  ],
  workflowscheme: byId('WORKFLOW_SCHEME'),
  permissionscheme: byId('PERMISSION_SCHEME'),
  projectrole: byId('PROJECT_ROLE'),
  fieldconfiguration: byId('FIELD_CONFIGURATION'),
  // A field's behaviour in a field configuration: the configuration's record names the field.
  fieldconfigurationitem: [
    { by: 'associated item', typeNames: ['FIELD_CONFIGURATION'], itemTypeNames: ['FIELD', 'CUSTOM_FIELD'], parentFromKey: true },
  ],
  fieldconfigurationscheme: byId('FIELD_CONFIGURATION_SCHEME'),
  screentab: [{ by: 'associated item', typeNames: ['SCREEN'], itemTypeNames: ['SCREEN_TAB'], parentFromKey: true }],
  screenscheme: byId('SCREEN_SCHEME'),
  issuetypescreenscheme: byId('ISSUE_TYPE_SCREEN_SCHEME'),
  notificationscheme: byId('NOTIFICATION_SCHEME'),
  issuesecurityscheme: byId('ISSUE_SECURITY_SCHEME'),
  issuesecuritylevel: [
    { by: 'associated item', typeNames: ['ISSUE_SECURITY_SCHEME'], itemTypeNames: ['ISSUE_SECURITY_LEVEL'], parentFromKey: false },
  ],
  priorityscheme: byId('PRIORITY_SCHEME'),
};
