import type { Prng } from '../prng';
import type { JsonObject } from '../types';
import type { GenContext } from './context';
import { ROLE_WORDS, nthName } from './words';

const SYSTEM_ROLES = [
  { name: 'Administrators', description: 'A project role that represents administrators in a project', admin: true },
  { name: 'Member', description: 'A project role that represents members in a project', admin: false },
  { name: 'Viewer', description: 'A project role that represents viewers in a project', admin: false },
  {
    name: 'atlassian-addons-project-access',
    description: 'A project role that represents Connect add-ons declaring a scope that requires more than read issue permissions',
    admin: false,
  },
];

/** ProjectRole objects (GET /role) with their default actors: groups and users that exist on the site. */
export function buildRoles(ctx: GenContext, count: number): JsonObject[] {
  const rng = ctx.rng('projectrole');
  const roles: JsonObject[] = [];
  let actorId = 10000;
  for (let i = 0; i < count; i++) {
    const system = SYSTEM_ROLES[i];
    const id = 10002 + i;
    const name = system ? system.name : nthName(ROLE_WORDS, i - SYSTEM_ROLES.length);
    const actors: JsonObject[] = [];
    for (let a = rng.int(1, 4); a > 0; a--) actors.push(roleActor(ctx, rng, actorId++));
    roles.push({
      self: ctx.restUrl(`role/${id}`),
      name,
      id,
      description: system ? system.description : `A project role that represents ${name.toLowerCase()} in a project`,
      actors: dedupeActors(actors),
      currentUserRole: rng.chance(0.3),
      admin: system?.admin ?? false,
      default: i === 1,
      roleConfigurable: true,
      translatedName: name,
    });
  }
  return roles;
}

export function roleActor(ctx: GenContext, rng: Prng, id: number): JsonObject {
  if (rng.chance(0.5)) {
    const group = rng.pick(ctx.groups);
    return {
      id,
      displayName: group.name,
      type: 'atlassian-group-role-actor',
      name: group.name,
      actorGroup: { name: group.name, displayName: group.name, groupId: group.groupId },
    };
  }
  const user = rng.pick(ctx.users);
  return {
    id,
    displayName: user.displayName,
    type: 'atlassian-user-role-actor',
    actorUser: { accountId: user.accountId },
    avatarUrl: `https://secure.gravatar.com/avatar/${user.accountId.slice(-24)}?d=retro&s=48`,
  };
}

/** Jira keeps one actor per group/user in a role. */
export function dedupeActors(actors: JsonObject[]): JsonObject[] {
  const seen = new Set<string>();
  return actors.filter((actor) => {
    const group = actor['actorGroup'] as JsonObject | undefined;
    const user = actor['actorUser'] as JsonObject | undefined;
    const key = String(group?.['groupId'] ?? user?.['accountId']);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
