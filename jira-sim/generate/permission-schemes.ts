import type { Prng } from '../prng';
import type { JsonObject } from '../types';
import type { GenContext } from './context';
import type { ProjectPlan } from './projects';
import { perProjectName } from './screens';

export const PERMISSION_KEYS = [
  'ADMINISTER_PROJECTS',
  'BROWSE_PROJECTS',
  'VIEW_DEV_TOOLS',
  'VIEW_READONLY_WORKFLOW',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'SCHEDULE_ISSUES',
  'MOVE_ISSUES',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'RESOLVE_ISSUES',
  'CLOSE_ISSUES',
  'MODIFY_REPORTER',
  'DELETE_ISSUES',
  'LINK_ISSUES',
  'SET_ISSUE_SECURITY',
  'VIEW_VOTERS_AND_WATCHERS',
  'MANAGE_WATCHERS',
  'ADD_COMMENTS',
  'EDIT_ALL_COMMENTS',
  'EDIT_OWN_COMMENTS',
  'DELETE_ALL_COMMENTS',
  'DELETE_OWN_COMMENTS',
  'CREATE_ATTACHMENTS',
  'DELETE_ALL_ATTACHMENTS',
  'DELETE_OWN_ATTACHMENTS',
  'WORK_ON_ISSUES',
  'EDIT_OWN_WORKLOGS',
  'EDIT_ALL_WORKLOGS',
  'DELETE_OWN_WORKLOGS',
  'DELETE_ALL_WORKLOGS',
  'MANAGE_SPRINTS_PERMISSION',
];

const KINDS = ['Permission Scheme', 'Restricted Permission Scheme', 'Service Desk Permission Scheme'];

/**
 * PermissionScheme objects with `permissions` grants whose holders are existing roles, groups and users.
 * Grant ids are unique across the site, as in Jira.
 */
export function buildPermissionSchemes(ctx: GenContext, count: number, projects: ProjectPlan[], roleIds: number[]): JsonObject[] {
  const rng = ctx.rng('permissionscheme');
  const schemes: JsonObject[] = [];
  let grantId = 10000;
  for (let i = 0; i < count; i++) {
    const id = 10000 + i;
    const name = i === 0 ? 'Default Permission Scheme' : perProjectName(projects, KINDS, i - 1).name;
    const keys = i === 0 ? PERMISSION_KEYS : rng.sample(PERMISSION_KEYS, rng.int(12, 22));
    const permissions: JsonObject[] = [];
    for (const permission of keys) {
      for (let h = rng.int(1, 2); h > 0; h--) {
        permissions.push({
          id: grantId,
          self: ctx.restUrl(`permissionscheme/${id}/permission/${grantId}`),
          holder: holder(ctx, rng, roleIds),
          permission,
        });
        grantId++;
      }
    }
    schemes.push({
      expand: 'permissions,user,group,projectRole,field,all',
      id,
      self: ctx.restUrl(`permissionscheme/${id}`),
      name,
      description: i === 0 ? 'This is the default Permission Scheme. Any new projects that are created will be assigned this scheme.' : '',
      permissions,
    });
  }
  return schemes;
}

function holder(ctx: GenContext, rng: Prng, roleIds: number[]): JsonObject {
  const roll = rng.next();
  if (roll < 0.5) {
    const roleId = String(rng.pick(roleIds));
    return { type: 'projectRole', parameter: roleId, value: roleId, expand: 'projectRole' };
  }
  if (roll < 0.7) {
    const group = rng.pick(ctx.groups);
    return { type: 'group', parameter: group.name, value: group.groupId, expand: 'group' };
  }
  if (roll < 0.8) {
    const user = rng.pick(ctx.users);
    return { type: 'user', parameter: user.accountId, value: user.accountId, expand: 'user' };
  }
  if (roll < 0.9) return { type: 'applicationRole', parameter: 'jira-software', value: 'jira-software' };
  return { type: rng.pick(['reporter', 'assignee', 'projectLead']) };
}
