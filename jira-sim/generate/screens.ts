import type { JsonObject } from '../types';
import type { GenContext } from './context';
import type { ProjectPlan } from './projects';
import { SCREEN_KINDS } from './words';

const SYSTEM_SCREENS = [
  { name: 'Default Screen', description: 'Allows to update all system fields.' },
  { name: 'Resolve Issue Screen', description: 'Allows to set resolution, change fix versions and assign an issue.' },
  { name: 'Workflow Screen', description: 'This screen is used in the workflow and enables you to assign issues.' },
];

/**
 * Name for the i-th item that is derived per project ("ABC: Bug Screen"): cycles projects first, then kinds,
 * and numbers a further round so names stay unique on sites with more items than combinations.
 */
export function perProjectName(projects: ProjectPlan[], kinds: readonly string[], index: number): { project: ProjectPlan; name: string } {
  const project = projects[index % projects.length] as ProjectPlan;
  const kind = kinds[Math.floor(index / projects.length) % kinds.length] as string;
  const round = Math.floor(index / (projects.length * kinds.length));
  return { project, name: round === 0 ? `${project.key}: ${kind}` : `${project.key}: ${kind} ${round + 1}` };
}

/** Screen objects (GET /screens): numeric ids, names, descriptions, a scope for team-managed projects. */
export function buildScreens(ctx: GenContext, count: number, projects: ProjectPlan[]): JsonObject[] {
  const rng = ctx.rng('screen');
  const screens: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const system = SYSTEM_SCREENS[i];
    const id = system ? i + 1 : 10000 + i;
    if (system) {
      screens.push({ id, name: system.name, description: system.description });
      continue;
    }
    const { project, name } = perProjectName(projects, SCREEN_KINDS, i - SYSTEM_SCREENS.length);
    const screen: JsonObject = { id, name, description: rng.chance(0.6) ? `Screen of the ${project.name} project.` : '' };
    if (project.teamManaged) screen['scope'] = { type: 'PROJECT', project: { id: project.id } };
    screens.push(screen);
  }
  return screens;
}
