import type { Prng } from '../prng';
import type { JsonObject } from '../types';
import type { GenContext } from './context';
import { customTypeKey } from './custom-field-types';
import type { ProjectPlan } from './projects';
import { perProjectName } from './screens';

const CONFIGURATION_KINDS = ['Field Configuration', 'Bug Field Configuration', 'Support Field Configuration'];
const SCHEME_KINDS = ['Field Configuration Scheme', 'Bug Field Configuration Scheme'];

/** Fields whose value Jira always needs: required in every field configuration, never hidden. */
export const ALWAYS_REQUIRED = new Set(['summary', 'issuetype']);

/** Fields a field configuration lists: the ones an issue can be edited in (orderable), company-managed only. */
export function isConfigurable(field: JsonObject): boolean {
  return field['orderable'] === true && field['scope'] === undefined;
}

/** The renderer of a text field (wiki or plain text); other fields have none. */
export function defaultRenderer(field: JsonObject): string | undefined {
  const id = field['id'];
  if (id === 'description' || id === 'environment' || customTypeKey(field) === 'textarea') return 'atlassian-wiki-renderer';
  if (customTypeKey(field) === 'textfield') return 'jira-text-renderer';
  return undefined;
}

/**
 * Field configurations (GET /fieldconfiguration) with `fields`: per field id, what the configuration
 * changes from the defaults (required, hidden, description, renderer). GET /fieldconfiguration/{id}/fields
 * lists every configurable field of the site with these applied.
 */
export function buildFieldConfigurations(ctx: GenContext, count: number, projects: ProjectPlan[], fields: JsonObject[]): JsonObject[] {
  const rng = ctx.rng('fieldconfiguration');
  const configurable = fields.filter((f) => isConfigurable(f) && !ALWAYS_REQUIRED.has(f['id'] as string));
  const owners = projects.filter((p) => !p.teamManaged);
  const configurations: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const id = 10000 + i;
    if (i === 0) {
      configurations.push({
        id,
        name: 'Default Field Configuration',
        description: 'The default field configuration',
        isDefault: true,
        fields: {
          environment: {
            description: 'For example operating system, software platform and/or hardware specifications (include as appropriate for the issue).',
          },
        },
      });
      continue;
    }
    const { project, name } = perProjectName(owners.length > 0 ? owners : projects, CONFIGURATION_KINDS, i - 1);
    const changed: JsonObject = {};
    for (const field of rng.sample(configurable, rng.int(3, 30))) changed[field['id'] as string] = itemChange(rng, field);
    configurations.push({ id, name, description: rng.chance(0.5) ? `Fields of ${project.name}.` : '', isDefault: false, fields: changed });
  }
  return configurations;
}

function itemChange(rng: Prng, field: JsonObject): JsonObject {
  const roll = rng.next();
  if (roll < 0.4) return { isRequired: true };
  if (roll < 0.7) return { isHidden: true };
  const renderer = defaultRenderer(field);
  if (roll < 0.85 && renderer) return { renderer: renderer === 'jira-text-renderer' ? 'atlassian-wiki-renderer' : 'jira-text-renderer' };
  return { description: `Fill in ${String(field['name']).toLowerCase()} when known.` };
}

/**
 * Field configuration schemes (GET /fieldconfigurationscheme) with `mappings`: issue type id (or
 * "default", for every other issue type) to field configuration id, as GET /fieldconfigurationscheme/mapping lists them.
 */
export function buildFieldConfigurationSchemes(
  ctx: GenContext,
  count: number,
  projects: ProjectPlan[],
  configurationIds: number[],
  issueTypeIds: string[],
): JsonObject[] {
  const rng = ctx.rng('fieldconfigurationscheme');
  const owners = projects.filter((p) => !p.teamManaged);
  const schemes: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const { project, name } = perProjectName(owners.length > 0 ? owners : projects, SCHEME_KINDS, i);
    const mappings: JsonObject = { default: String(rng.pick(configurationIds)) };
    for (const typeId of rng.sample(issueTypeIds, rng.int(0, 3))) mappings[typeId] = String(rng.pick(configurationIds));
    schemes.push({ id: String(10000 + i), name, description: rng.chance(0.5) ? `Field configurations of ${project.name}.` : '', mappings });
  }
  return schemes;
}
