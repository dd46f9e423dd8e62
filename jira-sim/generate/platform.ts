// The platform group: issue link types, status categories, application roles, the general
// configuration (with time tracking), advanced settings and issue events. Jira ships most of these
// (the four link types, four status categories, seventeen system events, the advanced settings);
// sites add link types and custom events.
import type { JsonObject } from '../types';
import type { GenContext } from './context';
import { nthName } from './words';

/** Jira's four status categories (ids 1–4; 2 = To Do, 4 = In Progress, 3 = Done). */
const STATUS_CATEGORIES: Array<[number, string, string, string]> = [
  [1, 'undefined', 'medium-gray', 'No Category'],
  [2, 'new', 'blue-gray', 'To Do'],
  [4, 'indeterminate', 'yellow', 'In Progress'],
  [3, 'done', 'green', 'Done'],
];

const SYSTEM_LINK_TYPES: Array<[string, string, string]> = [
  ['Blocks', 'is blocked by', 'blocks'],
  ['Cloners', 'is cloned by', 'clones'],
  ['Duplicate', 'is duplicated by', 'duplicates'],
  ['Relates', 'relates to', 'relates to'],
];

const CUSTOM_LINK_WORDS = ['Causes', 'Depends', 'Implements', 'Tests', 'Splits', 'Follows', 'Reviews', 'Supersedes', 'Documents', 'Fixes'];

/** Jira's system issue events, ids 1–17. */
export const SYSTEM_EVENTS = [
  'Issue Created',
  'Issue Updated',
  'Issue Assigned',
  'Issue Resolved',
  'Issue Closed',
  'Issue Commented',
  'Issue Reopened',
  'Issue Deleted',
  'Issue Moved',
  'Work Logged On Issue',
  'Work Started On Issue',
  'Work Stopped On Issue',
  'Generic Event',
  'Issue Comment Edited',
  'Issue Worklog Updated',
  'Issue Worklog Deleted',
  'Issue Comment Deleted',
];

const CUSTOM_EVENT_WORDS = [
  'Approval Requested',
  'Escalated',
  'Handed Over',
  'Released',
  'Review Started',
  'Security Reviewed',
  'Deployed',
  'Rolled Back',
];

/** The Advanced Settings page of Jira Cloud: [key, name, type, default value, allowed values]. */
const ADVANCED_SETTINGS: Array<[string, string, string, string, string[]?]> = [
  ['jira.clone.prefix', 'The prefix added to the Summary field of cloned issues', 'string', 'CLONE -'],
  ['jira.date.picker.java.format', 'Date picker format (Java)', 'string', 'd/MMM/yy'],
  ['jira.date.picker.javascript.format', 'Date picker format (JavaScript)', 'string', '%e/%b/%y'],
  ['jira.date.time.picker.java.format', 'Date time picker format (Java)', 'string', 'dd/MMM/yy h:mm a'],
  ['jira.date.time.picker.javascript.format', 'Date time picker format (JavaScript)', 'string', '%e/%b/%y %I:%M %p'],
  ['jira.issue.actions.order', 'The default order of actions on the issue page', 'string', 'asc', ['asc', 'desc']],
  ['jira.view.issue.links.sort.order', 'Sort order of issue links', 'string', 'type, status, priority'],
  ['jira.comment.collapsing.minimum.hidden', 'Minimum number of comments to collapse', 'number', '4'],
  ['jira.newsletter.tip.delay.days', 'Days before the newsletter signup tip shows', 'number', '7'],
  ['jira.table.cols.subtasks', 'Fields shown in the sub-task table', 'string', 'issuetype, status, assignee, progress'],
  ['jira.projectkey.warning', 'Warning shown when a project key is invalid', 'string', ''],
  ['jira.projectkey.pattern', 'Project key pattern', 'string', '([A-Z][A-Z]+)'],
  ['jira.lf.date.relativize', 'Show relative dates', 'boolean', 'true', ['true', 'false']],
];

/** Fixed counts of the types Jira ships and sites cannot add to through the REST API. */
export const FIXED_PLATFORM_COUNTS = {
  statuscategory: STATUS_CATEGORIES.length,
  applicationrole: 2,
  jiraconfiguration: 1,
  advancedsetting: ADVANCED_SETTINGS.length,
} as const;

export const MIN_ISSUE_LINK_TYPES = SYSTEM_LINK_TYPES.length;
export const MIN_ISSUE_EVENTS = SYSTEM_EVENTS.length;

export interface PlatformObjects {
  issuelinktype: JsonObject[];
  statuscategory: JsonObject[];
  applicationrole: JsonObject[];
  jiraconfiguration: JsonObject[];
  advancedsetting: JsonObject[];
  issueevent: JsonObject[];
}

/** The one jiraconfiguration object of a site: /configuration flags, time tracking provider and options. */
export const JIRA_CONFIGURATION_ID = 'global';

export function buildPlatform(ctx: GenContext, counts: { issuelinktype: number; issueevent: number }): PlatformObjects {
  const rng = ctx.rng('platform');
  const issuelinktype = Array.from({ length: Math.max(counts.issuelinktype, SYSTEM_LINK_TYPES.length) }, (_, i): JsonObject => {
    const id = String(10000 + i);
    const [name, inward, outward] =
      SYSTEM_LINK_TYPES[i] ??
      ((word: string): [string, string, string] => [word, `is ${word.toLowerCase()} by`, word.toLowerCase()])(
        nthName(CUSTOM_LINK_WORDS, i - SYSTEM_LINK_TYPES.length),
      );
    return { id, name, inward, outward, self: ctx.restUrl(`issueLinkType/${id}`) };
  });
  const statuscategory = STATUS_CATEGORIES.map(([id, key, colorName, name]): JsonObject => ({
    self: ctx.restUrl(`statuscategory/${id}`),
    id,
    key,
    colorName,
    name,
  }));
  const groupRef = (index: number): JsonObject => {
    const group = ctx.groups[index % ctx.groups.length]!;
    return { groupId: group.groupId, name: group.name, self: ctx.restUrl(`group?groupId=${group.groupId}`) };
  };
  const role = (key: string, name: string, groupIndexes: number[], defaultIndex: number, seats: number): JsonObject => {
    const groupDetails = groupIndexes.map(groupRef);
    const defaultGroupsDetails = [groupRef(defaultIndex)];
    const users = rng.int(1, seats);
    return {
      // The sim keeps application roles by key; the REST view leaves `id` out.
      id: key,
      key,
      name,
      groups: groupDetails.map((g) => g['name'] as string),
      groupDetails,
      defaultGroups: defaultGroupsDetails.map((g) => g['name'] as string),
      defaultGroupsDetails,
      selectedByDefault: false,
      defined: false,
      numberOfSeats: seats,
      remainingSeats: seats - users,
      userCount: users,
      userCountDescription: `${users} users`,
      hasUnlimitedSeats: false,
      platform: key === 'jira-core',
    };
  };
  const seats = 10 * rng.int(1, 50);
  const applicationrole = [role('jira-core', 'Jira Work Management', [0, 2], 2, seats), role('jira-software', 'Jira Software', [0, 1, 4], 1, seats)];
  const jiraconfiguration: JsonObject[] = [
    {
      id: JIRA_CONFIGURATION_ID,
      votingEnabled: true,
      watchingEnabled: true,
      unassignedIssuesAllowed: rng.chance(0.5),
      subTasksEnabled: true,
      issueLinkingEnabled: true,
      timeTrackingEnabled: true,
      attachmentsEnabled: true,
      timeTrackingProvider: { key: 'JIRA', name: 'JIRA provided time tracking' },
      timeTrackingConfiguration: {
        workingHoursPerDay: rng.pick([8, 7.5, 8]),
        workingDaysPerWeek: 5,
        timeFormat: 'pretty',
        defaultUnit: rng.pick(['minute', 'hour']),
      },
    },
  ];
  const advancedsetting = ADVANCED_SETTINGS.map(([key, name, type, defaultValue, allowedValues]): JsonObject => ({
    id: key,
    key,
    value: defaultValue,
    name,
    desc: name,
    type,
    defaultValue,
    ...(allowedValues ? { allowedValues } : {}),
  }));
  const issueevent = [
    ...SYSTEM_EVENTS.map((name, i): JsonObject => ({ id: i + 1, name })),
    ...Array.from({ length: Math.max(0, counts.issueevent - SYSTEM_EVENTS.length) }, (_, i): JsonObject => ({
      id: 10000 + i,
      name: nthName(CUSTOM_EVENT_WORDS, i),
    })),
  ];
  return { issuelinktype, statuscategory, applicationrole, jiraconfiguration, advancedsetting, issueevent };
}
