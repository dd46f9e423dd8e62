import type { JsonObject } from '../types';
import type { GenContext } from './context';
import type { ProjectPlan } from './projects';
import { STATUS_WORDS, nthName } from './words';

const SYSTEM_STATUSES = [
  { name: 'To Do', category: 'TODO' },
  { name: 'In Progress', category: 'IN_PROGRESS' },
  { name: 'Done', category: 'DONE' },
  { name: 'In Review', category: 'IN_PROGRESS' },
];

/** JiraStatus objects (the shape of GET /statuses/search): no self, no iconUrl. */
export function buildStatuses(ctx: GenContext, count: number, projects: ProjectPlan[]): JsonObject[] {
  const rng = ctx.rng('status');
  const teamProjects = projects.filter((p) => p.teamManaged);
  const statuses: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const system = SYSTEM_STATUSES[i];
    const name = system ? system.name : nthName(STATUS_WORDS, i - SYSTEM_STATUSES.length);
    const category = system ? system.category : categoryFor(name, rng.next());
    const scoped = !system && teamProjects.length > 0 && rng.chance(0.3);
    statuses.push({
      id: String(10000 + i),
      name,
      description: system || rng.chance(0.5) ? `${name} status.` : '',
      scope: scoped ? { type: 'PROJECT', project: { id: rng.pick(teamProjects).id } } : { type: 'GLOBAL' },
      statusCategory: category,
    });
  }
  return statuses;
}

function categoryFor(name: string, roll: number): string {
  if (/Done|Released|Deployed|Verified|Cancelled|Archived|Declined|Approved/.test(name)) return 'DONE';
  if (/Planned|Triage|Backlog|Design|Refinement|Ready for Development|Scheduled/.test(name)) return 'TODO';
  return roll < 0.8 ? 'IN_PROGRESS' : 'TODO';
}
