// The platform group: site-wide settings outside any scheme. Issue link types, status categories,
// application roles, the general configuration with time tracking, advanced settings, issue events.
import { memberId, rules, spec, unordered, type ConfigTypeSpec } from '../catalogue-kit';

export const PLATFORM_GROUP_TYPES = [
  'issuelinktype',
  'statuscategory',
  'applicationrole',
  'jiraconfiguration',
  'advancedsetting',
  'issueevent',
] as const;

/** The fixed id of the one `jiraconfiguration` object of a site (set by its read plan). */
export const JIRA_CONFIGURATION_ID = 'global';

/** Application roles have no `id`: `key` (jira-software, jira-servicedesk, …) is their identity. */
function keySpec(type: string, typeRules: ConfigTypeSpec['rules']): ConfigTypeSpec {
  return {
    stableId: memberId(type, 'key'),
    rules: typeRules,
    idPattern: '{key}',
  };
}

const APPLICATION_ROLE_RULES = rules({
  droppedPaths: [
    // Seat usage: changes whenever users are added or removed (and Cloud license tiers follow the
    // user count), never by a configuration change.
    'userCount',
    'remainingSeats',
    'numberOfSeats',
    'userCountDescription',
    // Name-only copies of groupDetails / defaultGroupsDetails (which carry the stable groupId).
    'groups',
    'defaultGroups',
  ],
  // Groups with access and default groups are sets (`uniqueItems` in the spec; Jira keeps no order).
  unorderedArrays: [unordered('groupDetails', 'groupId', 'name'), unordered('defaultGroupsDetails', 'groupId', 'name')],
});

const ADVANCED_SETTING_RULES = rules({
  // Jira's own help text for the property: it changes with Jira releases, not with the setting.
  // `value` is what an admin sets; `allowedValues` keeps Jira's order (the order Jira offers them).
  droppedPaths: ['desc', 'example'],
});

export const PLATFORM_GROUP_SPECS = {
  // Name and inward/outward descriptions.
  issuelinktype: spec('issuelinktype', rules({})),
  statuscategory: spec('statuscategory', rules({})),
  applicationrole: keySpec('applicationrole', APPLICATION_ROLE_RULES),
  // One object (`jiraconfiguration/global`): the general configuration flags, the selected time
  // tracking provider (`timeTrackingProvider`, absent while time tracking is off) and the time
  // tracking options (`timeTrackingConfiguration`). The admin's "Time tracking" page is one setting
  // spread over the three endpoints (on/off in /configuration, provider, options).
  jiraconfiguration: { ...spec('jiraconfiguration', rules({})), idPattern: JIRA_CONFIGURATION_ID },
  advancedsetting: spec('advancedsetting', ADVANCED_SETTING_RULES),
  issueevent: spec('issueevent', rules({})),
} satisfies Record<(typeof PLATFORM_GROUP_TYPES)[number], ConfigTypeSpec>;
