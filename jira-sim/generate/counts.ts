import type { ConfigType, PlannedCounts, SiteSize } from '../types';

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
  screen: 0.15,
  project: 0.12,
  workflow: 0.08,
  status: 0.07,
  issuetype: 0.06,
  issuetypescheme: 0.06,
  workflowscheme: 0.06,
  permissionscheme: 0.04,
  projectrole: 0.02,
  priority: 0.01,
  resolution: 0.01,
  // The projects group on a large site: ~20 categories, ~1.2 components and ~1.7 versions per project
  // (2,520 projects), most versions in software projects.
  projectcategory: 0.001,
  component: 0.15,
  version: 0.2,
  // One per project, built from the project plans (this count is not used).
  projectschemes: 0,
  // One per project and role, built from the projects and roles (this count is not used).
  projectroleactors: 0,
};

/** Floors so that every site has the system objects the generators build on (e.g. To Do/In Progress/Done). */
const MINIMUMS: Record<ConfigType, number> = {
  // The 30 system fields and a few custom ones.
  field: 36,
  fieldcontext: 8,
  fieldcontextoption: 10,
  fieldconfiguration: 2,
  fieldconfigurationscheme: 2,
  screen: 3,
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
  projectcategory: 4,
  component: 2,
  version: 2,
  projectschemes: 0,
  projectroleactors: 0,
};

export function totalForSize(size: SiteSize): number {
  if (size === 'small') return SMALL_SITE_OBJECTS;
  if (size === 'large') return LARGE_SITE_OBJECTS;
  if (!Number.isFinite(size) || size < 1) throw new Error(`invalid site size: ${size}`);
  return Math.round(size);
}

/**
 * Ceilings where a share of a large site would be unrealistic: real sites have tens of project roles, not
 * hundreds, and every role is read once per project (projectroleactors).
 */
const MAXIMUMS: Partial<Record<ConfigType, number>> = {
  projectrole: 20,
};

export function planCounts(size: SiteSize): PlannedCounts {
  const total = totalForSize(size);
  const counts = {} as PlannedCounts;
  for (const type of Object.keys(SHARES) as ConfigType[]) {
    counts[type] = Math.min(MAXIMUMS[type] ?? Infinity, Math.max(MINIMUMS[type], Math.round(total * SHARES[type])));
  }
  return counts;
}
