// Building blocks of the configuration catalogue: the rules every type shares and the stable-id
// readers. Pure (no Node imports) so workflows may use the catalogue; group files import these.

import type { NormalizationRules, UnorderedArrayRule } from './canonical-json';

export interface ConfigTypeSpec {
  /** The object's identity within its type; Jira never reuses or changes it. */
  stableId: (raw: unknown) => string;
  readonly rules: NormalizationRules;
  /** How `jira-drift coverage` shows the id part of the key when it is not `{id}` (`{key}`, a fixed id). */
  readonly idPattern?: string;
  /**
   * For a type whose bodies hold secrets (automation rules): a copy of the raw body with each secret
   * replaced by its keyed hash. toConfigObject refuses such a type without a hasher.
   */
  readonly redactSecrets?: (raw: unknown, hashSecret: SecretHasher) => unknown;
}

/** Keyed hash (HMAC, per-tenant key) of one secret value, as lowercase hex; see catalogue/automation-secrets.ts. */
export type SecretHasher = (value: string) => string;

// ---------------------------------------------------------------------------------------------
// Rules shared by every type
// ---------------------------------------------------------------------------------------------

/**
 * Dropped anywhere: REST self links, expand hints, page links, and avatar/icon URLs (they embed
 * the site host and avatar ids; `avatarId` is kept where Jira has it, so icon changes still show).
 */
const VOLATILE_EVERYWHERE = ['self', 'expand', 'nextPage', 'avatarUrls', 'iconUrl'] as const;

/**
 * Profile data dropped from user references (objects with an `accountId`: project and component
 * leads, archivedBy, holder.user, …); it changes without any configuration change. `accountId`
 * and `accountType` stay. (`avatarUrls` and `self` are volatile everywhere anyway.)
 */
const USER_PROFILE = ['displayName', 'emailAddress', 'timeZone', 'locale', 'active'] as const;

/**
 * `scope.project` (Scope → ProjectDetails) repeats the project's own attributes; a project rename
 * is drift of the project, not of every issue type, field or scheme scoped to it.
 */
export const SCOPE_PROJECT_COPIES = ['key', 'name', 'projectTypeKey', 'simplified', 'projectCategory'].map((k) => `scope.project.${k}`);

export function rules(extra: Partial<NormalizationRules>): NormalizationRules {
  return {
    volatileKeys: [...VOLATILE_EVERYWHERE, ...(extra.volatileKeys ?? [])],
    droppedPaths: [...SCOPE_PROJECT_COPIES, ...(extra.droppedPaths ?? [])],
    unorderedArrays: extra.unorderedArrays ?? [],
    siteLinkPaths: extra.siteLinkPaths ?? [],
    userProfileKeys: USER_PROFILE,
  };
}

export function unordered(path: string, ...sortBy: string[]): UnorderedArrayRule {
  return { path, sortBy };
}

// ---------------------------------------------------------------------------------------------
// Stable ids
// ---------------------------------------------------------------------------------------------

/**
 * Reads the `id` member: a non-empty string of printable characters without `/` (it becomes part
 * of the key `type/id`), or a non-negative safe integer (Jira returns some ids as numbers).
 */
export function idMember(type: string): (raw: unknown) => string {
  return (raw) => {
    const id = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>)['id'] : undefined;
    if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return String(id);
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    if (typeof id === 'string' && /^[^\u0000-\u001f\u007f/\s]+$/.test(id) && isWellFormed(id)) return id;
    throw new Error(`${type}: object has no usable "id" (got ${describe(id)})`);
  };
}

/** Reads the id from another member (`key`, `uuid`) with the same checks as `id`. */
export function memberId(type: string, member: string): (raw: unknown) => string {
  const readId = idMember(type);
  return (raw) =>
    readId({ id: typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>)[member] : undefined });
}

function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

function describe(value: unknown): string {
  if (value === undefined) return 'no id';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only reached for what JSON cannot encode (functions, symbols)
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export function spec(type: string, typeRules: NormalizationRules): ConfigTypeSpec {
  return { stableId: idMember(type), rules: typeRules };
}

/** Children carry `parentKey` (their parent's stable id, set by the reader) and their own `id`. */
export function childSpec(type: string, typeRules: NormalizationRules): ConfigTypeSpec {
  const own = idMember(type);
  return {
    stableId: (raw) => {
      const parent = (raw as Record<string, unknown> | null)?.['parentKey'];
      if (typeof parent !== 'string' || parent === '') throw new Error(`${type}: object has no parentKey`);
      return `${parent}:${own(raw)}`;
    },
    rules: typeRules,
  };
}
