// The boards group: shared filters (with their issue navigator columns), dashboards and their
// gadgets, and Jira Software boards (with their configuration). Pure data, like the catalogue.
import { childSpec, rules, spec, unordered, type ConfigTypeSpec } from '../catalogue-kit';

export const BOARD_GROUP_TYPES = ['filter', 'dashboard', 'dashboardgadget', 'board'] as const;

export type BoardGroupType = (typeof BOARD_GROUP_TYPES)[number];

/**
 * Share and edit permissions are sets (Jira keeps no order users could set); the permission ids are
 * regenerated when a filter's or dashboard's sharing is saved (Salto omits SharePermission.id), and the
 * project and role inside a permission are copies of those objects: their ids identify them.
 */
const SHARE_LISTS = ['sharePermissions', 'editPermissions'];
// The subset of Project that share permissions carry (besides self, id and avatarUrls, see the spec).
const SHARE_COPIES = ['key', 'name', 'projectTypeKey', 'simplified', 'assigneeType', 'roles'];
const shareRules = {
  droppedPaths: SHARE_LISTS.flatMap((list) => [
    `${list}.*.id`,
    ...SHARE_COPIES.map((k) => `${list}.*.project.${k}`),
    `${list}.*.role.name`,
    `${list}.*.role.description`,
    `${list}.*.role.actors`,
  ]),
  unorderedArrays: SHARE_LISTS.map((list) => unordered(list, 'type', 'project.id', 'role.id', 'group.groupId', 'group.name', 'user.accountId')),
};

const FILTER_RULES = rules({
  droppedPaths: [
    ...shareRules.droppedPaths,
    // Per calling user, usage counters and links derived from the id or the JQL.
    'favourite',
    'favouritedCount',
    'isWritable',
    'approximateLastUsed',
    'viewUrl',
    'searchUrl',
    // A column's label is the display name of its field: a copy of the field, not of the filter.
    'columns.*.label',
  ],
  // `columns` keeps its order: it is the column order of the issue list.
  unorderedArrays: shareRules.unorderedArrays,
});

const DASHBOARD_RULES = rules({
  droppedPaths: [
    ...shareRules.droppedPaths,
    // Per calling user (favourite, rank among the caller's dashboards, edit right), popularity, view URL.
    'isFavourite',
    'isWritable',
    'rank',
    'popularity',
    'view',
  ],
  unorderedArrays: shareRules.unorderedArrays,
});

const BOARD_RULES = rules({
  droppedPaths: [
    // Per calling user.
    'canEdit',
    'favourite',
    // Copies of the board's project (location.projectId identifies it) and of the estimation field's name.
    'location.displayName',
    'location.projectName',
    'location.projectKey',
    'location.projectTypeKey',
    'location.avatarURI',
    'location.name',
    'estimation.field.displayName',
  ],
  // `columnConfig.columns` keeps its order: it is the board's column order. The statuses mapped to one
  // column are a set.
  unorderedArrays: [unordered('columnConfig.columns.*.statuses', 'id')],
});

export const BOARD_GROUP_PARENTS = { dashboardgadget: 'dashboard' } as const;

export const BOARD_GROUP_SPECS: { readonly [T in BoardGroupType]: ConfigTypeSpec } = {
  // A shared filter with its JQL, owner, share and edit permissions and its issue list columns.
  filter: spec('filter', FILTER_RULES),
  dashboard: spec('dashboard', DASHBOARD_RULES),
  // One gadget of a dashboard: module, title, colour and its place in the layout (row, column).
  dashboardgadget: childSpec('dashboardgadget', rules({})),
  // A Jira Software board with its configuration: filter, columns and their statuses, estimation, ranking.
  board: spec('board', BOARD_RULES),
};
