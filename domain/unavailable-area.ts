// A configuration type a snapshot could not read because the site or the grant does not offer it
// (no Jira Software, a Free plan, a scope the grant lacks). It is stored in the snapshot as an entry
// of its own, `unavailable/{type}`, so the root hash says what was not seen and drift reports a type
// becoming unavailable (added) or available again (removed). Never a failed snapshot.
import { canonicalJson } from './canonical-json';
import type { ConfigType } from './config-catalogue';
import type { ConfigObject } from './config-object';
import { sha256Hex } from './hashing';

export const UNAVAILABLE_TYPE = 'unavailable';

/** HTTP answers that mean "this site or grant cannot read this type", not a fault to retry. */
export function isUnavailableStatus(status: number | undefined): status is 401 | 403 | 404 {
  return status === 401 || status === 403 || status === 404;
}

export function unavailableAreaObject(configType: ConfigType, status: number, reason: string): ConfigObject {
  const canonical = { configType, status, reason };
  const canonicalText = canonicalJson(canonical);
  return { key: `${UNAVAILABLE_TYPE}/${configType}`, type: configType, canonical, canonicalText, hash: sha256Hex(canonicalText) };
}
