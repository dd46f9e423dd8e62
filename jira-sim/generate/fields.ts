import type { Prng } from '../prng';
import type { JsonObject } from '../types';
import type { GenContext } from './context';
import type { ProjectPlan } from './projects';
import { CUSTOM_PREFIX, OPTION_TYPES, PLAIN_TYPES } from './custom-field-types';
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

/** Share of custom fields that are select-like (options): 500 of the 2,000 on a large site. */
const OPTION_FIELD_SHARE = 0.25;

/**
 * Field objects carrying the union of what GET /field (FieldDetails) and GET /field/search (Field, with
 * expand-only counters) return; the REST views pick the properties each endpoint shows.
 */
export function buildFields(ctx: GenContext, count: number, projects: ProjectPlan[]): JsonObject[] {
  const rng = ctx.rng('field');
  const teamProjects = projects.filter((p) => p.teamManaged);
  const customCount = Math.max(0, count - SYSTEM_FIELDS.length);
  const indexes = Array.from({ length: customCount }, (_, i) => i);
  const optionFields = new Set(ctx.rng('field-option-types').sample(indexes, Math.round(customCount * OPTION_FIELD_SHARE)));
  const fields: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const system = SYSTEM_FIELDS[i];
    const index = i - SYSTEM_FIELDS.length;
    fields.push(system ? systemField(system) : customField(ctx, rng, index, optionFields.has(index), teamProjects));
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

function customField(ctx: GenContext, rng: Prng, index: number, withOptions: boolean, teamProjects: ProjectPlan[]): JsonObject {
  const customId = 10000 + index;
  const id = `customfield_${customId}`;
  const name = nthName(FIELD_WORDS, index);
  const [typeKey, schemaType, items, searcher, displayName] = rng.pick(withOptions ? OPTION_TYPES : PLAIN_TYPES);
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
    // Set from the generated contexts (generate/index.ts).
    contextsCount: 0,
    projectsCount: rng.int(0, 30),
  };
  // Select-like fields stay company-managed, so every one of them has contexts with options.
  if (!withOptions && teamProjects.length > 0 && rng.chance(0.15)) {
    field['scope'] = { type: 'PROJECT', project: { id: rng.pick(teamProjects).id } };
  }
  return field;
}
