// The schemes group: notification schemes (events and recipients), issue security schemes, their
// levels with members, and priority schemes with their priorities and projects.
import { rules, spec, unordered, type ConfigTypeSpec } from '../catalogue-kit';

export const SCHEME_GROUP_TYPES = ['notificationscheme', 'issuesecurityscheme', 'issuesecuritylevel', 'priorityscheme'] as const;

type SchemeGroupType = (typeof SCHEME_GROUP_TYPES)[number];

/** Expansions of a recipient (expand=all): copies of the user, group, role or field it names. */
const EXPANSIONS = ['user', 'group', 'projectRole', 'field'] as const;

const NOTIFICATION_SCHEME_RULES = rules({
  droppedPaths: [
    // Notification ids are not identity: Jira numbers them per event (the spec's example repeats 1..6
    // in every event) and a removed and re-added recipient gets a new one; type + parameter identify it.
    'notificationSchemeEvents.*.notifications.*.id',
    ...EXPANSIONS.map((e) => `notificationSchemeEvents.*.notifications.*.${e}`),
    // The event's name, description and template event are the issue event's own attributes; its id names it.
    'notificationSchemeEvents.*.event.name',
    'notificationSchemeEvents.*.event.description',
    'notificationSchemeEvents.*.event.templateEvent',
  ],
  unorderedArrays: [
    // Jira keeps no order among a scheme's events nor among an event's recipients (both are sets).
    unordered('notificationSchemeEvents', 'event.id'),
    unordered('notificationSchemeEvents.*.notifications', 'notificationType', 'parameter', 'recipient', 'emailAddress'),
    // The projects using the scheme: a set of project ids.
    unordered('projects'),
  ],
});

const ISSUE_SECURITY_SCHEME_RULES = rules({
  // The projects using the scheme: a set of project ids.
  unorderedArrays: [unordered('projectIds')],
});

const ISSUE_SECURITY_LEVEL_RULES = rules({
  droppedPaths: [
    // Member ids are regenerated when a member is removed and added again; the holder identifies it.
    'members.*.id',
    // Whether the level is its scheme's default is the scheme's `defaultLevel`: one change, one object.
    'isDefault',
  ],
  // A level's members are a set (who may see issues at that level).
  unorderedArrays: [unordered('members', 'holder.type', 'holder.parameter', 'holder.value')],
});

const PRIORITY_SCHEME_RULES = rules({
  // `priorityIds` keeps Jira's order (the sequence users pick priorities in); projects are a set.
  unorderedArrays: [unordered('projectIds')],
});

export const SCHEME_GROUP_SPECS: { readonly [T in SchemeGroupType]: ConfigTypeSpec } = {
  // A scheme with, per event (by id), its recipients (notificationType + parameter).
  notificationscheme: spec('notificationscheme', NOTIFICATION_SCHEME_RULES),
  // A scheme with its default level and its projects (levels are objects of their own).
  issuesecurityscheme: spec('issuesecurityscheme', ISSUE_SECURITY_SCHEME_RULES),
  // A level (ids are unique across schemes) with its scheme id and its members' holders.
  issuesecuritylevel: spec('issuesecuritylevel', ISSUE_SECURITY_LEVEL_RULES),
  // A scheme with its priority ids in order, its default priority and its project ids.
  priorityscheme: spec('priorityscheme', PRIORITY_SCHEME_RULES),
};
