import type { JsonObject } from '../types';

export const CUSTOM_PREFIX = 'com.atlassian.jira.plugin.system.customfieldtypes:';

/** A custom field type: [type key, schema type, items, searcher key, display name]. */
export type CustomFieldType = [string, string, string | undefined, string, string];

/** Select-like types: the only ones whose contexts have options (cascading ones have child options too). */
export const OPTION_TYPES: CustomFieldType[] = [
  ['select', 'option', undefined, 'multiselectsearcher', 'Select List (single choice)'],
  ['multiselect', 'array', 'option', 'multiselectsearcher', 'Select List (multiple choices)'],
  ['radiobuttons', 'option', undefined, 'multiselectsearcher', 'Radio Buttons'],
  ['multicheckboxes', 'array', 'option', 'multiselectsearcher', 'Checkboxes'],
  ['cascadingselect', 'option-with-child', undefined, 'cascadingselectsearcher', 'Select List (cascading)'],
];

export const PLAIN_TYPES: CustomFieldType[] = [
  ['textfield', 'string', undefined, 'textsearcher', 'Short text (plain text only)'],
  ['textarea', 'string', undefined, 'textsearcher', 'Paragraph (supports rich text)'],
  ['datepicker', 'date', undefined, 'daterange', 'Date Picker'],
  ['datetime', 'datetime', undefined, 'datetimerange', 'Date Time Picker'],
  ['float', 'number', undefined, 'exactnumber', 'Number Field'],
  ['userpicker', 'user', undefined, 'userpickergroupsearcher', 'User Picker (single user)'],
  ['multiuserpicker', 'array', 'user', 'userpickergroupsearcher', 'User Picker (multiple users)'],
  ['labels', 'array', 'string', 'labelsearcher', 'Labels'],
  ['url', 'string', undefined, 'exacttextsearcher', 'URL Field'],
  ['grouppicker', 'group', undefined, 'grouppickersearcher', 'Group Picker (single group)'],
];

/** "select" for a field of type com.atlassian.jira.plugin.system.customfieldtypes:select; undefined for system fields. */
export function customTypeKey(field: JsonObject): string | undefined {
  const schema = field['schema'];
  const custom = schema !== null && typeof schema === 'object' && !Array.isArray(schema) ? schema['custom'] : undefined;
  return typeof custom === 'string' && custom.startsWith(CUSTOM_PREFIX) ? custom.slice(CUSTOM_PREFIX.length) : undefined;
}

export function hasOptions(field: JsonObject): boolean {
  const key = customTypeKey(field);
  return OPTION_TYPES.some(([type]) => type === key);
}

export function isCascading(field: JsonObject): boolean {
  return customTypeKey(field) === 'cascadingselect';
}

/**
 * Custom fields of company-managed projects have contexts; fields of team-managed projects (a
 * PROJECT `scope`) and system fields have none.
 */
export function hasContexts(field: JsonObject): boolean {
  return field['custom'] === true && field['scope'] === undefined;
}
