import type { ConfigType, PlannedCounts, SiteSize } from '../types';
import { FIXED_PLATFORM_COUNTS, MIN_ISSUE_EVENTS, MIN_ISSUE_LINK_TYPES } from './platform';

export const SMALL_SITE_OBJECTS = 300;
export const LARGE_SITE_OBJECTS = 21_000;

/**
 * Share of each config type on a big real site: custom fields dominate, then screens and projects;
 * priorities, resolutions and roles stay few.
 */
const SHARES: Record<ConfigType, number> = {
  // The fields group: 2,000 custom fields on a large site (500 of them select-like, with options),
  // their contexts and options, a few field configurations and schemes.
  field: 0.09667,
  fieldcontextoption: 0.137,
  fieldcontext: 0.085,
  fieldconfiguration: 0.0007,
  fieldconfigurationscheme: 0.0006,
  // The screens group keeps the 15% screens had alone (so other types keep their counts): 630 screens
  // on a large site, their tabs (about 3 each), 378 screen schemes and 252 issue type screen schemes.
  screen: 0.03,
  screentab: 0.09,
  screenscheme: 0.018,
  issuetypescreenscheme: 0.012,
  // The schemes group on a large site: ~80 notification schemes, ~25 issue security schemes with ~125
  // levels, ~35 priority schemes (taken from the issue type schemes' share, so the total stays put; a
  // small site gets one of each scheme and two levels).
  notificationscheme: 0.004,
  issuesecurityscheme: 0.0012,
  issuesecuritylevel: 0.006,
  priorityscheme: 0.0016,
  // 0.12 before the boards group, whose share (0.036191) it gave up so a large site stays 21,000 objects.
  project: 0.083809,
  workflow: 0.08,
  status: 0.07,
  issuetype: 0.06,
  issuetypescheme: 0.0472,
  workflowscheme: 0.06,
  permissionscheme: 0.04,
  projectrole: 0.02,
  priority: 0.01,
  resolution: 0.01,
  // The platform group: a large site has about 20 issue link types and 30 issue events (17 of them
  // Jira's); the other platform types are fixed sets (their minimums).
  issuelinktype: 0.001,
  issueevent: 0.0015,
  statuscategory: 0,
  applicationrole: 0,
  jiraconfiguration: 0,
  advancedsetting: 0,
  // The boards group: on a large site 300 filters (100 of them boards' own), 60 dashboards with 300
  // gadgets, 100 boards.
  filter: 0.014286,
  dashboard: 0.002857,
  dashboardgadget: 0.014286,
  board: 0.004762,
  // The projects group on a large site: ~20 categories, ~1.2 components and ~1.7 versions per project
  // (2,520 projects), most versions in software projects.
  projectcategory: 0.001,
  component: 0.15,
  version: 0.2,
  // One per project, built from the project plans (this count is not used).
  projectschemes: 0,
  // One per project and role, built from the projects and roles (this count is not used).
  projectroleactors: 0,
  // Automation rules: 300 on a large site, on top of its 21,000 objects (like the projects group).
  automationrule: 0.014286,
};

/** Floors so that every site has the system objects the generators build on (e.g. To Do/In Progress/Done). */
const MINIMUMS: Record<ConfigType, number> = {
  // The 30 system fields and a few custom ones.
  field: 36,
  fieldcontext: 8,
  fieldcontextoption: 10,
  fieldconfiguration: 2,
  fieldconfigurationscheme: 2,
  notificationscheme: 1,
  issuesecurityscheme: 1,
  issuesecuritylevel: 2,
  priorityscheme: 1,
  screen: 3,
  screentab: 3,
  screenscheme: 1,
  issuetypescreenscheme: 1,
  project: 2,
  workflow: 2,
  status: 4,
  issuetype: 5,
  issuetypescheme: 1,
  workflowscheme: 1,
  permissionscheme: 1,
  projectrole: 4,
  priority: 5,
  resolution: 4,
  issuelinktype: MIN_ISSUE_LINK_TYPES,
  issueevent: MIN_ISSUE_EVENTS,
  ...FIXED_PLATFORM_COUNTS,
  filter: 3,
  dashboard: 2,
  dashboardgadget: 3,
  board: 2,
  projectcategory: 4,
  component: 2,
  version: 2,
  projectschemes: 0,
  projectroleactors: 0,
  // Enough for one rule with a web request (every fourth rule has one).
  automationrule: 4,
};

export function totalForSize(size: SiteSize): number {
  if (size === 'small') return SMALL_SITE_OBJECTS;
  if (size === 'large') return LARGE_SITE_OBJECTS;
  if (!Number.isFinite(size) || size < 1) throw new Error(`invalid site size: ${size}`);
  return Math.round(size);
}

/**
 * Ceilings where a share of a large site would be unrealistic: a Cloud site has Jira's few default project
 * roles (Administrators, Member, Viewer, atlassian-addons-project-access) and a handful of its own, not
 * hundreds, and every role is read once per project (projectroleactors).
 */
export const MAX_PROJECT_ROLES = 8;
const MAXIMUMS: Partial<Record<ConfigType, number>> = {
  projectrole: MAX_PROJECT_ROLES,
};

export function planCounts(size: SiteSize): PlannedCounts {
  const total = totalForSize(size);
  const counts = {} as PlannedCounts;
  for (const type of Object.keys(SHARES) as ConfigType[]) {
    counts[type] = Math.min(MAXIMUMS[type] ?? Infinity, Math.max(MINIMUMS[type], Math.round(total * SHARES[type])));
  }
  return counts;
}
