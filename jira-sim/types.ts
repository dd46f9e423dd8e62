/** Shared types of the simulated Jira Cloud site. */

export const CONFIG_TYPES = [
  'project',
  'field',
  'issuetype',
  'issuetypescheme',
  'status',
  'priority',
  'resolution',
  'screen',
  'workflow',
  'workflowscheme',
  'permissionscheme',
  'projectrole',
] as const;

export type ConfigType = (typeof CONFIG_TYPES)[number];

export function isConfigType(value: string): value is ConfigType {
  return (CONFIG_TYPES as readonly string[]).includes(value);
}

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export type SiteSize = 'small' | 'large' | number;

export type OrderingMode = 'id' | 'reverse' | 'shuffle';

export type ObjectCounts = Record<ConfigType, number>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
