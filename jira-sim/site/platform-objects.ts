// Admin-API templates and rules of the platform group (jira-sim/generate/platform.ts builds the
// generated ones).
import type { ConfigType, JsonObject } from '../types';
import { SiteError } from './site-error';

/** Types with exactly one object per site: the admin API can patch it but neither add nor remove one. */
const SINGLETON_TYPES: ReadonlySet<ConfigType> = new Set(['jiraconfiguration']);

export function refuseSingleton(type: ConfigType, action: 'add' | 'remove'): void {
  if (SINGLETON_TYPES.has(type)) throw new SiteError(400, `${type} is a singleton: patch it instead of trying to ${action} one`);
}

export type PlatformType = 'issuelinktype' | 'statuscategory' | 'applicationrole' | 'jiraconfiguration' | 'advancedsetting' | 'issueevent';

/** A complete object of a platform type with the given id (see objectTemplate). */
export function platformTemplate(type: PlatformType, id: string, rest: (path: string) => string): JsonObject {
  const name = `New ${type} ${id}`;
  switch (type) {
    case 'issuelinktype':
      return { id, name, inward: `is ${name} of`, outward: name, self: rest(`issueLinkType/${id}`) };
    case 'statuscategory':
      return { self: rest(`statuscategory/${id}`), id: Number(id), key: `category-${id}`, colorName: 'blue-gray', name };
    case 'applicationrole':
      // Stored under its key (the sim's `id`); the REST view leaves `id` out.
      return {
        id,
        key: id,
        name,
        groups: [],
        groupDetails: [],
        defaultGroups: [],
        defaultGroupsDetails: [],
        selectedByDefault: false,
        defined: false,
        numberOfSeats: 10,
        remainingSeats: 10,
        userCount: 0,
        userCountDescription: '0 users',
        hasUnlimitedSeats: false,
        platform: false,
      };
    case 'jiraconfiguration':
      // Never reached: refuseSingleton comes first.
      return { id };
    case 'advancedsetting':
      return { id, key: id, value: '', name, desc: name, type: 'string', defaultValue: '' };
    case 'issueevent':
      return { id: Number(id), name };
  }
}
