import type { JsonObject } from '../types';
import type { GenContext } from './context';
import { PROJECT_SUFFIXES, PROJECT_WORDS } from './words';

/** The identity of a project, decided before the objects that reference projects are generated. */
export interface ProjectPlan {
  id: string;
  key: string;
  name: string;
  /** Team-managed ("next-gen") projects own project-scoped issue types, statuses and workflows. */
  teamManaged: boolean;
  typeKey: 'software' | 'business' | 'service_desk';
}

export function planProjects(ctx: GenContext, count: number): ProjectPlan[] {
  const rng = ctx.rng('project-plan');
  const usedKeys = new Set<string>();
  const plans: ProjectPlan[] = [];
  for (let i = 0; i < count; i++) {
    const word = PROJECT_WORDS[i % PROJECT_WORDS.length] as string;
    const suffix = PROJECT_SUFFIXES[Math.floor(i / PROJECT_WORDS.length) % PROJECT_SUFFIXES.length] as string;
    const round = Math.floor(i / (PROJECT_WORDS.length * PROJECT_SUFFIXES.length));
    const name = round === 0 ? `${word} ${suffix}` : `${word} ${suffix} ${round + 1}`;
    plans.push({
      id: String(10000 + i),
      key: uniqueKey(`${word}${suffix}`, usedKeys),
      name,
      teamManaged: i > 0 && rng.chance(0.3),
      typeKey: rng.chance(0.7) ? 'software' : rng.chance(0.6) ? 'business' : 'service_desk',
    });
  }
  return plans;
}

/** Project keys: upper-case letters from the name, made unique with a numeric suffix (ABC, ABC2, ...). */
function uniqueKey(name: string, used: Set<string>): string {
  const letters = name.replace(/[^A-Za-z]/g, '').toUpperCase();
  const base = letters.slice(0, 3) + letters.slice(-1);
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}${n}`;
  used.add(key);
  return key;
}

export function projectAvatarUrls(siteUrl: string, projectId: string, avatarId: number): JsonObject {
  const base = `${siteUrl}/rest/api/3/universal_avatar/view/type/project/avatar/${avatarId}`;
  return {
    '48x48': `${base}?size=large&pid=${projectId}`,
    '24x24': `${base}?size=small&pid=${projectId}`,
    '16x16': `${base}?size=xsmall&pid=${projectId}`,
    '32x32': `${base}?size=medium&pid=${projectId}`,
  };
}

/** Full Project objects, holding every field any `expand` can reveal; the REST view trims them. */
export function buildProjects(ctx: GenContext, plans: ProjectPlan[], issueTypesOf: (plan: ProjectPlan) => JsonObject[]): JsonObject[] {
  const rng = ctx.rng('project');
  const categories = ['Engineering', 'Operations', 'Customer', 'Internal'].map((name, i) => ({
    self: ctx.restUrl(`projectCategory/${10000 + i}`),
    id: String(10000 + i),
    name,
    description: `${name} projects`,
  }));
  return plans.map((plan) => {
    const project: JsonObject = {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      self: ctx.restUrl(`project/${plan.id}`),
      id: plan.id,
      key: plan.key,
      description: rng.chance(0.7) ? `${plan.name}: work tracked by the ${plan.name.split(' ')[0]} team.` : '',
      lead: ctx.userBean(rng.pick(ctx.users)),
      issueTypes: issueTypesOf(plan),
      name: plan.name,
      avatarUrls: projectAvatarUrls(ctx.siteUrl, plan.id, 10400 + rng.int(0, 30)),
      projectTypeKey: plan.typeKey,
      simplified: plan.teamManaged,
      style: plan.teamManaged ? 'next-gen' : 'classic',
      isPrivate: false,
      properties: {},
      uuid: rng.uuid(),
      favourite: rng.chance(0.1),
      insight: { totalIssueCount: rng.int(0, 25000), lastIssueUpdateTime: ctx.timestamp(rng) },
    };
    if (rng.chance(0.3)) project['url'] = `https://wiki.example.com/${plan.key.toLowerCase()}`;
    if (rng.chance(0.5)) project['projectCategory'] = rng.pick(categories);
    return project;
  });
}
