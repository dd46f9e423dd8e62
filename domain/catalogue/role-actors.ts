// How a role's actors are normalised, for the project roles (default actors) and each project's
// role actors alike.
import { unordered } from '../catalogue-kit';

/** Actor ids are regenerated (Salto omits them); display data and deprecated names duplicate actorUser.accountId / actorGroup. */
export const ROLE_ACTOR_DROPPED_PATHS = ['actors.*.id', 'actors.*.displayName', 'actors.*.avatarUrl', 'actors.*.name', 'actors.*.user'];

/** Actors are a set: who holds the role, in no order Jira keeps. */
export const ROLE_ACTORS_UNORDERED = unordered('actors', 'type', 'actorUser.accountId', 'actorGroup.groupId', 'actorGroup.name');
