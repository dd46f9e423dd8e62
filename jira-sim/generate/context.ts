import { Prng, hashString } from '../prng';
import type { JsonObject } from '../types';
import { FIRST_NAMES, GROUP_WORDS, LAST_NAMES } from './words';

const DAY_MS = 86_400_000;

export interface SimUser {
  accountId: string;
  displayName: string;
}

export interface SimGroup {
  name: string;
  groupId: string;
}

/** What every per-type generator needs: the seed, the site host and the shared people and groups. */
export class GenContext {
  readonly users: SimUser[];
  readonly groups: SimGroup[];
  /** A fixed point derived from the seed; all generated timestamps lie in the 3 years after it. */
  readonly epochMs: number;

  constructor(
    readonly seed: number,
    readonly siteUrl: string,
    peopleCount: number,
  ) {
    this.epochMs = Date.UTC(2019, 0, 1) + (hashString(`epoch:${seed}`) % 700) * DAY_MS;
    this.users = makeUsers(this.rng('users'), peopleCount);
    this.groups = makeGroups(this.rng('groups'), Math.max(4, Math.ceil(peopleCount / 3)));
  }

  rng(label: string): Prng {
    return Prng.forLabel(this.seed, label);
  }

  /** A Jira-formatted timestamp ("2023-04-12T08:15:42.000+0000") somewhere in the site's history. */
  timestamp(rng: Prng): string {
    const ms = this.epochMs + rng.int(0, 3 * 365) * DAY_MS + rng.int(0, DAY_MS / 1000 - 1) * 1000;
    return jiraTimestamp(ms);
  }

  /** A timestamp up to 200 days after `after` (an earlier result of `timestamp`). */
  laterTimestamp(rng: Prng, after: string): string {
    return jiraTimestamp(Date.parse(after.replace('+0000', 'Z')) + rng.int(0, 200) * DAY_MS);
  }

  restUrl(path: string): string {
    return `${this.siteUrl}/rest/api/3/${path}`;
  }

  userBean(user: SimUser): JsonObject {
    return {
      self: `${this.siteUrl}/rest/api/3/user?accountId=${user.accountId}`,
      accountId: user.accountId,
      accountType: 'atlassian',
      avatarUrls: userAvatarUrls(user.accountId),
      displayName: user.displayName,
      active: true,
    };
  }
}

export function jiraTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function userAvatarUrls(accountId: string): JsonObject {
  const base = `https://secure.gravatar.com/avatar/${accountId.slice(-24)}`;
  return {
    '48x48': `${base}?d=retro&s=48`,
    '24x24': `${base}?d=retro&s=24`,
    '16x16': `${base}?d=retro&s=16`,
    '32x32': `${base}?d=retro&s=32`,
  };
}

function makeUsers(rng: Prng, count: number): SimUser[] {
  const users: SimUser[] = [];
  for (let i = 0; i < count; i++) {
    const displayName = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    // Atlassian account ids come as 24 hex digits or "557058:<uuid>"; use both shapes.
    const accountId = rng.chance(0.8) ? rng.hex(24) : `557058:${rng.uuid()}`;
    users.push({ accountId, displayName });
  }
  return users;
}

function makeGroups(rng: Prng, count: number): SimGroup[] {
  const fixed = ['jira-administrators', 'jira-software-users', 'site-admins', 'jira-servicemanagement-users'];
  const groups: SimGroup[] = fixed.map((name) => ({ name, groupId: rng.uuid() }));
  for (let i = 0; groups.length < count; i++) {
    const word = GROUP_WORDS[i % GROUP_WORDS.length] as string;
    const round = Math.floor(i / GROUP_WORDS.length);
    groups.push({ name: round === 0 ? `team-${word}` : `team-${word}-${round + 1}`, groupId: rng.uuid() });
  }
  return groups;
}
