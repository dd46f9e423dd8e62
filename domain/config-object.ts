// One Jira configuration item, canonicalised and hashed. Uses node:crypto (via hashing.ts), so
// it belongs to activities, not workflows.

import { canonicalize, type Json } from './canonical-json';
import type { SecretHasher } from './catalogue-kit';
import { CONFIG_CATALOGUE, isConfigType, type ConfigType } from './config-catalogue';
import { sha256Hex } from './hashing';

export interface ConfigObject {
  /** `${type}/${stableId}`; unique within a snapshot. */
  readonly key: string;
  readonly type: ConfigType;
  /** The normalised body (volatile members removed, unordered arrays sorted). */
  readonly canonical: Json;
  /** `canonicalJson(canonical)`: the exact text that is hashed and stored. */
  readonly canonicalText: string;
  /** Lowercase hex SHA-256 of `canonicalText`. */
  readonly hash: string;
}

/**
 * Builds the config object for one raw item as returned by the Jira REST API. A type whose bodies hold
 * secrets needs `hashSecret`: its secrets are replaced before anything is normalised, hashed or stored.
 */
export function toConfigObject(type: ConfigType, raw: unknown, hashSecret?: SecretHasher): ConfigObject {
  if (!isConfigType(type)) throw new Error(`unknown configuration type ${JSON.stringify(type)}`);
  const { stableId, rules, redactSecrets } = CONFIG_CATALOGUE[type];
  const key = `${type}/${stableId(raw)}`;
  if (redactSecrets && !hashSecret) throw new Error(`${type} bodies hold secrets: a secret hasher is required`);
  // One walk gives the normalised body and its canonical text (the text is not written twice).
  const { canonical, text: canonicalText } = canonicalize(redactSecrets && hashSecret ? redactSecrets(raw, hashSecret) : raw, rules);
  return { key, type, canonical, canonicalText, hash: sha256Hex(canonicalText) };
}

/**
 * `toConfigObject` without the normalised tree: what a snapshot stores. The tree is garbage as soon
 * as its text is written, so it dies young instead of living through the page's database write.
 */
export function toStoredConfigObject(type: ConfigType, raw: unknown, hashSecret?: SecretHasher): Omit<ConfigObject, 'canonical'> {
  const { key, canonicalText, hash } = toConfigObject(type, raw, hashSecret);
  return { key, type, canonicalText, hash };
}
