import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { compareKeys, EMPTY_ROOT_HASH, RootHasher, rootHash, sha256Hex, type HashEntry } from '../../../domain/hashing';
import { seededRandom, shuffled } from './tree-helpers';

const HASH_A = sha256Hex('a');
const HASH_B = sha256Hex('b');

// eslint-disable-next-line no-control-regex -- keys with control characters are refused; generate none
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
/** Unique, well-formed keys shaped like `type/id`. */
const keys = fc.uniqueArray(
  fc
    .tuple(
      fc.constantFrom('field', 'project', 'workflow', 'status'),
      fc.string({ unit: 'binary', minLength: 1 }).filter((s) => !CONTROL_CHARACTER.test(s)),
    )
    .map(([type, id]) => `${type}/${id}`),
  { maxLength: 40 },
);

function entriesFor(keyList: readonly string[]): HashEntry[] {
  return keyList.map((key) => ({ key, hash: sha256Hex(`body of ${key}`) }));
}

describe('sha256Hex', () => {
  it('hashes the UTF-8 bytes', () => {
    expect(sha256Hex('')).toBe(EMPTY_ROOT_HASH);
    expect(sha256Hex('é')).toBe(
      createHash('sha256')
        .update(Buffer.from([0xc3, 0xa9]))
        .digest('hex'),
    );
  });
});

describe('compareKeys', () => {
  it('is UTF-8 byte order, like PostgreSQL COLLATE "C" (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareKeys(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
    );
  });

  it('puts numeric ids in byte order, not numeric order', () => {
    expect(['project/9', 'project/10000', 'field/b', 'field/B'].sort(compareKeys)).toEqual(['field/B', 'field/b', 'project/10000', 'project/9']);
  });
});

describe('root hash', () => {
  it('is SHA-256 of "key\\thash\\n" lines in key order', () => {
    const expected = sha256Hex(`field/a\t${HASH_A}\nproject/b\t${HASH_B}\n`);
    expect(
      rootHash([
        { key: 'project/b', hash: HASH_B },
        { key: 'field/a', hash: HASH_A },
      ]),
    ).toBe(expected);
  });

  it('of the empty snapshot is SHA-256 of zero bytes', () => {
    expect(rootHash([])).toBe(EMPTY_ROOT_HASH);
    expect(new RootHasher().digest()).toBe(EMPTY_ROOT_HASH);
  });

  it('streams: count, repeatable digest, no adds after digest', () => {
    const hasher = new RootHasher();
    hasher.add('field/a', HASH_A);
    hasher.add('field/b', HASH_B);
    expect(hasher.count).toBe(2);
    const digest = hasher.digest();
    expect(hasher.digest()).toBe(digest);
    expect(() => hasher.add('field/c', HASH_A)).toThrow('add() after digest()');
  });

  it('rejects duplicate and decreasing keys', () => {
    const hasher = new RootHasher();
    hasher.add('field/b', HASH_A);
    expect(() => hasher.add('field/b', HASH_A)).toThrow('strictly increasing');
    expect(() => hasher.add('field/a', HASH_A)).toThrow('strictly increasing');
    expect(() =>
      rootHash([
        { key: 'x/1', hash: HASH_A },
        { key: 'x/1', hash: HASH_B },
      ]),
    ).toThrow('strictly increasing');
  });

  it('rejects keys and hashes that would make the line format ambiguous', () => {
    expect(() => new RootHasher().add('field/a\tb', HASH_A)).toThrow('control character');
    expect(() => new RootHasher().add('field/a\nb', HASH_A)).toThrow('control character');
    expect(() => new RootHasher().add('field/\ud800', HASH_A)).toThrow('lone surrogate');
    expect(() => new RootHasher().add('', HASH_A)).toThrow('empty');
    expect(() => new RootHasher().add('field/a', HASH_A.toUpperCase())).toThrow('lowercase hex');
    expect(() => new RootHasher().add('field/a', 'abc')).toThrow('lowercase hex');
  });

  it('RootHasher rejects any unsorted input (property)', () => {
    fc.assert(
      fc.property(keys, fc.integer(), (keyList, seed) => {
        const sorted = [...keyList].sort(compareKeys);
        const order = shuffled(keyList, seededRandom(seed));
        fc.pre(order.some((key, i) => key !== sorted[i]));
        const hasher = new RootHasher();
        expect(() => {
          for (const entry of entriesFor(order)) hasher.add(entry.key, entry.hash);
        }).toThrow('strictly increasing');
      }),
    );
  });

  it('does not depend on page size or the order pages and items arrive in (property)', () => {
    fc.assert(
      fc.property(keys, fc.integer({ min: 1, max: 50 }), fc.integer(), (keyList, pageSize, seed) => {
        const entries = entriesFor(keyList);
        const random = seededRandom(seed);
        const arrival = shuffled(entries, random);
        const pages: HashEntry[][] = [];
        for (let i = 0; i < arrival.length; i += pageSize) pages.push(arrival.slice(i, i + pageSize));
        const collected = shuffled(pages, random).flat();

        const streaming = new RootHasher();
        for (const entry of [...collected].sort((a, b) => compareKeys(a.key, b.key))) streaming.add(entry.key, entry.hash);

        expect(rootHash(collected)).toBe(rootHash(entries));
        expect(streaming.digest()).toBe(rootHash(entries));
        expect(streaming.count).toBe(entries.length);
      }),
    );
  });

  it('changes when any entry hash changes (property)', () => {
    fc.assert(
      fc.property(
        keys.filter((k) => k.length > 0),
        fc.nat(),
        (keyList, pick) => {
          const entries = entriesFor(keyList);
          const index = pick % entries.length;
          const changed = entries.map((e, i) => (i === index ? { key: e.key, hash: sha256Hex(`changed ${e.key}`) } : e));
          expect(rootHash(changed)).not.toBe(rootHash(entries));
        },
      ),
    );
  });
});
