// Fields in depth: a custom field's contexts (with their mappings and defaults), a context's options,
// field configurations' items and field configuration schemes with their mappings.
import { fetchAllPages } from '../pagination';
import { asObjects, collect, groupBy, pageBean, text, type ListPlan, type PerParentPlan, listWithRows } from '../read-plan-kit';

/** Custom fields whose type can have contexts (Jira refuses the call for system fields). */
const isCustomField = (field: Record<string, unknown>) => text(field['id']).startsWith('customfield_');

/** Select-like custom field types: the only ones whose contexts have options. */
const OPTION_FIELD_TYPES = ['select', 'multiselect', 'cascadingselect', 'radiobuttons', 'multicheckboxes'].map(
  (t) => `com.atlassian.jira.plugin.system.customfieldtypes:${t}`,
);

/** A field's contexts, each with its projects, issue types and default value. */
const FIELD = '/rest/api/3/field/{fieldId}';
export const fieldContexts: PerParentPlan = {
  kind: 'per-parent',
  scopes: ['read:custom-field-contextual-configuration:jira', 'read:field.default-value:jira', 'read:field:jira'],
  endpoints: ['context', 'context/issuetypemapping', 'context/projectmapping', 'context/defaultValue'].map((p) => `GET ${FIELD}/${p}`),
  async read(client, field, emit) {
    if (!isCustomField(field)) return 0;
    const fieldId = text(field['id']);
    const base = `/rest/api/3/field/${encodeURIComponent(fieldId)}/context`;
    const contexts = await collect(client, pageBean(base, 50));
    if (contexts.values.length === 0) return contexts.pages;
    const [issueTypes, projects, defaults] = await Promise.all([
      collect(client, pageBean(`${base}/issuetypemapping`, 50)),
      collect(client, pageBean(`${base}/projectmapping`, 50)),
      collect(client, pageBean(`${base}/defaultValue`, 50)),
    ]);
    const issueTypesOf = groupBy(issueTypes.values, 'contextId');
    const projectsOf = groupBy(projects.values, 'contextId');
    const defaultOf = groupBy(defaults.values, 'contextId');
    const fieldType = text((field['schema'] as Record<string, unknown> | undefined)?.['custom']);
    await emit(
      contexts.values.map((context) => {
        const id = text(context['id']);
        const { contextId: _drop, ...defaultValue } = defaultOf.get(id)?.[0] ?? {};
        return {
          ...context,
          parentKey: fieldId,
          fieldId,
          fieldType,
          issueTypeIds: (issueTypesOf.get(id) ?? []).map((m) => text(m['issueTypeId'])),
          projectIds: (projectsOf.get(id) ?? []).map((m) => text(m['projectId'])),
          ...(Object.keys(defaultValue).length > 0 ? { defaultValue } : {}),
        };
      }),
    );
    return contexts.pages + issueTypes.pages + projects.pages + defaults.pages;
  },
};

/** A select-like context's options, in display order (`position`); cascading children name their parent option. */
export const contextOptions: PerParentPlan = {
  kind: 'per-parent',
  scopes: ['read:field.option:jira'],
  endpoints: [`GET ${FIELD}/context/{contextId}/option`],
  async read(client, context, emit) {
    if (!OPTION_FIELD_TYPES.includes(text(context['fieldType']))) return 0;
    const fieldId = text(context['fieldId']);
    const contextId = text(context['id']);
    const def = pageBean(`/rest/api/3/field/${encodeURIComponent(fieldId)}/context/${encodeURIComponent(contextId)}/option`, 100);
    const { pages } = await fetchAllPages(client, def, (values, page) =>
      emit(asObjects(values).map((option, i) => ({ ...option, parentKey: `${fieldId}:${contextId}`, position: page.startAt + i }))),
    );
    return pages;
  },
};

/** The items of one field configuration: each field's required/hidden/renderer/description there. */
export const fieldConfigurationItems: PerParentPlan = {
  kind: 'per-parent',
  scopes: ['read:field-configuration:jira'],
  endpoints: ['GET /rest/api/3/fieldconfiguration/{id}/fields'],
  async read(client, configuration, emit) {
    const configurationId = text(configuration['id']);
    const def = pageBean(`/rest/api/3/fieldconfiguration/${encodeURIComponent(configurationId)}/fields`, 50);
    const { pages } = await fetchAllPages(client, def, (values) =>
      emit(asObjects(values).map((item) => ({ ...item, parentKey: configurationId, fieldConfigurationId: configurationId }))),
    );
    return pages;
  },
};

/** Field configuration schemes with their issue type → field configuration mappings. */
export const fieldConfigurationSchemes: ListPlan = listWithRows(
  { parents: pageBean('/rest/api/3/fieldconfigurationscheme', 50), rows: pageBean('/rest/api/3/fieldconfigurationscheme/mapping', 50) },
  { parentField: 'fieldConfigurationSchemeId', as: 'mappings' },
  ['read:field-configuration-scheme:jira'],
);
