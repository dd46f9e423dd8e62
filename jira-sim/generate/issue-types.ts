import type { JsonObject } from '../types';
import type { GenContext } from './context';
import type { ProjectPlan } from './projects';
import { ISSUE_TYPE_WORDS, nthName } from './words';

const SYSTEM_TYPES = [
  { name: 'Task', description: 'A small, distinct piece of work.', hierarchyLevel: 0, avatarId: 10318 },
  { name: 'Sub-task', description: 'A small piece of work that is part of a larger task.', hierarchyLevel: -1, avatarId: 10316 },
  { name: 'Story', description: 'A functionality or feature expressed as a user goal.', hierarchyLevel: 0, avatarId: 10315 },
  { name: 'Bug', description: 'A problem or error.', hierarchyLevel: 0, avatarId: 10303 },
  { name: 'Epic', description: 'A collection of related bugs, stories, and tasks.', hierarchyLevel: 1, avatarId: 10307 },
];

/** How many company-wide issue types a site has beyond the system ones; the rest belong to team-managed projects. */
const GLOBAL_EXTRA = 20;

export function issueTypeIconUrl(siteUrl: string, avatarId: number): string {
  return `${siteUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${avatarId}?size=medium`;
}

export function buildIssueTypes(ctx: GenContext, count: number, projects: ProjectPlan[]): JsonObject[] {
  const rng = ctx.rng('issuetype');
  const teamProjects = projects.filter((p) => p.teamManaged);
  const types: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(10000 + i);
    const system = SYSTEM_TYPES[i];
    const scoped = !system && i >= SYSTEM_TYPES.length + GLOBAL_EXTRA && teamProjects.length > 0;
    const avatarId = system ? system.avatarId : 10300 + rng.int(0, 30);
    const name = system ? system.name : nthName(ISSUE_TYPE_WORDS, i - SYSTEM_TYPES.length);
    const hierarchyLevel = system ? system.hierarchyLevel : 0;
    const type: JsonObject = {
      self: ctx.restUrl(`issuetype/${id}`),
      id,
      description: system ? system.description : `${name} issues.`,
      iconUrl: issueTypeIconUrl(ctx.siteUrl, avatarId),
      name,
      subtask: hierarchyLevel === -1,
      avatarId,
      hierarchyLevel,
    };
    if (scoped) {
      const project = teamProjects[(i - SYSTEM_TYPES.length - GLOBAL_EXTRA) % teamProjects.length] as ProjectPlan;
      type['entityId'] = rng.uuid();
      type['scope'] = { type: 'PROJECT', project: { id: project.id } };
    }
    types.push(type);
  }
  return types;
}

export function projectIdOfScope(object: JsonObject): string | undefined {
  const scope = object['scope'];
  if (typeof scope !== 'object' || scope === null || Array.isArray(scope)) return undefined;
  const project = scope['project'];
  if (typeof project !== 'object' || project === null || Array.isArray(project)) return undefined;
  return typeof project['id'] === 'string' ? project['id'] : undefined;
}
