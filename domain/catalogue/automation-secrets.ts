// What in an automation rule is a secret, and its replacement: the value's keyed hash (the caller's
// `hashSecret`, an HMAC with a per-tenant key), so a stored body never holds it in clear and a low-entropy
// secret cannot be guessed from the hash, while a changed secret still changes the hash (drift).
// Pure: the key and the HMAC stay with the caller (activities); this module only finds the values.

import type { SecretHasher } from '../catalogue-kit';

/** Marks a replaced value; the algorithm is named so a later change of it is visible as such. */
export const SECRET_MARK = 'hmac-sha256:';

/**
 * Member names whose string values are credentials wherever they appear in a rule (a web request's
 * token, an incoming webhook's secret, an API key field of a connector action).
 */
const SECRET_NAME = /(secret|token|password|passwd|api[-_]?key|credential|authorization)/i;

/** An absolute http(s) URL: the whole string, nothing around it. */
const WHOLE_URL = /^https?:\/\/[^\s]+$/i;

/**
 * Returns a copy of `rule` with every secret replaced:
 * - the value of every header of a `headers` list (send web request): header values carry bearer
 *   tokens and API keys whether or not the rule marks them secret, so none is kept in clear;
 * - `keyOrValue` of any `{ keyOrValue, secret: true }` (a value the rule itself marks secret);
 * - the string value of any member named like a credential (SECRET_NAME), or the strings of a list so named;
 * - every absolute URL: webhook URLs carry their token in the path (Slack, Teams, Jira's incoming
 *   webhooks), the query or the user info, so only the origin stays readable.
 * Names (header names, member names) stay: they say what changed without saying the value.
 */
export function redactRuleSecrets(rule: unknown, hashSecret: SecretHasher): unknown {
  return redact(rule, undefined, hashSecret);
}

function redact(value: unknown, memberName: string | undefined, hashSecret: SecretHasher): unknown {
  if (typeof value === 'string') {
    if (memberName !== undefined && SECRET_NAME.test(memberName)) return hashed(value, hashSecret);
    return WHOLE_URL.test(value) ? redactedUrl(value, hashSecret) : value;
  }
  if (Array.isArray(value)) {
    if (memberName === 'headers') return value.map((header) => redactHeader(header, hashSecret));
    // A list under a credential's name holds credentials (its strings are hashed like the member's own).
    return value.map((item) => redact(item, memberName, hashSecret));
  }
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  if (object['secret'] === true && typeof object['keyOrValue'] === 'string') {
    return { ...object, keyOrValue: hashed(object['keyOrValue'], hashSecret) };
  }
  return Object.fromEntries(Object.entries(object).map(([key, member]) => [key, redact(member, key, hashSecret)]));
}

/** A header `{ name, value }` whose value is a string or `{ keyOrValue, secret }`: the value is hashed. */
function redactHeader(header: unknown, hashSecret: SecretHasher): unknown {
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return redact(header, undefined, hashSecret);
  const { value, ...rest } = header as Record<string, unknown>;
  const others = redact(rest, undefined, hashSecret) as Record<string, unknown>;
  if (typeof value === 'string') return { ...others, value: hashed(value, hashSecret) };
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'keyOrValue' in value) {
    const inner = value as Record<string, unknown>;
    const keyOrValue = typeof inner['keyOrValue'] === 'string' ? hashed(inner['keyOrValue'], hashSecret) : inner['keyOrValue'];
    return { ...others, value: { ...inner, keyOrValue } };
  }
  return value === undefined ? others : { ...others, value: redact(value, 'value', hashSecret) };
}

function hashed(secret: string, hashSecret: SecretHasher): string {
  return `${SECRET_MARK}${hashSecret(secret)}`;
}

/** `https://hooks.example.com/…hmac-sha256:…`: the origin stays, the rest (path, query, user info) is hashed. */
function redactedUrl(url: string, hashSecret: SecretHasher): string {
  const origin = /^https?:\/\/(?:[^/?#@]*@)?([^/?#]+)/i.exec(url);
  if (!origin) return hashed(url, hashSecret);
  const scheme = url.slice(0, url.indexOf('://') + 3).toLowerCase();
  const host = origin[1]!.toLowerCase();
  const hasUserInfo = origin[0].includes('@');
  const rest = url.slice(origin[0].length);
  if (!hasUserInfo && (rest === '' || rest === '/')) return url;
  return `${scheme}${host}/…${hashed(url, hashSecret)}`;
}
