import type { Prng } from '../prng';
import type { JsonObject } from '../types';
import type { GenContext } from './context';
import { isConfigurable } from './field-configurations';
import type { ProjectPlan } from './projects';
import { perProjectName } from './screens';

/** Tab names after the first ("Field Tab", Jira's name for a new screen's tab), numbered past the list. */
const TAB_NAMES = ['Details', 'People', 'Dates', 'Planning', 'Technical', 'Support', 'Release', 'Custom'];
const SCREEN_SCHEME_KINDS = ['Screen Scheme', 'Bug Screen Scheme', 'Default Screen Scheme'];
const ISSUE_TYPE_SCREEN_SCHEME_KINDS = ['Issue Type Screen Scheme', 'Service Issue Type Screen Scheme'];

export function tabName(position: number): string {
  if (position === 0) return 'Field Tab';
  const name = TAB_NAMES[(position - 1) % TAB_NAMES.length] as string;
  const round = Math.floor((position - 1) / TAB_NAMES.length);
  return round === 0 ? name : `${name} ${round + 1}`;
}

/**
 * Screen tabs (GET /screens/{id}/tabs) with `screenId`, `position` (the tab's place on its screen) and
 * `fieldIds` (GET /screens/{id}/tabs/{tabId}/fields, in order; names are read from the fields). Every
 * screen has a first tab; the other tabs go to random screens. A field is on at most one tab of a screen.
 */
export function buildScreenTabs(ctx: GenContext, count: number, screens: JsonObject[], fields: JsonObject[]): JsonObject[] {
  const rng = ctx.rng('screentab');
  const tabsOf = screens.map(() => 1);
  for (let extra = count - screens.length; extra > 0; extra--) tabsOf[rng.int(0, screens.length - 1)]! += 1;
  const placeable = fields.filter(isConfigurable).map((f) => f['id'] as string);
  const system = placeable.filter((id) => !id.startsWith('customfield_'));
  const tabs: JsonObject[] = [];
  screens.forEach((screen, s) => {
    const tabCount = Math.min(tabsOf[s] as number, count - tabs.length);
    const onScreen = new Set<string>();
    for (let position = 0; position < tabCount; position++) {
      const pool = (position === 0 ? system : placeable).filter((id) => !onScreen.has(id));
      const fieldIds = position === 0 ? firstTabFields(rng, pool) : rng.sample(pool, rng.int(1, 8));
      for (const id of fieldIds) onScreen.add(id);
      tabs.push({ id: 10000 + tabs.length, screenId: screen['id'] as number, name: tabName(position), position, fieldIds });
    }
  });
  return tabs;
}

/** The first tab starts with what every issue screen has, then a few more system fields. */
function firstTabFields(rng: Prng, pool: string[]): string[] {
  const lead = ['summary', 'issuetype'].filter((id) => pool.includes(id));
  return [
    ...lead,
    ...rng.sample(
      pool.filter((id) => !lead.includes(id)),
      rng.int(2, 10),
    ),
  ];
}

/**
 * Screen schemes (GET /screenscheme): the screen per issue operation; `default` always, `create`, `edit`
 * and `view` when they differ. Id 1 is Jira's Default Screen Scheme.
 */
export function buildScreenSchemes(ctx: GenContext, count: number, projects: ProjectPlan[], screenIds: number[]): JsonObject[] {
  const rng = ctx.rng('screenscheme');
  const owners = classic(projects);
  const schemes: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    if (i === 0) {
      schemes.push({ id: 1, name: 'Default Screen Scheme', description: 'Default Screen Scheme', screens: { default: screenIds[0] ?? 1 } });
      continue;
    }
    const { project, name } = perProjectName(owners, SCREEN_SCHEME_KINDS, i - 1);
    const screens: JsonObject = { default: rng.pick(screenIds) };
    for (const operation of ['create', 'edit', 'view']) if (rng.chance(0.3)) screens[operation] = rng.pick(screenIds);
    schemes.push({ id: 10000 + i, name, description: rng.chance(0.5) ? `Screens of ${project.name}.` : '', screens });
  }
  return schemes;
}

/**
 * Issue type screen schemes (GET /issuetypescreenscheme) with `mappings`: issue type id (or "default")
 * to screen scheme id, as GET /issuetypescreenscheme/mapping lists them. Id 1 is Jira's default one.
 */
export function buildIssueTypeScreenSchemes(
  ctx: GenContext,
  count: number,
  projects: ProjectPlan[],
  screenSchemeIds: number[],
  issueTypeIds: string[],
): JsonObject[] {
  const rng = ctx.rng('issuetypescreenscheme');
  const owners = classic(projects);
  const schemes: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    if (i === 0) {
      schemes.push({
        id: '1',
        name: 'Default Issue Type Screen Scheme',
        description: 'The default issue type screen scheme',
        mappings: { default: String(screenSchemeIds[0] ?? 1) },
      });
      continue;
    }
    const { project, name } = perProjectName(owners, ISSUE_TYPE_SCREEN_SCHEME_KINDS, i - 1);
    const mappings: JsonObject = { default: String(rng.pick(screenSchemeIds)) };
    for (const typeId of rng.sample(issueTypeIds, rng.int(0, 3))) mappings[typeId] = String(rng.pick(screenSchemeIds));
    schemes.push({ id: String(10000 + i), name, description: rng.chance(0.5) ? `Screen schemes of ${project.name}.` : '', mappings });
  }
  return schemes;
}

function classic(projects: ProjectPlan[]): ProjectPlan[] {
  const owners = projects.filter((p) => !p.teamManaged);
  return owners.length > 0 ? owners : projects;
}
