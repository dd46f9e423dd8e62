// Which admin changes the simulated Jira audits, and how it names them: the audit record one
// mutation of a configuration object writes (summary, category, `objectItem.typeName`, changed
// values). Jira does not audit everything (reference §5.5 lists the audited areas): types missing
// from AUDITED change without a record. Workflows are named by name only, as Jira's classic workflow
// records do; a child object (a screen's tab, a field configuration's field, a scheme's security
// level) is an associated item of its parent's record.
import type { ConfigType, Json, JsonObject } from '../types';
import type { AuditChange, AuditDraft, AuditItem } from './audit-log';

type Action = 'created' | 'updated' | 'deleted';

interface AuditedType {
  typeName: string;
  label: string;
  category: string;
  /** Jira's record names the object by name only (no id). */
  nameOnly?: boolean;
  /** A child: the record is about the parent (objectItem) with the child as an associated item. */
  parent?: { type: ConfigType; idField: string; typeName: string; label: string };
}

export const AUDITED: Partial<Record<ConfigType, AuditedType>> = {
  project: { typeName: 'PROJECT', label: 'Project', category: 'projects' },
  field: { typeName: 'CUSTOM_FIELD', label: 'Custom field', category: 'fields' },
  issuetype: { typeName: 'ISSUE_TYPE', label: 'Issue type', category: 'issue types' },
  issuetypescheme: { typeName: 'ISSUE_TYPE_SCHEME', label: 'Issue type scheme', category: 'issue types' },
  status: { typeName: 'STATUS', label: 'Status', category: 'workflows' },
  priority: { typeName: 'PRIORITY', label: 'Priority', category: 'system' },
  resolution: { typeName: 'RESOLUTION', label: 'Resolution', category: 'system' },
  screen: { typeName: 'SCREEN', label: 'Screen', category: 'screens' },
  workflow: { typeName: 'WORKFLOW', label: 'Workflow', category: 'workflows', nameOnly: true },
  workflowscheme: { typeName: 'WORKFLOW_SCHEME', label: 'Workflow scheme', category: 'workflows' },
  permissionscheme: { typeName: 'PERMISSION_SCHEME', label: 'Permission scheme', category: 'permissions' },
  projectrole: { typeName: 'PROJECT_ROLE', label: 'Project role', category: 'projects' },
  fieldconfiguration: { typeName: 'FIELD_CONFIGURATION', label: 'Field configuration', category: 'fields' },
  fieldconfigurationscheme: { typeName: 'FIELD_CONFIGURATION_SCHEME', label: 'Field configuration scheme', category: 'fields' },
  screentab: {
    typeName: 'SCREEN_TAB',
    label: 'Screen tab',
    category: 'screens',
    parent: { type: 'screen', idField: 'screenId', typeName: 'SCREEN', label: 'Screen' },
  },
  screenscheme: { typeName: 'SCREEN_SCHEME', label: 'Screen scheme', category: 'screens' },
  issuetypescreenscheme: { typeName: 'ISSUE_TYPE_SCREEN_SCHEME', label: 'Issue type screen scheme', category: 'screens' },
  notificationscheme: { typeName: 'NOTIFICATION_SCHEME', label: 'Notification scheme', category: 'notifications' },
  issuesecurityscheme: { typeName: 'ISSUE_SECURITY_SCHEME', label: 'Issue security scheme', category: 'permissions' },
  issuesecuritylevel: {
    typeName: 'ISSUE_SECURITY_LEVEL',
    label: 'Issue security level',
    category: 'permissions',
    parent: { type: 'issuesecurityscheme', idField: 'issueSecuritySchemeId', typeName: 'ISSUE_SECURITY_SCHEME', label: 'Issue security scheme' },
  },
  priorityscheme: { typeName: 'PRIORITY_SCHEME', label: 'Priority scheme', category: 'system' },
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
  const self: AuditItem = { typeName: audited.typeName, name: nameOf(object), ...(audited.nameOnly ? {} : { id: String(object['id']) }) };
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
