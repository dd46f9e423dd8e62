// How a drift event's object is found in Jira's audit log: per configuration type, the audit record
// `objectItem.typeName`s that name its objects and how a record names one. The one table of these
// rules (domain/audit/audit-matching.ts applies it). Types absent here are not audited by Jira, or
// not in a way that names the object: their events stay unattributed. No rule matches on time alone.
//
// Each rule says where its record shape comes from (`evidence`), shown by `jira-drift coverage`:
// - `jira-source`: Jira's own auditing code (com.atlassian.jira.auditing: AssociatedItem.Type, whose
//   values are USER, PROJECT, GROUP, SCHEME, REMOTE_DIRECTORY, WORKFLOW, PERMISSIONS, VERSION,
//   CUSTOM_FIELD, PROJECT_CATEGORY, PROJECT_COMPONENT, PROJECT_ROLE, LICENSE; handlers
//   SchemeEventHandlerImpl, WorkflowEventHandlerImpl, CustomFieldHandler), which Jira Cloud's log
//   descends from: every scheme is `SCHEME` (id and name the scheme's; its kind only in the summary,
//   and a permission scheme and an issue security scheme can share an id, so a scheme rule also checks
//   the summary's kind); a workflow is `WORKFLOW` with its name as id and name; `CUSTOM_FIELD` (id
//   customfield_NNNNN), `PROJECT`, `PROJECT_ROLE`.
// - `cloud-sample`: records published from a Jira Cloud site's log (a 2025 export in a public SIEM
//   lab): `ISSUE_TYPE` with the issue type's id and name (category "issue types"); `PROJECT_ROLE` with
//   the project as an associated item and the role's users as changed values ("Project roles updated").
// - `unverified`: jira-sim's names only. Jira Cloud audits these areas (reference §5.5) but how its
//   records name them is not known. Kept so the types are attributed against the sim; where Jira names
//   them otherwise, its events stay unattributed (a typeName and an id must both match: never a wrong
//   author from a wrong guess of a typeName alone). This table is where to correct them.
import type { ConfigType } from '../config-catalogue';

export type AuditMatchKind = 'id' | 'name' | 'associated item';

export type AuditRuleEvidence = 'jira-source' | 'cloud-sample' | 'unverified';

/**
 * For a `SCHEME` record: the words its summary starts with ("Permission scheme" in "Permission scheme
 * updated"), the only place Jira says which kind of scheme the record is about. Compared ignoring case.
 */
export type SummaryKind = { summaryKind?: string };

export type AuditMatchRule = { evidence: AuditRuleEvidence } &
  /**
   * The record's objectItem is the object: same typeName and id. `withoutItemTypeName`: not a record
   * that lists an associated item of that type (then it is about the object inside another one).
   */
  (
    | ({ by: 'id'; typeNames: readonly string[]; withoutItemTypeName?: string } & SummaryKind)
    /** The record names the object by name (objectItem without an id, or with its name as id): same typeName, the name before or after. */
    | { by: 'name'; typeNames: readonly string[] }
    /**
     * The record's objectItem and one of its associated items (`itemTypeNames`, with an id) are the object
     * and its parent, one each way round: `objectItem: 'parent'` (the parent's record lists the object: a
     * screen's record naming a tab), `'self'` (the object's record lists its parent: a role's record
     * naming the project whose actors changed), or `'any'` (a record of `typeNames` with any id lists the
     * object: an issue security scheme's record naming a level).
     */
    | ({ by: 'associated item'; typeNames: readonly string[]; itemTypeNames: readonly string[]; objectItem: 'parent' | 'self' | 'any' } & SummaryKind)
  );

const byId = (evidence: AuditRuleEvidence, typeName: string): AuditMatchRule[] => [{ by: 'id', typeNames: [typeName], evidence }];
/** A scheme: objectItem SCHEME with the scheme's id, and a summary about that kind of scheme. */
const scheme = (summaryKind: string): AuditMatchRule[] => [{ by: 'id', typeNames: ['SCHEME'], summaryKind, evidence: 'jira-source' }];

export const AUDIT_MATCH_RULES: Partial<Record<ConfigType, readonly AuditMatchRule[]>> = {
  project: byId('jira-source', 'PROJECT'),
  field: byId('jira-source', 'CUSTOM_FIELD'),
  issuetype: byId('cloud-sample', 'ISSUE_TYPE'),
  issuetypescheme: byId('unverified', 'ISSUE_TYPE_SCHEME'),
  status: byId('unverified', 'STATUS'),
  priority: byId('unverified', 'PRIORITY'),
  resolution: byId('unverified', 'RESOLUTION'),
  screen: byId('unverified', 'SCREEN'),
  // Jira's workflow records identify a workflow by its name (id and name both the name).
  workflow: [{ by: 'name', typeNames: ['WORKFLOW'], evidence: 'jira-source' }],
  workflowscheme: scheme('Workflow scheme'),
  permissionscheme: scheme('Permission scheme'),
  // A role's own record; one that lists a project is about the role's actors in that project.
  projectrole: [{ by: 'id', typeNames: ['PROJECT_ROLE'], withoutItemTypeName: 'PROJECT', evidence: 'jira-source' }],
  // "Project roles updated": the role's record, the project an associated item, the actors changed values.
  projectroleactors: [
    { by: 'associated item', typeNames: ['PROJECT_ROLE'], itemTypeNames: ['PROJECT'], objectItem: 'self', evidence: 'cloud-sample' },
  ],
  fieldconfiguration: byId('unverified', 'FIELD_CONFIGURATION'),
  // A field's behaviour in a field configuration: the configuration's record names the field.
  fieldconfigurationitem: [
    {
      by: 'associated item',
      typeNames: ['FIELD_CONFIGURATION'],
      itemTypeNames: ['FIELD', 'CUSTOM_FIELD'],
      objectItem: 'parent',
      evidence: 'unverified',
    },
  ],
  // Jira's field layout scheme records (jira.auditing.field.layout.scheme.*).
  fieldconfigurationscheme: scheme('Field Configuration scheme'),
  screentab: [{ by: 'associated item', typeNames: ['SCREEN'], itemTypeNames: ['SCREEN_TAB'], objectItem: 'parent', evidence: 'unverified' }],
  screenscheme: byId('unverified', 'SCREEN_SCHEME'),
  issuetypescreenscheme: byId('unverified', 'ISSUE_TYPE_SCREEN_SCHEME'),
  notificationscheme: scheme('Notification scheme'),
  issuesecurityscheme: scheme('Issue security scheme'),
  // The scheme's record (a verified shape) naming the level (ISSUE_SECURITY_LEVEL is the sim's name).
  issuesecuritylevel: [
    {
      by: 'associated item',
      typeNames: ['SCHEME'],
      summaryKind: 'Issue security scheme',
      itemTypeNames: ['ISSUE_SECURITY_LEVEL'],
      objectItem: 'any',
      evidence: 'unverified',
    },
  ],
  priorityscheme: byId('unverified', 'PRIORITY_SCHEME'),
};
