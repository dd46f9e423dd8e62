// Where each configuration type is read from in the Jira Cloud REST API v3, and how. Most types are
// one list resource; some are read once per parent object already in the snapshot (a field's
// contexts), and some combine several reads into one object (a context with its mappings). Page
// sizes ask for each endpoint's cap; the client reads back the size Jira actually used.
import type { ConfigType } from '../domain/config-catalogue';
import { fetchAllPages, type PagingClient } from './pagination';
import type { ResourceDefinition } from './pagination';

/** Hands one page of raw objects (already given their parentKey where they have a parent) to the store. */
export type EmitPage = (values: Array<Record<string, unknown>>) => Promise<void>;

/** What a plan reads, for `jira-drift coverage` and the scope check (test/unit/jira-client/config-reads.test.ts). */
export interface PlanMetadata {
  /** Operations read, as in the OpenAPI spec: `GET /rest/api/3/field/{fieldId}/context`. */
  endpoints: string[];
  /**
   * Granular read scopes those operations need (the union of their `x-atlassian-oauth2-scopes` Beta
   * entries in the spec; checked by test/unit/jira-client/config-reads.test.ts). Empty where the spec
   * names no granular scope (a classic `manage:` scope only).
   */
  scopes: string[];
}

export interface ListPlan extends PlanMetadata {
  kind: 'list';
  /** Reads every object of the type; returns the number of requests made. */
  read(client: PagingClient, emit: EmitPage): Promise<number>;
}

export interface PerParentPlan extends PlanMetadata {
  kind: 'per-parent';
  /** Reads the children of one parent (its canonical body, with `id`); returns the requests made. */
  read(client: PagingClient, parent: Record<string, unknown>, emit: EmitPage): Promise<number>;
}

export type ReadPlan = ListPlan | PerParentPlan;

const asObjects = (values: unknown[]) => values as Array<Record<string, unknown>>;

/** A type that is exactly one list resource. */
function list(def: ResourceDefinition, scopes: string[]): ListPlan {
  return {
    kind: 'list',
    endpoints: [`GET ${def.path}`],
    scopes,
    read: async (client, emit) => (await fetchAllPages(client, def, (values) => emit(asObjects(values)))).pages,
  };
}

/** Every object of a resource, collected (for small per-parent lists and mapping tables). */
async function collect(client: PagingClient, def: ResourceDefinition): Promise<{ values: Array<Record<string, unknown>>; pages: number }> {
  const values: Array<Record<string, unknown>> = [];
  const { pages } = await fetchAllPages(client, def, async (page) => {
    values.push(...asObjects(page));
  });
  return { values, pages };
}

const pageBean = (path: string, maxResults: number, query?: Record<string, string | number>): ResourceDefinition => ({
  path,
  query,
  shape: { kind: 'page-bean', maxResults },
});

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const groupBy = (rows: Array<Record<string, unknown>>, key: string) => {
  const groups = new Map<string, Array<Record<string, unknown>>>();
  for (const row of rows) {
    const k = text(row[key]);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
};

/** Custom fields whose type can have contexts (Jira refuses the call for system fields). */
const isCustomField = (field: Record<string, unknown>) => text(field['id']).startsWith('customfield_');

/** Select-like custom field types: the only ones whose contexts have options. */
const OPTION_FIELD_TYPES = ['select', 'multiselect', 'cascadingselect', 'radiobuttons', 'multicheckboxes'].map(
  (t) => `com.atlassian.jira.plugin.system.customfieldtypes:${t}`,
);

/** A field's contexts, each with its projects, issue types and default value. */
const FIELD = '/rest/api/3/field/{fieldId}';
const fieldContexts: PerParentPlan = {
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
const contextOptions: PerParentPlan = {
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
const fieldConfigurationItems: PerParentPlan = {
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
const fieldConfigurationSchemes: ListPlan = {
  kind: 'list',
  scopes: ['read:field-configuration-scheme:jira'],
  endpoints: ['GET /rest/api/3/fieldconfigurationscheme', 'GET /rest/api/3/fieldconfigurationscheme/mapping'],
  async read(client, emit) {
    const schemes = await collect(client, pageBean('/rest/api/3/fieldconfigurationscheme', 50));
    const mappings = await collect(client, pageBean('/rest/api/3/fieldconfigurationscheme/mapping', 50));
    const mappingsOf = groupBy(mappings.values, 'fieldConfigurationSchemeId');
    await emit(
      schemes.values.map((scheme) => ({
        ...scheme,
        mappings: (mappingsOf.get(text(scheme['id'])) ?? []).map(({ fieldConfigurationSchemeId: _drop, ...m }) => m),
      })),
    );
    return schemes.pages + mappings.pages;
  },
};

export const CONFIG_RESOURCES: Record<ConfigType, ReadPlan> = {
  project: list(pageBean('/rest/api/3/project/search', 100, { expand: 'description,lead,issueTypes,url,projectKeys' }), [
    'read:application-role:jira',
    'read:avatar:jira',
    'read:group:jira',
    'read:issue-type-hierarchy:jira',
    'read:issue-type:jira',
    'read:project-category:jira',
    'read:project-version:jira',
    'read:project.component:jira',
    'read:project.property:jira',
    'read:project:jira',
    'read:user:jira',
  ]),
  field: list(pageBean('/rest/api/3/field/search', 100, { expand: 'key,searcherKey,isLocked' }), [
    'read:field-configuration:jira',
    'read:field:jira',
  ]),
  issuetype: list({ path: '/rest/api/3/issuetype', shape: { kind: 'array' } }, [
    'read:avatar:jira',
    'read:issue-type:jira',
    'read:project-category:jira',
    'read:project:jira',
  ]),
  issuetypescheme: list(pageBean('/rest/api/3/issuetypescheme', 50), ['read:issue-type-scheme:jira']),
  status: list(pageBean('/rest/api/3/statuses/search', 200), ['read:workflow:jira']),
  // /priority/search is flagged deprecated in the Dec-2025 spec but still served; see README.
  priority: list(pageBean('/rest/api/3/priority/search', 50), []),
  resolution: list(pageBean('/rest/api/3/resolution/search', 50), ['read:resolution:jira']),
  screen: list(pageBean('/rest/api/3/screens', 100), ['read:avatar:jira', 'read:project-category:jira', 'read:project:jira', 'read:screen:jira']),
  workflow: list(pageBean('/rest/api/3/workflows/search', 50, { expand: 'values.transitions' }), ['read:workflow:jira']),
  workflowscheme: list(pageBean('/rest/api/3/workflowscheme', 50), [
    'read:application-role:jira',
    'read:avatar:jira',
    'read:group:jira',
    'read:issue-type:jira',
    'read:project-category:jira',
    'read:project:jira',
    'read:user:jira',
    'read:workflow-scheme:jira',
  ]),
  permissionscheme: list(
    {
      path: '/rest/api/3/permissionscheme',
      query: { expand: 'permissions' },
      shape: { kind: 'wrapper', key: 'permissionSchemes' },
    },
    [
      'read:application-role:jira',
      'read:avatar:jira',
      'read:field:jira',
      'read:group:jira',
      'read:permission-scheme:jira',
      'read:permission:jira',
      'read:project-category:jira',
      'read:project-role:jira',
      'read:project:jira',
      'read:user:jira',
    ],
  ),
  projectrole: list({ path: '/rest/api/3/role', shape: { kind: 'array' } }, [
    'read:avatar:jira',
    'read:group:jira',
    'read:project-category:jira',
    'read:project-role:jira',
    'read:project:jira',
    'read:user:jira',
  ]),
  fieldcontext: fieldContexts,
  fieldcontextoption: contextOptions,
  fieldconfiguration: list(pageBean('/rest/api/3/fieldconfiguration', 50), ['read:field-configuration:jira']),
  fieldconfigurationitem: fieldConfigurationItems,
  fieldconfigurationscheme: fieldConfigurationSchemes,
};
