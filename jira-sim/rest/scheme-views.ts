import type { Site } from '../site/site';
import { isJsonObject, type Json, type JsonObject } from '../types';
import { fieldDetailsView } from './views';

/*
 * Views of the schemes group: the sim stores each scheme in its fullest form (a notification scheme with its
 * events, a level with its members, a priority scheme with its priority and project ids); these return what
 * each endpoint returns.
 */

const NOTIFICATION_EXPANDS = ['all', 'notificationSchemeEvents', 'user', 'group', 'projectRole', 'field'];

/** Which expansion a recipient type has, and what it reveals. */
function recipientExpansion(site: Site, notification: JsonObject): [string, Json] | undefined {
  const parameter = String(notification['parameter'] ?? '');
  switch (notification['notificationType']) {
    case 'Group':
      return [
        'group',
        {
          name: parameter,
          groupId: String(notification['recipient']),
          self: `${site.info.siteUrl}/rest/api/3/group?groupId=${String(notification['recipient'])}`,
        },
      ];
    case 'ProjectRole': {
      const role = site.get('projectrole', parameter);
      return role ? ['projectRole', role] : undefined;
    }
    case 'User':
      return [
        'user',
        { accountId: parameter, accountType: 'atlassian', active: true, self: `${site.info.siteUrl}/rest/api/3/user?accountId=${parameter}` },
      ];
    case 'UserCustomField':
    case 'GroupCustomField': {
      const field = site.get('field', parameter);
      return field ? ['field', fieldDetailsView(field)] : undefined;
    }
    default:
      return undefined;
  }
}

/** GET /notificationscheme: events only when expanded; recipients' users, groups, roles and fields per expand. */
export function notificationSchemeView(site: Site, scheme: JsonObject, expand: Set<string>): JsonObject {
  const { notificationSchemeEvents, ...view } = scheme;
  if (!NOTIFICATION_EXPANDS.some((e) => expand.has(e)) || !Array.isArray(notificationSchemeEvents)) return view;
  view['notificationSchemeEvents'] = notificationSchemeEvents.filter(isJsonObject).map((event) => ({
    ...event,
    notifications: (Array.isArray(event['notifications']) ? event['notifications'] : []).filter(isJsonObject).map((notification) => {
      const expansion = recipientExpansion(site, notification);
      if (!expansion) return notification;
      const [key, value] = expansion;
      return expand.has('all') || expand.has(key) ? { expand: key, ...notification, [key]: value } : { expand: key, ...notification };
    }),
  }));
  return view;
}

/** The levels of a scheme, in id order. */
export function levelsOf(site: Site, schemeId: string): JsonObject[] {
  return site
    .list('issuesecuritylevel')
    .filter((l) => l['issueSecuritySchemeId'] === schemeId)
    .sort((a, b) => Number(a['id']) - Number(b['id']));
}

/** SecurityLevel: the stored level without its members; `isDefault` from its scheme's default level. */
export function securityLevelView(site: Site, level: JsonObject): JsonObject {
  const { members: _members, ...view } = level;
  const scheme = site.get('issuesecurityscheme', String(level['issueSecuritySchemeId']));
  return { ...view, isDefault: scheme !== undefined && String(scheme['defaultLevel']) === String(level['id']) };
}

/** GET /issuesecurityschemes: SecurityScheme with its levels (no projects). */
export function securitySchemeView(site: Site, scheme: JsonObject): JsonObject {
  const { projectIds: _projects, defaultLevel, ...rest } = scheme;
  return {
    ...rest,
    ...(defaultLevel === undefined ? {} : { defaultSecurityLevelId: defaultLevel }),
    levels: levelsOf(site, String(scheme['id'])).map((l) => securityLevelView(site, l)),
  };
}

/** Every member of the given levels as SecurityLevelMember. */
export function levelMembers(level: JsonObject): JsonObject[] {
  const members = Array.isArray(level['members']) ? level['members'].filter(isJsonObject) : [];
  return members.map((member) => ({
    ...member,
    issueSecurityLevelId: String(level['id']),
    issueSecuritySchemeId: String(level['issueSecuritySchemeId']),
  }));
}

/** Nested PageBeans (expand=priorities,projects) show their first 50 items, as in the spec's example. */
export const NESTED_PAGE = 50;

function nestedPage(values: JsonObject[]): JsonObject {
  return { isLast: values.length <= NESTED_PAGE, maxResults: NESTED_PAGE, startAt: 0, total: values.length, values: values.slice(0, NESTED_PAGE) };
}

/** A scheme's priorities in its order, as PriorityWithSequence. */
export function schemePriorities(site: Site, scheme: JsonObject): JsonObject[] {
  const ids = Array.isArray(scheme['priorityIds']) ? scheme['priorityIds'].map(String) : [];
  return ids
    .map((id) => site.get('priority', id))
    .filter((p): p is JsonObject => p !== undefined)
    .map(({ avatarId: _avatar, schemes: _schemes, ...priority }, i) => ({ ...priority, sequence: String(i + 1) }));
}

export function schemeProjects(site: Site, scheme: JsonObject): JsonObject[] {
  const ids = Array.isArray(scheme['projectIds']) ? scheme['projectIds'].map(String) : [];
  return ids.map((id) => site.get('project', id)).filter((p): p is JsonObject => p !== undefined);
}

const PROJECT_DETAILS_KEYS = ['self', 'id', 'key', 'name', 'projectTypeKey', 'simplified', 'avatarUrls', 'projectCategory'];

function projectDetails(project: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of PROJECT_DETAILS_KEYS) if (project[key] !== undefined) out[key] = project[key];
  return out;
}

/** GET /priorityscheme: the scheme, with nested pages of its priorities and projects when expanded. */
export function prioritySchemeView(site: Site, scheme: JsonObject, expand: Set<string>): JsonObject {
  const { priorityIds: _priorities, projectIds: _projects, ...view } = scheme;
  if (expand.has('priorities')) view['priorities'] = nestedPage(schemePriorities(site, scheme));
  if (expand.has('projects')) view['projects'] = nestedPage(schemeProjects(site, scheme).map(projectDetails));
  return view;
}
