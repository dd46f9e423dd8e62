// SHA-256 hashing of canonical bodies and of whole snapshots (the root hash).
//
// Uses node:crypto, so it must not be imported by workflow code; workflows only carry hashes.

import { createHash, hash, type Hash } from 'node:crypto';
import { compareCodePoints } from './canonical-json';

/** Lowercase hex SHA-256 of the UTF-8 encoding of `text`. */
export function sha256Hex(text: string): string {
  // One-shot `hash` (Node >= 20.12): no Hash object per body.
  return hash('sha256', text, 'hex');
}

/**
 * Order of object keys in a snapshot: UTF-8 byte order (= Unicode code point order), the order
 * PostgreSQL gives with `COLLATE "C"`, so `ORDER BY key COLLATE "C"` streams entries in exactly
 * the order the root hash needs.
 */
export function compareKeys(a: string, b: string): number {
  return compareCodePoints(a, b);
}

export interface HashEntry {
  readonly key: string;
  readonly hash: string;
}

/** SHA-256 of zero bytes: the root hash of a snapshot with no objects. */
export const EMPTY_ROOT_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const SHA256_HEX = /^[0-9a-f]{64}$/;
// Tabs and newlines delimit the hashed lines, and lone surrogates have no UTF-8 encoding; keys
// with either would make two different snapshots hash alike.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this detects
const UNSAFE_KEY = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Streaming root hash of a snapshot.
 *
 * Format (part of the meaning of stored root hashes; never change it silently):
 *   root = lowercase hex SHA-256 over the UTF-8 bytes of, for each entry in strictly increasing
 *          `compareKeys` order, the line  `${key}\t${hash}\n`
 *   where `key` is `type/stableId` and `hash` is the object's lowercase hex SHA-256.
 *   There is no header or trailer, so the empty snapshot's root is SHA-256 of zero bytes
 *   (`EMPTY_ROOT_HASH`).
 */
export class RootHasher {
  private readonly hasher: Hash = createHash('sha256');
  private lastKey: string | undefined;
  private entries = 0;
  private result: string | undefined;

  /** Adds the next entry; keys must arrive strictly increasing by `compareKeys`. */
  add(key: string, hash: string): void {
    if (this.result !== undefined) throw new Error('RootHasher: add() after digest()');
    assertUsableKey(key);
    if (!SHA256_HEX.test(hash)) throw new Error(`RootHasher: hash of ${JSON.stringify(key)} is not lowercase hex SHA-256: ${JSON.stringify(hash)}`);
    if (this.lastKey !== undefined && compareKeys(this.lastKey, key) >= 0) {
      throw new Error(`RootHasher: keys must be strictly increasing; ${JSON.stringify(key)} came after ${JSON.stringify(this.lastKey)}`);
    }
    this.hasher.update(`${key}\t${hash}\n`, 'utf8');
    this.lastKey = key;
    this.entries++;
  }

  /** The root hash; further calls return the same value, further adds throw. */
  digest(): string {
    this.result ??= this.hasher.digest('hex');
    return this.result;
  }

  /** Number of entries added so far. */
  get count(): number {
    return this.entries;
  }
}

/** Root hash of entries in any order (sorts a copy). Throws on duplicate keys. */
export function rootHash(entries: Iterable<HashEntry>): string {
  const sorted = Array.from(entries).sort((a, b) => compareKeys(a.key, b.key));
  const hasher = new RootHasher();
  for (const entry of sorted) hasher.add(entry.key, entry.hash);
  return hasher.digest();
}

function assertUsableKey(key: string): void {
  if (key === '' || UNSAFE_KEY.test(key)) {
    throw new Error(`RootHasher: key ${JSON.stringify(key)} is empty or contains a control character or lone surrogate`);
  }
}
