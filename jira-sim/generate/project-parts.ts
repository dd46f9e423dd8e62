import type { JsonObject } from '../types';
import type { GenContext } from './context';
import type { ProjectPlan } from './projects';
import { GROUP_WORDS, nthName } from './words';

/**
 * The projects group: project categories, components and versions. Components and versions are stored
 * with their `projectId`; a version also with `sequence`, its place in the project's release order.
 */

/** The first four are the categories buildProjects assigns (same ids, names and descriptions). */
const PROJECT_CATEGORY_NAMES = ['Engineering', 'Operations', 'Customer', 'Internal'];

export function buildProjectCategories(ctx: GenContext, count: number): JsonObject[] {
  const categories: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(10000 + i);
    const base = PROJECT_CATEGORY_NAMES[i];
    const name = base ?? nthName(GROUP_WORDS, i - PROJECT_CATEGORY_NAMES.length).replace(/^./, (c) => c.toUpperCase());
    categories.push({ self: ctx.restUrl(`projectCategory/${id}`), id, name, description: `${name} projects` });
  }
  return categories;
}

const COMPONENT_WORDS = ['Backend', 'Frontend', 'API', 'Database', 'Mobile', 'Documentation', 'Infrastructure', 'Billing', 'Search', 'Reporting'];
export const ASSIGNEE_TYPES = ['PROJECT_DEFAULT', 'COMPONENT_LEAD', 'PROJECT_LEAD', 'UNASSIGNED'] as const;

/** Components spread over the projects (one project may have many, some none). */
export function buildComponents(ctx: GenContext, count: number, projects: ProjectPlan[]): JsonObject[] {
  const rng = ctx.rng('component');
  const perProject = new Map<string, number>();
  const components: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(10000 + i);
    const project = i < projects.length ? projects[i]! : rng.pick(projects);
    const n = perProject.get(project.id) ?? 0;
    perProject.set(project.id, n + 1);
    const component: JsonObject = {
      self: ctx.restUrl(`component/${id}`),
      id,
      name: nthName(COMPONENT_WORDS, n),
      description: rng.chance(0.6) ? `${nthName(COMPONENT_WORDS, n)} work of ${project.name}.` : '',
      assigneeType: rng.pick(ASSIGNEE_TYPES),
      projectId: Number(project.id),
    };
    if (rng.chance(0.7)) component['lead'] = ctx.userBean(rng.pick(ctx.users));
    components.push(component);
  }
  return components;
}

const DAY_MS = 86_400_000;

/** Versions, mostly in software projects, each project's in release order (`sequence` 1, 2, ...). */
export function buildVersions(ctx: GenContext, count: number, projects: ProjectPlan[]): JsonObject[] {
  const rng = ctx.rng('version');
  const software = projects.filter((p) => p.typeKey === 'software');
  const owners = software.length > 0 ? software : projects;
  const perProject = new Map<string, number>();
  const versions: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(10000 + i);
    const project = i < owners.length ? owners[i]! : rng.chance(0.9) ? rng.pick(owners) : rng.pick(projects);
    const n = (perProject.get(project.id) ?? 0) + 1;
    perProject.set(project.id, n);
    const released = rng.chance(0.6);
    const start = ctx.epochMs + rng.int(0, 3 * 365) * DAY_MS;
    const version: JsonObject = {
      self: ctx.restUrl(`version/${id}`),
      id,
      name: `${n}.${rng.int(0, 9)}`,
      description: rng.chance(0.5) ? `Release ${n} of ${project.name}.` : '',
      archived: released && rng.chance(0.3),
      released,
      projectId: Number(project.id),
      sequence: n,
    };
    if (rng.chance(0.8)) {
      const startDate = isoDate(start);
      const releaseDate = isoDate(start + rng.int(7, 90) * DAY_MS);
      version['startDate'] = startDate;
      version['releaseDate'] = releaseDate;
      version['userStartDate'] = userDate(startDate);
      version['userReleaseDate'] = userDate(releaseDate);
      version['overdue'] = !released;
    }
    versions.push(version);
  }
  return versions;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The date as the caller's locale shows it ("12/Apr/23"), as Jira's userReleaseDate does. */
export function userDate(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return `${Number(day)}/${MONTHS[Number(month) - 1]}/${String(year).slice(2)}`;
}
