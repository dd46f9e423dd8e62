import { hasContexts, hasOptions } from '../generate/custom-field-types';
import { fieldConfigurationItems } from '../site/field-items';
import { optionsOf } from '../site/field-relations';
import type { Site } from '../site/site';
import type { JsonObject } from '../types';
import {
  byNumber,
  contextView,
  defaultValueView,
  fieldConfigurationSchemeView,
  fieldConfigurationView,
  isAnyIssueType,
  isGlobal,
  issueTypeMappings,
  optionView,
  projectMappings,
  schemeMappings,
} from './field-views';
import { RestError } from './jira-error';
import { contains, text } from './order-by';
import { bool, first, many, type QueryInput } from './query-params';
import { idFilter, paged, type Resource } from './resource-kit';

/*
 * The fields group: custom field contexts and their options, field configurations and their items, field
 * configuration schemes and their mappings. Page sizes: the spec's maxResults default for each operation;
 * the spec documents no maximum, so, as for the sim's other such endpoints, the default is also the cap.
 */

const FIELD_NOT_FOUND = 'The custom field was not found.';

/** A custom field that can have contexts; 404 as Jira answers for unknown and system fields. */
function customField(site: Site, fieldId: string | undefined): JsonObject {
  const field = fieldId === undefined ? undefined : site.get('field', fieldId);
  if (!field || field['custom'] !== true) throw new RestError(404, FIELD_NOT_FOUND);
  return field;
}

/** A field's contexts by id, optionally only those named by `contextId` (unknown ids are ignored). */
function contextsOf(site: Site, field: JsonObject, query: QueryInput): JsonObject[] {
  if (!hasContexts(field)) return [];
  const wanted = new Set(many(query, 'contextId'));
  return site
    .list('fieldcontext')
    .filter((c) => c['fieldId'] === field['id'] && (wanted.size === 0 || wanted.has(c['id'] as string)))
    .sort((a, b) => byNumber(a['id'] as string, b['id'] as string));
}

function optionalBool(query: QueryInput, name: string): (value: boolean) => boolean {
  const wanted = bool(query, name);
  return (value) => wanted === undefined || wanted === value;
}

export const FIELD_RESOURCES: Record<string, Resource> = {
  'field/{fieldId}/context': {
    get: paged(
      { defaultMax: 50, cap: 50 },
      ({ site, params, query }) => {
        const anyIssueType = optionalBool(query, 'isAnyIssueType');
        const global = optionalBool(query, 'isGlobalContext');
        return contextsOf(site, customField(site, params['fieldId']), query).filter((c) => anyIssueType(isAnyIssueType(c)) && global(isGlobal(c)));
      },
      () => contextView,
    ),
  },
  'field/{fieldId}/context/issuetypemapping': {
    // The spec lists no 404 here: an unknown field has no mappings.
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, params, query }) => {
      const field = site.get('field', params['fieldId'] ?? '');
      return field ? contextsOf(site, field, query).flatMap(issueTypeMappings) : [];
    }),
  },
  'field/{fieldId}/context/projectmapping': {
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, params, query }) =>
      contextsOf(site, customField(site, params['fieldId']), query).flatMap(projectMappings),
    ),
  },
  'field/{fieldId}/context/defaultValue': {
    // "If no defaults are set for a context, nothing is returned."
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, params, query }) =>
      contextsOf(site, customField(site, params['fieldId']), query)
        .map(defaultValueView)
        .filter((v): v is JsonObject => v !== undefined),
    ),
  },
  'field/{fieldId}/context/{contextId}/option': {
    get: paged(
      { defaultMax: 100, cap: 100 },
      ({ site, params, query }) => {
        const field = customField(site, params['fieldId']);
        const context = site.get('fieldcontext', params['contextId'] ?? '');
        if (!context || context['fieldId'] !== field['id']) throw new RestError(404, 'The context was not found.');
        if (!hasOptions(field)) throw new RestError(400, "The custom field doesn't support options.");
        const optionId = first(query, 'optionId');
        const onlyOptions = bool(query, 'onlyOptions') === true;
        return optionsOf(site, context['id'] as string)
          .filter((o) => !onlyOptions || o['optionId'] === undefined)
          .filter((o) => optionId === undefined || o['id'] === optionId || o['optionId'] === optionId);
      },
      () => optionView,
    ),
  },
  fieldconfiguration: {
    get: paged(
      { defaultMax: 50, cap: 50 },
      ({ site, query }) => {
        const onlyDefault = bool(query, 'isDefault') === true;
        const search = first(query, 'query');
        return site
          .list('fieldconfiguration')
          .filter(idFilter(query))
          .filter((c) => !onlyDefault || c['isDefault'] === true)
          .filter((c) => contains(text(c, 'name'), search) || contains(text(c, 'description'), search));
      },
      () => fieldConfigurationView,
    ),
  },
  'fieldconfiguration/{id}/fields': {
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, params }) => {
      const configuration = site.get('fieldconfiguration', params['id'] ?? '');
      if (!configuration) throw new RestError(404, 'The field configuration was not found.');
      return fieldConfigurationItems(configuration, site.list('field'));
    }),
  },
  fieldconfigurationscheme: {
    get: paged(
      { defaultMax: 50, cap: 50 },
      ({ site, query }) => site.list('fieldconfigurationscheme').filter(idFilter(query)),
      () => fieldConfigurationSchemeView,
    ),
  },
  'fieldconfigurationscheme/mapping': {
    get: paged({ defaultMax: 50, cap: 50 }, ({ site, query }) => {
      const wanted = new Set(many(query, 'fieldConfigurationSchemeId'));
      const schemes = site
        .list('fieldconfigurationscheme')
        .filter((s) => wanted.size === 0 || wanted.has(s['id'] as string))
        .sort((a, b) => byNumber(a['id'] as string, b['id'] as string));
      if (wanted.size > 0 && schemes.length === 0) throw new RestError(404, 'The field configuration scheme was not found.');
      return schemes.flatMap(schemeMappings);
    }),
  },
};
