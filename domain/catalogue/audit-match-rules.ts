// How a drift event's object is found in Jira's audit log: per configuration type, the audit record
// `objectItem.typeName`s that name its objects and how a record names one. The one table of these
// rules (domain/audit/audit-matching.ts applies it). Types absent here are not audited by Jira, or
// not in a way that names the object: their events stay unattributed. No rule matches on time alone.
//
// Verified against Jira's own auditing code (com.atlassian.jira.auditing: AssociatedItem.Type, whose
// values are USER, PROJECT, GROUP, SCHEME, REMOTE_DIRECTORY, WORKFLOW, PERMISSIONS, VERSION,
// CUSTOM_FIELD, PROJECT_CATEGORY, PROJECT_COMPONENT, PROJECT_ROLE, LICENSE; handlers.SchemeEventHandlerImpl,
// WorkflowEventHandlerImpl, CustomFieldHandler), which Jira Cloud's audit log descends from:
// - every scheme is `SCHEME` (id and name the scheme's); its kind shows only in the summary
//   ("Permission scheme updated") and category, and a permission scheme and an issue security scheme
//   (both category permissions) can share an id, so a scheme rule also checks the summary's kind;
// - a workflow is `WORKFLOW` with the workflow's name as its id and name;
// - `CUSTOM_FIELD` (id customfield_NNNNN), `PROJECT`, `PROJECT_ROLE`.
// UNVERIFIED (no such value in AssociatedItem.Type; Jira Cloud audits some of these areas, §5.5 of the
// reference, but how its records name them is not known): ISSUE_TYPE, STATUS, PRIORITY, RESOLUTION,
// SCREEN, SCREEN_TAB, FIELD_CONFIGURATION, FIELD, ISSUE_TYPE_SCHEME, SCREEN_SCHEME,
// ISSUE_TYPE_SCREEN_SCHEME, PRIORITY_SCHEME, ISSUE_SECURITY_LEVEL. They are jira-sim's names, kept so
// those types are attributed against the sim; this table is where to correct or drop them.
import type { ConfigType } from '../config-catalogue';

export type AuditMatchKind = 'id' | 'name' | 'associated item';

/**
 * For a `SCHEME` record: the words its summary starts with ("Permission scheme" in "Permission scheme
 * updated"), the only place Jira says which kind of scheme the record is about. Compared ignoring case.
 */
export type SummaryKind = { summaryKind?: string };

export type AuditMatchRule =
  /** The record's objectItem is the object: same typeName and id. */
  | ({ by: 'id'; typeNames: readonly string[] } & SummaryKind)
  /** The record names the object by name (objectItem without an id, or with its name as id): same typeName, the name before or after. */
  | { by: 'name'; typeNames: readonly string[] }
  /**
   * The record is about another object (objectItem of `typeNames`) and lists this one among its
   * associated items (`itemTypeNames`, same id). With `parentFromKey`, the objectItem's id must also be
   * the object's parent (the part of the key before the object's own id).
   */
  | ({ by: 'associated item'; typeNames: readonly string[]; itemTypeNames: readonly string[]; parentFromKey: boolean } & SummaryKind);

const byId = (...typeNames: string[]): AuditMatchRule[] => [{ by: 'id', typeNames }];
/** A scheme: objectItem SCHEME with the scheme's id, and a summary about that kind of scheme. */
const scheme = (summaryKind: string): AuditMatchRule[] => [{ by: 'id', typeNames: ['SCHEME'], summaryKind }];

export const AUDIT_MATCH_RULES: Partial<Record<ConfigType, readonly AuditMatchRule[]>> = {
  project: byId('PROJECT'),
  field: byId('CUSTOM_FIELD'),
  issuetype: byId('ISSUE_TYPE'), // UNVERIFIED
  issuetypescheme: byId('ISSUE_TYPE_SCHEME'), // UNVERIFIED
  status: byId('STATUS'), // UNVERIFIED
  priority: byId('PRIORITY'), // UNVERIFIED
  resolution: byId('RESOLUTION'), // UNVERIFIED
  screen: byId('SCREEN'), // UNVERIFIED
  // Jira's workflow records identify a workflow by its name (id and name both the name).
  workflow: [{ by: 'name', typeNames: ['WORKFLOW'] }],
  workflowscheme: scheme('Workflow scheme'),
  permissionscheme: scheme('Permission scheme'),
  projectrole: byId('PROJECT_ROLE'),
  fieldconfiguration: byId('FIELD_CONFIGURATION'), // UNVERIFIED
  // A field's behaviour in a field configuration: the configuration's record names the field. UNVERIFIED.
  fieldconfigurationitem: [
    { by: 'associated item', typeNames: ['FIELD_CONFIGURATION'], itemTypeNames: ['FIELD', 'CUSTOM_FIELD'], parentFromKey: true },
  ],
  // Jira's field layout scheme records (jira.auditing.field.layout.scheme.*).
  fieldconfigurationscheme: scheme('Field Configuration scheme'),
  screentab: [{ by: 'associated item', typeNames: ['SCREEN'], itemTypeNames: ['SCREEN_TAB'], parentFromKey: true }], // UNVERIFIED
  screenscheme: byId('SCREEN_SCHEME'), // UNVERIFIED
  issuetypescreenscheme: byId('ISSUE_TYPE_SCREEN_SCHEME'), // UNVERIFIED
  notificationscheme: scheme('Notification scheme'),
  issuesecurityscheme: scheme('Issue security scheme'),
  // The scheme's record (verified shape) naming the level (ISSUE_SECURITY_LEVEL: UNVERIFIED).
  issuesecuritylevel: [
    {
      by: 'associated item',
      typeNames: ['SCHEME'],
      summaryKind: 'Issue security scheme',
      itemTypeNames: ['ISSUE_SECURITY_LEVEL'],
      parentFromKey: false,
    },
  ],
  priorityscheme: byId('PRIORITY_SCHEME'), // UNVERIFIED
};
