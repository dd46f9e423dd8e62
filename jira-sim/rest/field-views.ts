import { isJsonObject, type Json, type JsonObject } from '../types';

/** API views of the fields group: the stored objects carry their links (fieldId, contextId, ...) too. */

/** CustomFieldContext. */
export function contextView(context: JsonObject): JsonObject {
  return {
    id: context['id'] as string,
    name: context['name'] as string,
    description: context['description'] as string,
    isGlobalContext: isGlobal(context),
    isAnyIssueType: isAnyIssueType(context),
  };
}

export function isGlobal(context: JsonObject): boolean {
  return ids(context['projectIds']).length === 0;
}

export function isAnyIssueType(context: JsonObject): boolean {
  return ids(context['issueTypeIds']).length === 0;
}

export function ids(value: Json | undefined): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** IssueTypeToContextMapping rows, ordered by issue type id (the caller orders by context). */
export function issueTypeMappings(context: JsonObject): JsonObject[] {
  const contextId = context['id'] as string;
  if (isAnyIssueType(context)) return [{ contextId, isAnyIssueType: true }];
  return ids(context['issueTypeIds'])
    .sort(byNumber)
    .map((issueTypeId) => ({ contextId, issueTypeId }));
}

/** CustomFieldContextProjectMapping rows. */
export function projectMappings(context: JsonObject): JsonObject[] {
  const contextId = context['id'] as string;
  if (isGlobal(context)) return [{ contextId, isGlobalContext: true }];
  return ids(context['projectIds'])
    .sort(byNumber)
    .map((projectId) => ({ contextId, projectId }));
}

/** CustomFieldContextDefaultValue (by type), or nothing when the context has no default. */
export function defaultValueView(context: JsonObject): JsonObject | undefined {
  const value = context['defaultValue'];
  return isJsonObject(value) ? { contextId: context['id'] as string, ...value } : undefined;
}

/** CustomFieldContextOption. */
export function optionView(option: JsonObject): JsonObject {
  const view: JsonObject = { id: option['id'] as string, value: option['value'] as string, disabled: option['disabled'] === true };
  if (option['optionId'] !== undefined) view['optionId'] = option['optionId'];
  return view;
}

/** FieldConfiguration as GET /fieldconfiguration lists it (isDefault only on the default one, as in Jira's example). */
export function fieldConfigurationView(configuration: JsonObject): JsonObject {
  const view: JsonObject = {
    id: configuration['id'] as number,
    name: configuration['name'] as string,
    description: String(configuration['description'] ?? ''),
  };
  if (configuration['isDefault'] === true) view['isDefault'] = true;
  return view;
}

/** FieldConfigurationScheme. */
export function fieldConfigurationSchemeView(scheme: JsonObject): JsonObject {
  const view: JsonObject = { id: scheme['id'] as string, name: scheme['name'] as string };
  if (typeof scheme['description'] === 'string' && scheme['description'] !== '') view['description'] = scheme['description'];
  return view;
}

/** FieldConfigurationIssueTypeItem rows of one scheme: "default" first, then by issue type id. */
export function schemeMappings(scheme: JsonObject): JsonObject[] {
  const mappings = isJsonObject(scheme['mappings']) ? scheme['mappings'] : {};
  return Object.keys(mappings)
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : byNumber(a, b)))
    .map((issueTypeId) => ({
      fieldConfigurationSchemeId: scheme['id'] as string,
      issueTypeId,
      fieldConfigurationId: String(mappings[issueTypeId]),
    }));
}

export function byNumber(a: string, b: string): number {
  return Number(a) - Number(b) || a.localeCompare(b);
}
