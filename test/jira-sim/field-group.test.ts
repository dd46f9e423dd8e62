/**
 * The fields group: custom field contexts (and their mappings and defaults), context options, field
 * configurations and their items, field configuration schemes and their mappings. Every response is
 * checked against the spec, page sizes against the spec's defaults, errors against Jira's bodies.
 */
import { generateSite } from '../../jira-sim/generate';
import { componentValidator, defaultMaxResults, discriminatedSchema, responseValidator, type ResponseValidator } from './openapi-schema';
import { allPages, startFixture, type SimFixture } from './sim-fixture';

let fx: SimFixture;

beforeAll(async () => {
  fx = await startFixture({ size: 'small', seed: 21 });
});
afterAll(async () => {
  await fx.sim.close();
});

const API = '/rest/api/3/';

function expectValid(validate: ResponseValidator, body: unknown, what: string): void {
  if (!validate(body)) throw new Error(`${what} does not match the spec:\n${validate.errorText()}`);
}

async function customFields(): Promise<any[]> {
  return (await fx.jira('field')).body.filter((f: any) => f.custom);
}

async function values(path: string): Promise<any[]> {
  return (await allPages(fx, path)).flatMap((p) => p.values);
}

const SELECT_TYPES = ['select', 'multiselect', 'radiobuttons', 'multicheckboxes', 'cascadingselect'].map(
  (t) => `com.atlassian.jira.plugin.system.customfieldtypes:${t}`,
);
const hasOptions = (field: any) => SELECT_TYPES.includes(field.schema?.custom);

describe('responses match the spec', () => {
  it('contexts, their issue type and project mappings, on every page of every custom field', async () => {
    const validators = {
      context: responseValidator(`${API}field/{fieldId}/context`),
      issuetypemapping: responseValidator(`${API}field/{fieldId}/context/issuetypemapping`),
      projectmapping: responseValidator(`${API}field/{fieldId}/context/projectmapping`),
    };
    let contexts = 0;
    for (const field of await customFields()) {
      for (const [suffix, validate] of Object.entries(validators)) {
        const path = suffix === 'context' ? `field/${field.id}/context` : `field/${field.id}/context/${suffix}`;
        for (const page of await allPages(fx, path, 2)) expectValid(validate, page, path);
      }
      const own = await values(`field/${field.id}/context`);
      if (!field.scope) expect(own.length).toBeGreaterThan(0);
      contexts += own.length;
    }
    expect(contexts).toBe(fx.site.objectCounts.fieldcontext);
  });

  it('default values, each in the shape the spec names for its type', async () => {
    const envelope = responseValidator(`${API}field/{fieldId}/context/defaultValue`);
    const types = new Set<string>();
    for (const field of await customFields()) {
      for (const page of await allPages(fx, `field/${field.id}/context/defaultValue`)) {
        // The union is a discriminated oneOf whose members overlap; the discriminator decides, as in Jira's docs.
        expectValid(envelope, { ...page, values: [] }, 'defaultValue page');
        for (const value of page.values) {
          const schema = discriminatedSchema('CustomFieldContextDefaultValue', value.type);
          expect([value.type, schema !== undefined]).toEqual([value.type, true]);
          expectValid(componentValidator(schema!), value, `default value ${value.type}`);
          expect(value.contextId).toEqual(expect.any(String));
          types.add(value.type);
        }
      }
    }
    expect(types.size).toBeGreaterThan(0);
  });

  it('options of every context of every select-like field', async () => {
    const validate = responseValidator(`${API}field/{fieldId}/context/{contextId}/option`);
    let options = 0;
    for (const field of (await customFields()).filter(hasOptions)) {
      for (const context of await values(`field/${field.id}/context`)) {
        const pages = await allPages(fx, `field/${field.id}/context/${context.id}/option`, 3);
        for (const page of pages) expectValid(validate, page, 'option page');
        options += pages.flatMap((p) => p.values).length;
      }
    }
    expect(options).toBe(fx.site.objectCounts.fieldcontextoption);
  });

  it('field configurations and their items', async () => {
    // The spec's PageBeanFieldConfigurationDetails lists values as the write-only FieldConfigurationDetails
    // (name, description, no id), while its own example and real Jira return FieldConfiguration objects.
    const envelope = responseValidator(`${API}fieldconfiguration`);
    const configuration = componentValidator('FieldConfiguration');
    const pages = await allPages(fx, 'fieldconfiguration', 1);
    for (const page of pages) {
      expectValid(envelope, { ...page, values: [] }, 'fieldconfiguration page');
      for (const value of page.values) expectValid(configuration, value, 'FieldConfiguration');
    }
    const configurations = pages.flatMap((p) => p.values);
    expect(configurations.length).toBe(fx.site.objectCounts.fieldconfiguration);
    expect(configurations.filter((c: any) => c.isDefault === true)).toHaveLength(1);

    const validate = responseValidator(`${API}fieldconfiguration/{id}/fields`);
    let items = 0;
    for (const { id } of configurations) {
      const itemPages = await allPages(fx, `fieldconfiguration/${id}/fields`, 20);
      for (const page of itemPages) expectValid(validate, page, 'items page');
      const all = itemPages.flatMap((p) => p.values);
      expect(all.find((i: any) => i.id === 'summary')).toMatchObject({ isRequired: true, isHidden: false });
      items += all.length;
    }
    expect(items).toBe(fx.site.objectCounts.fieldconfigurationitem);
  });

  it('field configuration schemes and their mappings', async () => {
    const schemes = await allPages(fx, 'fieldconfigurationscheme');
    for (const page of schemes) expectValid(responseValidator(`${API}fieldconfigurationscheme`), page, 'scheme page');
    const mappings = await allPages(fx, 'fieldconfigurationscheme/mapping', 2);
    for (const page of mappings) expectValid(responseValidator(`${API}fieldconfigurationscheme/mapping`), page, 'mapping page');
    const schemeIds = new Set(schemes.flatMap((p) => p.values.map((s: any) => s.id)));
    const configurationIds = new Set((await values('fieldconfiguration')).map((c: any) => String(c.id)));
    for (const item of mappings.flatMap((p) => p.values)) {
      expect(schemeIds.has(item.fieldConfigurationSchemeId)).toBe(true);
      expect(configurationIds.has(item.fieldConfigurationId)).toBe(true);
    }
    expect(mappings.flatMap((p) => p.values).filter((m: any) => m.issueTypeId === 'default')).toHaveLength(schemeIds.size);
  });
});

describe('paging as the spec declares it', () => {
  it.each([
    ['field/{fieldId}/context'],
    ['field/{fieldId}/context/issuetypemapping'],
    ['field/{fieldId}/context/projectmapping'],
    ['field/{fieldId}/context/defaultValue'],
    ['field/{fieldId}/context/{contextId}/option'],
    ['fieldconfiguration'],
    ['fieldconfiguration/{id}/fields'],
    ['fieldconfigurationscheme'],
    ['fieldconfigurationscheme/mapping'],
  ])('%s: the default page size is the spec default, and the cap', async (template) => {
    const field = (await customFields()).find(hasOptions);
    const [context] = await values(`field/${field.id}/context`);
    const [configuration] = await values('fieldconfiguration');
    const path = template.replace('{fieldId}', field.id).replace('{contextId}', context.id).replace('{id}', String(configuration.id));
    const expected = defaultMaxResults(`${API}${template}`);
    expect(expected).toEqual(expect.any(Number));
    expect((await fx.jira(path)).body.maxResults).toBe(expected);
    expect((await fx.jira(`${path}?maxResults=5000`)).body.maxResults).toBe(expected);
  });
});

describe('errors as Jira answers them', () => {
  it('404 for an unknown or a system field, a context of another field, an unknown field configuration', async () => {
    const notFound = { errorMessages: ['The custom field was not found.'], errors: {} };
    for (const path of [
      'field/customfield_99999/context',
      'field/summary/context',
      'field/nope/context/projectmapping',
      'field/nope/context/defaultValue',
    ]) {
      const response = await fx.jira(path);
      expect([path, response.status, response.body]).toEqual([path, 404, notFound]);
    }
    const [a, b] = (await customFields()).filter(hasOptions);
    const [contextOfB] = await values(`field/${b.id}/context`);
    const mismatch = await fx.jira(`field/${a.id}/context/${contextOfB.id}/option`);
    expect(mismatch).toMatchObject({ status: 404, body: { errorMessages: ['The context was not found.'], errors: {} } });
    expect((await fx.jira('fieldconfiguration/999/fields')).status).toBe(404);
    expect((await fx.jira('fieldconfigurationscheme/mapping?fieldConfigurationSchemeId=999')).status).toBe(404);
  });

  it("400 for the options of a field that has none: The custom field doesn't support options.", async () => {
    const plain = (await customFields()).find((f) => !hasOptions(f) && !f.scope);
    const [context] = await values(`field/${plain.id}/context`);
    const response = await fx.jira(`field/${plain.id}/context/${context.id}/option`);
    expect(response).toMatchObject({ status: 400, body: { errorMessages: ["The custom field doesn't support options."], errors: {} } });
  });
});

describe('admin mutations', () => {
  const cloud = () => fx.site.cloudId;

  it('a new custom field comes with a global context; options keep their display order, cascading ones after', async () => {
    const field = await fx.admin.addObject(cloud(), 'field', {
      name: 'Region',
      schema: { type: 'option-with-child', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:cascadingselect' },
    });
    const fieldId = String(field['id']);
    const [context, ...more] = await values(`field/${fieldId}/context`);
    expect(more).toEqual([]);
    expect(context).toMatchObject({ isGlobalContext: true, isAnyIssueType: true });

    const emea = await fx.admin.addObject(cloud(), 'fieldcontextoption', { contextId: context.id, value: 'EMEA' });
    const amer = await fx.admin.addObject(cloud(), 'fieldcontextoption', { contextId: context.id, value: 'AMER' });
    const berlin = await fx.admin.addObject(cloud(), 'fieldcontextoption', {
      contextId: context.id,
      value: 'Berlin',
      optionId: emea['id'] as string,
    });
    await fx.admin.patchObject(cloud(), 'fieldcontextoption', amer['id'] as string, { disabled: true });
    const options = await values(`field/${fieldId}/context/${context.id}/option`);
    expect(options).toEqual([
      { id: emea['id'], value: 'EMEA', disabled: false },
      { id: amer['id'], value: 'AMER', disabled: true },
      { id: berlin['id'], value: 'Berlin', disabled: false, optionId: emea['id'] as string },
    ]);
    expect(await values(`field/${fieldId}/context/${context.id}/option?onlyOptions=true`)).toHaveLength(2);

    await fx.admin.patchObject(cloud(), 'fieldcontext', context.id, {
      projectIds: ['10000'],
      defaultValue: { type: 'option.cascading', optionId: emea['id'] as string },
    });
    expect(await values(`field/${fieldId}/context/projectmapping`)).toEqual([{ contextId: context.id, projectId: '10000' }]);
    expect(await values(`field/${fieldId}/context/defaultValue`)).toEqual([
      { contextId: context.id, type: 'option.cascading', optionId: emea['id'] as string },
    ]);

    await expect(
      fx.admin.addObject(cloud(), 'fieldcontextoption', { contextId: context.id, value: 'x', optionId: berlin['id'] as string }),
    ).rejects.toMatchObject({
      status: 400,
    });
    await fx.admin.deleteObject(cloud(), 'fieldcontextoption', emea['id'] as string);
    expect((await values(`field/${fieldId}/context/${context.id}/option`)).map((o: any) => o.value)).toEqual(['AMER']);
    // The default named the deleted option: Jira drops it.
    expect(await values(`field/${fieldId}/context/defaultValue`)).toEqual([]);

    await fx.admin.deleteObject(cloud(), 'field', field['id'] as string);
    expect((await fx.jira(`field/${fieldId}/context`)).status).toBe(404);
    const left = await fx.admin.listObjects(cloud(), 'fieldcontextoption');
    expect(left.filter((o) => o['contextId'] === context.id)).toEqual([]);
  });

  it('refuses an option for a context of a field without options, and a context for a system field', async () => {
    const plain = (await customFields()).find((f) => !hasOptions(f) && !f.scope);
    const [context] = await values(`field/${plain.id}/context`);
    await expect(fx.admin.addObject(cloud(), 'fieldcontextoption', { contextId: context.id, value: 'x' })).rejects.toMatchObject({ status: 400 });
    await expect(fx.admin.addObject(cloud(), 'fieldcontext', { fieldId: 'summary' })).rejects.toMatchObject({ status: 400 });
  });

  it("a field configuration's items change by merge patch; a new field appears in every configuration", async () => {
    const [configuration] = await fx.admin.listObjects(cloud(), 'fieldconfiguration');
    const id = configuration!['id'] as number;
    const item = async (fieldId: string) => (await values(`fieldconfiguration/${id}/fields`)).find((i: any) => i.id === fieldId);
    await fx.admin.patchObject(cloud(), 'fieldconfiguration', id, { fields: { duedate: { isRequired: true, description: 'When it is due.' } } });
    expect(await item('duedate')).toEqual({ id: 'duedate', isHidden: false, isRequired: true, description: 'When it is due.' });
    await fx.admin.patchObject(cloud(), 'fieldconfiguration', id, { fields: { duedate: null } });
    expect(await item('duedate')).toEqual({ id: 'duedate', isHidden: false, isRequired: false });

    const field = await fx.admin.addObject(cloud(), 'field', { name: 'Audit Note' });
    for (const c of await values('fieldconfiguration')) {
      expect((await values(`fieldconfiguration/${c.id}/fields`)).some((i: any) => i.id === field['id'])).toBe(true);
    }
    const site = await fx.admin.getSite(cloud());
    const listed = (await Promise.all((await values('fieldconfiguration')).map((c: any) => values(`fieldconfiguration/${c.id}/fields`)))).flat();
    expect(site.objectCounts.fieldconfigurationitem).toBe(listed.length);
  });

  it('field configuration schemes map issue types by merge patch', async () => {
    const scheme = await fx.admin.addObject(cloud(), 'fieldconfigurationscheme', { name: 'Audit scheme', mappings: { '10001': '10000' } });
    const rows = await values(`fieldconfigurationscheme/mapping?fieldConfigurationSchemeId=${String(scheme['id'])}`);
    expect(rows.map((r: any) => r.issueTypeId)).toEqual(['default', '10001']);
  });
});

describe('generation', () => {
  it('a large site has 2,000 custom fields, 500 of them with contexts with options', () => {
    const site = generateSite(8, 'large', 'https://big.atlassian.net');
    expect(site.field.filter((f) => f['custom'] === true)).toHaveLength(2000);
    expect(new Set(site.fieldcontextoption.map((o) => o['fieldId'])).size).toBe(500);
    const contextsOf = new Map<string, number>();
    for (const c of site.fieldcontext) contextsOf.set(c['fieldId'] as string, (contextsOf.get(c['fieldId'] as string) ?? 0) + 1);
    for (const field of site.field) expect(field['contextsCount']).toBe(contextsOf.get(field['id'] as string) ?? 0);
    // A project belongs to at most one context of a field.
    const seen = new Set<string>();
    for (const c of site.fieldcontext)
      for (const p of c['projectIds'] as string[]) {
        const key = `${String(c['fieldId'])}:${p}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
  });
});
