import { ALWAYS_REQUIRED, defaultRenderer, isConfigurable } from '../generate/field-configurations';
import { isJsonObject, type JsonObject } from '../types';

/**
 * A field configuration's items (GET /fieldconfiguration/{id}/fields): every configurable field of the
 * site, in the site's field order, with the configuration's stored changes (`fields`) applied. Derived on
 * every read, so a new or deleted field shows up in every configuration, as in Jira.
 */
export function fieldConfigurationItems(configuration: JsonObject, fields: JsonObject[]): JsonObject[] {
  const changes = isJsonObject(configuration['fields']) ? configuration['fields'] : {};
  return fields.filter(isConfigurable).map((field) => {
    const id = field['id'] as string;
    const item: JsonObject = { id, isHidden: false, isRequired: ALWAYS_REQUIRED.has(id) };
    const renderer = defaultRenderer(field);
    if (renderer) item['renderer'] = renderer;
    const change = changes[id];
    return isJsonObject(change) ? { ...item, ...change, id } : item;
  });
}

export function configurableFieldCount(fields: JsonObject[]): number {
  return fields.filter(isConfigurable).length;
}
