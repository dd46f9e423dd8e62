import type { Prng } from '../prng';
import type { JsonObject } from '../types';
import type { GenContext } from './context';
import type { ProjectPlan } from './projects';
import { perProjectName } from './screens';

/** Jira's system issue events (id, name, description), as notification schemes name them. */
export const ISSUE_EVENTS: ReadonlyArray<readonly [number, string, string]> = [
  [1, 'Issue Created', 'This is the issue created event.'],
  [2, 'Issue Updated', 'This is the issue updated event.'],
  [3, 'Issue Assigned', 'This is the issue assigned event.'],
  [4, 'Issue Resolved', 'This is the issue resolved event.'],
  [5, 'Issue Closed', 'This is the issue closed event.'],
  [6, 'Issue Commented', 'This is the issue commented event.'],
  [7, 'Issue Reopened', 'This is the issue reopened event.'],
  [8, 'Issue Deleted', 'This is the issue deleted event.'],
  [9, 'Issue Moved', 'This is the issue moved event.'],
  [10, 'Work Logged On Issue', 'This is the work logged on issue event.'],
  [11, 'Work Started On Issue', 'This is the work started on issue event.'],
  [12, 'Work Stopped On Issue', 'This is the work stopped on issue event.'],
  [13, 'Generic Event', 'This is the generic event.'],
  [14, 'Issue Comment Edited', 'This is the issue comment edited event.'],
  [15, 'Issue Worklog Updated', 'This is the issue worklog updated event.'],
  [16, 'Issue Worklog Deleted', 'This is the issue worklog deleted event.'],
  [17, 'Issue Comment Deleted', 'This is the issue comment deleted event.'],
];

export function issueEvent(id: number): JsonObject {
  const known = ISSUE_EVENTS.find(([eventId]) => eventId === id);
  return { id, name: known?.[1] ?? `Event ${id}`, description: known?.[2] ?? '' };
}

/** Recipient types without a parameter. */
const PLAIN_RECIPIENTS = ['CurrentAssignee', 'Reporter', 'CurrentUser', 'ProjectLead', 'ComponentLead', 'AllWatchers'];

interface Refs {
  roleIds: number[];
  /** Custom fields that may receive notifications (user and group pickers; any custom field here). */
  customFieldIds: string[];
}

function recipient(ctx: GenContext, rng: Prng, refs: Refs, plain: string): JsonObject {
  const roll = rng.next();
  if (roll < 0.45) return { notificationType: plain };
  if (roll < 0.65 && refs.roleIds.length > 0) {
    const roleId = String(rng.pick(refs.roleIds));
    return { notificationType: 'ProjectRole', parameter: roleId, recipient: roleId };
  }
  if (roll < 0.8) {
    const group = rng.pick(ctx.groups);
    return { notificationType: 'Group', parameter: group.name, recipient: group.groupId };
  }
  if (roll < 0.9) {
    const user = rng.pick(ctx.users);
    return { notificationType: 'User', parameter: user.accountId, recipient: user.accountId };
  }
  if (roll < 0.95 || refs.customFieldIds.length === 0) {
    const address = `team-${rng.hex(4)}@example.com`;
    return { notificationType: 'EmailAddress', parameter: address, recipient: address, emailAddress: address };
  }
  const fieldId = rng.pick(refs.customFieldIds);
  return { notificationType: rng.chance(0.5) ? 'UserCustomField' : 'GroupCustomField', parameter: fieldId, recipient: fieldId };
}

/**
 * NotificationScheme objects as stored (events and recipients; expansions are added by the view). The first
 * is the Default Notification Scheme. Recipient ids are unique across the site in the sim (Jira's are not
 * identity: its own example repeats them per event). Classic projects are spread over the schemes.
 */
export function buildNotificationSchemes(ctx: GenContext, count: number, projects: ProjectPlan[], refs: Refs): JsonObject[] {
  const rng = ctx.rng('notificationscheme');
  const classic = projects.filter((p) => !p.teamManaged);
  let notificationId = 10000;
  const schemes: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const id = 10000 + i;
    const events = i === 0 ? ISSUE_EVENTS : rng.sample(ISSUE_EVENTS, rng.int(6, ISSUE_EVENTS.length));
    const notificationSchemeEvents = events.map(([eventId]) => {
      const plain = rng.sample(PLAIN_RECIPIENTS, rng.int(1, 3));
      const notifications: JsonObject[] = plain.map((p) => ({ id: notificationId++, ...recipient(ctx, rng, refs, p) }));
      // One recipient of each kind at most per event (Jira refuses duplicates).
      const unique = new Map(notifications.map((n) => [`${String(n['notificationType'])}|${String(n['parameter'] ?? '')}`, n]));
      return { event: issueEvent(eventId), notifications: [...unique.values()] };
    });
    schemes.push({
      expand: 'notificationSchemeEvents,user,group,projectRole,field,all',
      id,
      self: ctx.restUrl(`notificationscheme/${id}`),
      name: i === 0 ? 'Default Notification Scheme' : perProjectName(projects, ['Notification Scheme', 'Quiet Notifications'], i - 1).name,
      description: i === 0 ? 'The default notification scheme.' : '',
      notificationSchemeEvents,
      projects: classic.filter((_, p) => p % count === i).map((p) => Number(p.id)),
    });
  }
  return schemes;
}

const LEVEL_NAMES = ['Public', 'Internal', 'Staff only', 'Reporter and staff', 'Security team', 'Executives', 'Legal', 'Partners'];

function levelHolder(ctx: GenContext, rng: Prng, roleIds: number[]): JsonObject {
  const roll = rng.next();
  if (roll < 0.4 && roleIds.length > 0) {
    const roleId = String(rng.pick(roleIds));
    return { type: 'projectRole', parameter: roleId, value: roleId };
  }
  if (roll < 0.7) {
    const group = rng.pick(ctx.groups);
    return { type: 'group', parameter: group.name, value: group.groupId };
  }
  if (roll < 0.8) {
    const user = rng.pick(ctx.users);
    return { type: 'user', parameter: user.accountId, value: user.accountId };
  }
  return { type: rng.pick(['reporter', 'assignee', 'projectLead']) };
}

/**
 * Issue security schemes (with their default level and classic projects) and their levels, each level
 * with its members (holders). Level and member ids are unique across the site, as in Jira.
 */
export function buildIssueSecurity(
  ctx: GenContext,
  counts: { schemes: number; levels: number },
  projects: ProjectPlan[],
  roleIds: number[],
): { schemes: JsonObject[]; levels: JsonObject[] } {
  const rng = ctx.rng('issuesecurity');
  const classic = projects.filter((p) => !p.teamManaged);
  const schemes: JsonObject[] = [];
  const levels: JsonObject[] = [];
  let memberId = 10000;
  for (let i = 0; i < counts.schemes; i++) {
    const id = 10000 + i;
    // Levels spread evenly: every scheme gets at least one.
    const own = Math.max(1, Math.floor(counts.levels / counts.schemes) + (i < counts.levels % counts.schemes ? 1 : 0));
    const levelIds: number[] = [];
    for (let l = 0; l < own && levels.length < Math.max(counts.levels, counts.schemes); l++) {
      const levelId = 10000 + levels.length;
      levelIds.push(levelId);
      const holders = new Map<string, JsonObject>();
      for (let m = rng.int(1, 6); m > 0; m--) {
        const holder = levelHolder(ctx, rng, roleIds);
        holders.set(`${String(holder['type'])}|${String(holder['parameter'] ?? '')}`, holder);
      }
      levels.push({
        self: ctx.restUrl(`securitylevel/${levelId}`),
        id: String(levelId),
        name: `${LEVEL_NAMES[l % LEVEL_NAMES.length]}${l >= LEVEL_NAMES.length ? ` ${Math.floor(l / LEVEL_NAMES.length) + 1}` : ''}`,
        description: rng.chance(0.6) ? `Issues visible to ${LEVEL_NAMES[l % LEVEL_NAMES.length]!.toLowerCase()}.` : '',
        issueSecuritySchemeId: String(id),
        members: [...holders.values()].map((holder) => ({ id: String(memberId++), holder, managed: false })),
      });
    }
    const scheme: JsonObject = {
      self: ctx.restUrl(`issuesecurityschemes/${id}`),
      id,
      name: i === 0 ? 'Default Issue Security Scheme' : perProjectName(projects, ['Security Scheme', 'Confidential Issues'], i - 1).name,
      description: rng.chance(0.5) ? 'Who may see which issues.' : '',
      projectIds: classic.filter((_, p) => p % (counts.schemes * 3) === i).map((p) => Number(p.id)),
    };
    if (levelIds.length > 0 && rng.chance(0.7)) scheme['defaultLevel'] = rng.pick(levelIds);
    schemes.push(scheme);
  }
  return { schemes, levels };
}

/**
 * Priority schemes: the default one has every priority and the projects not in another scheme; the others
 * a subset of the priorities (in the site's priority order) and a few classic projects.
 */
export function buildPrioritySchemes(ctx: GenContext, count: number, projects: ProjectPlan[], priorityIds: string[]): JsonObject[] {
  const rng = ctx.rng('priorityscheme');
  const classic = projects.filter((p) => !p.teamManaged);
  const schemeOf = (index: number) => (index % 2 === 0 || count === 1 ? 0 : 1 + (index % (count - 1)));
  const schemes: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const id = i === 0 ? '1' : String(10000 + i);
    const chosen = i === 0 ? priorityIds : priorityIds.filter(() => rng.chance(0.5));
    const ids = chosen.length > 0 ? chosen : priorityIds.slice(0, 1);
    const defaultPriorityId = ids.includes('3') ? '3' : rng.pick(ids);
    schemes.push({
      self: ctx.restUrl(`priorityscheme/${id}`),
      id,
      name: i === 0 ? 'Default Priority Scheme' : perProjectName(projects, ['Priority Scheme', 'Support Priorities'], i - 1).name,
      description: i === 0 ? 'This is the default scheme used by all new and unassigned projects' : '',
      isDefault: i === 0,
      default: i === 0,
      defaultPriorityId,
      priorityIds: ids,
      projectIds: classic.filter((_, p) => schemeOf(p) === i).map((p) => p.id),
    });
  }
  return schemes;
}
