import type { Prng } from '../prng';
import type { JsonObject } from '../types';
import type { GenContext } from './context';
import type { ProjectPlan } from './projects';
import { FIELD_WORDS, nthName } from './words';

/** System fields as GET /field lists them: [id, name, schema type, items?]. */
const SYSTEM_FIELDS: Array<[string, string, string, string?]> = [
  ['summary', 'Summary', 'string'],
  ['description', 'Description', 'string'],
  ['issuetype', 'Issue Type', 'issuetype'],
  ['project', 'Project', 'project'],
  ['status', 'Status', 'status'],
  ['priority', 'Priority', 'priority'],
  ['resolution', 'Resolution', 'resolution'],
  ['assignee', 'Assignee', 'user'],
  ['reporter', 'Reporter', 'user'],
  ['created', 'Created', 'datetime'],
  ['updated', 'Updated', 'datetime'],
  ['duedate', 'Due date', 'date'],
  ['labels', 'Labels', 'array', 'string'],
  ['components', 'Components', 'array', 'component'],
  ['fixVersions', 'Fix versions', 'array', 'version'],
  ['versions', 'Affects versions', 'array', 'version'],
  ['environment', 'Environment', 'string'],
  ['attachment', 'Attachment', 'array', 'attachment'],
  ['issuelinks', 'Linked Issues', 'array', 'issuelinks'],
  ['subtasks', 'Sub-tasks', 'array', 'issuelinks'],
  ['parent', 'Parent', 'issuelink'],
  ['watches', 'Watchers', 'watches'],
  ['votes', 'Votes', 'votes'],
  ['comment', 'Comment', 'comments-page'],
  ['worklog', 'Log Work', 'array', 'worklog'],
  ['timetracking', 'Time tracking', 'timetracking'],
  ['security', 'Security Level', 'securitylevel'],
  ['resolutiondate', 'Resolved', 'datetime'],
  ['creator', 'Creator', 'user'],
  ['lastViewed', 'Last Viewed', 'datetime'],
];

/** Custom field types: [type key, schema type, items, searcher key, display name]. */
const CUSTOM_TYPES: Array<[string, string, string | undefined, string, string]> = [
  ['select', 'option', undefined, 'multiselectsearcher', 'Select List (single choice)'],
  ['multiselect', 'array', 'option', 'multiselectsearcher', 'Select List (multiple choices)'],
  ['textfield', 'string', undefined, 'textsearcher', 'Short text (plain text only)'],
  ['textarea', 'string', undefined, 'textsearcher', 'Paragraph (supports rich text)'],
  ['datepicker', 'date', undefined, 'daterange', 'Date Picker'],
  ['datetime', 'datetime', undefined, 'datetimerange', 'Date Time Picker'],
  ['float', 'number', undefined, 'exactnumber', 'Number Field'],
  ['userpicker', 'user', undefined, 'userpickergroupsearcher', 'User Picker (single user)'],
  ['multiuserpicker', 'array', 'user', 'userpickergroupsearcher', 'User Picker (multiple users)'],
  ['labels', 'array', 'string', 'labelsearcher', 'Labels'],
  ['url', 'string', undefined, 'exacttextsearcher', 'URL Field'],
  ['radiobuttons', 'option', undefined, 'multiselectsearcher', 'Radio Buttons'],
  ['multicheckboxes', 'array', 'option', 'multiselectsearcher', 'Checkboxes'],
  ['cascadingselect', 'option-with-child', undefined, 'cascadingselectsearcher', 'Select List (cascading)'],
  ['grouppicker', 'group', undefined, 'grouppickersearcher', 'Group Picker (single group)'],
];

const CUSTOM_PREFIX = 'com.atlassian.jira.plugin.system.customfieldtypes:';

/**
 * Field objects carrying the union of what GET /field (FieldDetails) and GET /field/search (Field, with
 * expand-only counters) return; the REST views pick the properties each endpoint shows.
 */
export function buildFields(ctx: GenContext, count: number, projects: ProjectPlan[]): JsonObject[] {
  const rng = ctx.rng('field');
  const teamProjects = projects.filter((p) => p.teamManaged);
  const fields: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const system = SYSTEM_FIELDS[i];
    fields.push(system ? systemField(system) : customField(ctx, rng, i - SYSTEM_FIELDS.length, teamProjects));
  }
  return fields;
}

function systemField([id, name, type, items]: [string, string, string, string?]): JsonObject {
  const schema: JsonObject = { type, system: id };
  if (items) schema['items'] = items;
  return {
    id,
    key: id,
    name,
    custom: false,
    orderable: !['status', 'created', 'updated', 'resolutiondate', 'creator', 'lastViewed', 'votes', 'watches', 'subtasks'].includes(id),
    navigable: true,
    searchable: true,
    clauseNames: [id],
    schema,
    description: `The ${name.toLowerCase()} of the issue.`,
    stableId: `sfid:${id}`,
    isLocked: true,
    searcherKey: `${CUSTOM_PREFIX}${type === 'string' ? 'textsearcher' : 'exactnumber'}`,
    typeDisplayName: name,
    lastUsed: { type: 'NOT_TRACKED' },
    screensCount: 0,
    contextsCount: 0,
    projectsCount: 0,
  };
}

function customField(ctx: GenContext, rng: Prng, index: number, teamProjects: ProjectPlan[]): JsonObject {
  const customId = 10000 + index;
  const id = `customfield_${customId}`;
  const name = nthName(FIELD_WORDS, index);
  const [typeKey, schemaType, items, searcher, displayName] = rng.pick(CUSTOM_TYPES);
  const schema: JsonObject = { type: schemaType, custom: `${CUSTOM_PREFIX}${typeKey}`, customId };
  if (items) schema['items'] = items;
  const field: JsonObject = {
    id,
    key: id,
    name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${customId}]`, name],
    schema,
    description: rng.chance(0.6) ? `${name} of the issue.` : '',
    stableId: `sfid:${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${customId}`,
    isLocked: false,
    searcherKey: `${CUSTOM_PREFIX}${searcher}`,
    typeDisplayName: displayName,
    lastUsed: rng.chance(0.7) ? { type: 'TRACKED', value: ctx.timestamp(rng) } : { type: 'NOT_TRACKED' },
    screensCount: rng.int(0, 40),
    contextsCount: rng.int(1, 4),
    projectsCount: rng.int(0, 30),
  };
  if (teamProjects.length > 0 && rng.chance(0.15)) {
    field['scope'] = { type: 'PROJECT', project: { id: rng.pick(teamProjects).id } };
  }
  return field;
}
