// Which admin changes the simulated Jira audits, and how it names them: the audit record one
// mutation of a configuration object writes (summary, category, objectItem, changed values). Jira does
// not audit everything (reference §5.5 lists the audited areas): types missing from AUDITED change
// without a record. These are the sim's own statement of what Jira writes (not shared with the
// client's match rules, so a wrong rule shows as an unattributed change in tests).
//
// Verified against Jira's own auditing code (com.atlassian.jira.auditing, which Jira Cloud's audit log
// descends from; jira-sim/README.md, "Audit log", gives the sources):
// - every scheme is `SCHEME` with the scheme's id and name; its kind shows only in the summary and
//   category (workflow schemes: workflows, "Workflow scheme updated"; permission schemes: permissions;
//   notification schemes: notifications; field configuration schemes: fields, "Field Configuration
//   scheme updated"; issue security schemes: permissions, like permission schemes);
// - a workflow is `WORKFLOW` with its name as id and name;
// - `CUSTOM_FIELD` (id customfield_NNNNN), `PROJECT`, `PROJECT_ROLE`.
// Categories are written in lower case as Jira Cloud answers them (the spec's example: "user
// management"). UNVERIFIED: every typeName marked so below (not in Jira's AssociatedItem.Type; the
// sim's invention, kept so those changes leave a record as Jira Cloud's do for e.g. screens), the
// summaries of non-scheme types, and project roles' category.
import type { ConfigType, Json, JsonObject } from '../types';
import type { AuditChange, AuditDraft, AuditItem } from './audit-log';

type Action = 'created' | 'updated' | 'deleted';

interface AuditedType {
  typeName: string;
  /** What the summary names ("Permission scheme" in "Permission scheme updated"). */
  label: string;
  category: string;
  /** Jira names the object by its name, as both id and name (workflows). */
  idIsName?: boolean;
  /** A child: the record is about the parent (objectItem) with the child as an associated item. */
  parent?: { type: ConfigType; idField: string; typeName: string; label: string };
  /**
   * A role's actors in one project: the record is the role's (objectItem, with the role's name) and
   * lists the project as an associated item, the actors as changed values ("Project roles updated").
   */
  roleInProject?: true;
}

/** A scheme as Jira audits it: typeName SCHEME; the label and category say which kind. */
const scheme = (label: string, category: string): AuditedType => ({ typeName: 'SCHEME', label, category });

export const AUDITED: Partial<Record<ConfigType, AuditedType>> = {
  project: { typeName: 'PROJECT', label: 'Project', category: 'projects' },
  field: { typeName: 'CUSTOM_FIELD', label: 'Custom field', category: 'fields' },
  issuetype: { typeName: 'ISSUE_TYPE', label: 'Issue type', category: 'issue types' }, // UNVERIFIED
  issuetypescheme: { typeName: 'ISSUE_TYPE_SCHEME', label: 'Issue type scheme', category: 'issue types' }, // UNVERIFIED
  status: { typeName: 'STATUS', label: 'Status', category: 'workflows' }, // UNVERIFIED
  priority: { typeName: 'PRIORITY', label: 'Priority', category: 'system' }, // UNVERIFIED
  resolution: { typeName: 'RESOLUTION', label: 'Resolution', category: 'system' }, // UNVERIFIED
  screen: { typeName: 'SCREEN', label: 'Screen', category: 'screens' }, // UNVERIFIED
  workflow: { typeName: 'WORKFLOW', label: 'Workflow', category: 'workflows', idIsName: true },
  workflowscheme: scheme('Workflow scheme', 'workflows'),
  permissionscheme: scheme('Permission scheme', 'permissions'),
  projectrole: { typeName: 'PROJECT_ROLE', label: 'Project role', category: 'projects' }, // category UNVERIFIED
  // As records published from a Jira Cloud site's log show them (summary, category, both items).
  projectroleactors: { typeName: 'PROJECT_ROLE', label: 'Project roles', category: 'projects', roleInProject: true },
  fieldconfiguration: { typeName: 'FIELD_CONFIGURATION', label: 'Field configuration', category: 'fields' }, // UNVERIFIED
  // Jira's field layout scheme records (jira.auditing.field.layout.scheme.*).
  fieldconfigurationscheme: scheme('Field Configuration scheme', 'fields'),
  screentab: {
    typeName: 'SCREEN_TAB', // UNVERIFIED, as its parent's SCREEN
    label: 'Screen tab',
    category: 'screens',
    parent: { type: 'screen', idField: 'screenId', typeName: 'SCREEN', label: 'Screen' },
  },
  screenscheme: { typeName: 'SCREEN_SCHEME', label: 'Screen scheme', category: 'screens' }, // UNVERIFIED
  issuetypescreenscheme: { typeName: 'ISSUE_TYPE_SCREEN_SCHEME', label: 'Issue type screen scheme', category: 'screens' }, // UNVERIFIED
  notificationscheme: scheme('Notification scheme', 'notifications'),
  issuesecurityscheme: scheme('Issue security scheme', 'permissions'),
  // The scheme's record (verified shape) names the level (ISSUE_SECURITY_LEVEL: UNVERIFIED).
  issuesecuritylevel: {
    typeName: 'ISSUE_SECURITY_LEVEL',
    label: 'Issue security level',
    category: 'permissions',
    parent: { type: 'issuesecurityscheme', idField: 'issueSecuritySchemeId', typeName: 'SCHEME', label: 'Issue security scheme' },
  },
  priorityscheme: { typeName: 'PRIORITY_SCHEME', label: 'Priority scheme', category: 'system' }, // UNVERIFIED
};

export interface Mutation {
  type: ConfigType;
  action: Action;
  /** The object before (updated, deleted) and after (created, updated) the change. */
  before?: JsonObject;
  after?: JsonObject;
  /** The merge patch of an update: its top-level members are the changed values. */
  patch?: JsonObject;
  authorAccountId: string;
  /** Looks up another object of the site (a child's parent). */
  lookup: (type: ConfigType, id: string) => JsonObject | undefined;
}

const text = (value: Json | undefined): string | undefined =>
  value === undefined || value === null ? undefined : typeof value === 'string' ? value : JSON.stringify(value);

const nameOf = (o: JsonObject): string | undefined => text(o['name'] ?? o['value']);

/** The audit record a mutation writes, or undefined when Jira does not audit that type. */
export function auditRecordOf(m: Mutation): AuditDraft | undefined {
  const audited = AUDITED[m.type];
  const object = m.after ?? m.before;
  if (!audited || !object) return undefined;
  if (audited.roleInProject) return roleInProjectRecord(m, audited, object);
  const name = nameOf(object);
  const self: AuditItem = { typeName: audited.typeName, id: audited.idIsName ? name : String(object['id']), name };
  if (audited.parent) {
    const parentId = String(object[audited.parent.idField]);
    const parent = m.lookup(audited.parent.type, parentId);
    return {
      summary: `${audited.parent.label} updated`,
      category: audited.category,
      authorAccountId: m.authorAccountId,
      objectItem: { typeName: audited.parent.typeName, id: parentId, ...(parent ? { name: nameOf(parent) } : {}) },
      associatedItems: [{ ...self, parentId, ...(parent ? { parentName: nameOf(parent) } : {}) }],
      changedValues: changes(m, audited.label),
    };
  }
  return {
    summary: `${audited.label} ${m.action}`,
    category: audited.category,
    authorAccountId: m.authorAccountId,
    objectItem: self,
    associatedItems: m.type === 'fieldconfiguration' ? fieldItemsOf(m.patch) : [],
    changedValues: changes(m, audited.label),
  };
}

function roleInProjectRecord(m: Mutation, audited: AuditedType, actors: JsonObject): AuditDraft {
  const [projectId, roleId] = String(actors['id']).split(':') as [string, string];
  const role = m.lookup('projectrole', roleId);
  const project = m.lookup('project', projectId);
  return {
    summary: `${audited.label} updated`,
    category: audited.category,
    authorAccountId: m.authorAccountId,
    objectItem: { typeName: audited.typeName, id: roleId, ...(role ? { name: nameOf(role) } : {}) },
    associatedItems: [{ typeName: 'PROJECT', id: projectId, ...(project ? { name: nameOf(project) } : {}) }],
    changedValues: changes(m, audited.label),
  };
}

/** A field configuration's record names the fields whose behaviour the change set. */
function fieldItemsOf(patch: JsonObject | undefined): AuditItem[] {
  const fields = patch?.['fields'];
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return [];
  return Object.keys(fields).map((id) => ({ typeName: 'FIELD', id, name: id }));
}

function changes(m: Mutation, label: string): AuditChange[] {
  if (m.action === 'created') return [{ fieldName: label, changedTo: nameOf(m.after!) }];
  if (m.action === 'deleted') return [{ fieldName: label, changedFrom: nameOf(m.before!) }];
  return Object.keys(m.patch ?? {}).map((fieldName) => ({
    fieldName,
    ...optional('changedFrom', text(m.before?.[fieldName])),
    ...optional('changedTo', text(m.after?.[fieldName])),
  }));
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
