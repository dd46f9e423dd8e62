import fc from 'fast-check';
import { canonicalJson, normalize } from '../../../domain/canonical-json';
import { CONFIG_CATALOGUE, type ConfigType } from '../../../domain/config-catalogue';
import { toConfigObject } from '../../../domain/config-object';
import { compareKeys, RootHasher, rootHash, sha256Hex } from '../../../domain/hashing';
import { changedPaths } from '../../../domain/json-pointer-diff';
import { FIXTURES, PROJECT } from './jira-fixtures';
import { changedScalar, isVolatileLeaf, leaves, seededRandom, shuffled, shuffleTree, withLeaf } from './tree-helpers';

const fixture = fc.constantFrom(...FIXTURES);

function rulesOf(type: ConfigType) {
  return CONFIG_CATALOGUE[type].rules;
}

function volatileLeaves(type: ConfigType, raw: unknown) {
  return leaves(raw).filter((leaf) => isVolatileLeaf(raw, rulesOf(type), leaf.path));
}

function realLeaves(type: ConfigType, raw: unknown) {
  return leaves(raw).filter((leaf) => !isVolatileLeaf(raw, rulesOf(type), leaf.path));
}

describe('toConfigObject', () => {
  it('keys by type and stable id and hashes the canonical text', () => {
    const object = toConfigObject('project', PROJECT);
    expect(object.key).toBe('project/10000');
    expect(object.type).toBe('project');
    expect(object.canonicalText).toBe(canonicalJson(object.canonical));
    expect(object.hash).toBe(sha256Hex(object.canonicalText));
    expect(object.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves no site host, self link or user profile data in any fixture', () => {
    for (const { type, raw } of FIXTURES) {
      const { canonicalText } = toConfigObject(type, raw);
      expect(canonicalText).not.toMatch(/atlassian\.(net|com)|"self"|"expand"|"avatarUrls"|"iconUrl"|emailAddress|Mia Krystof/);
    }
  });

  it('rejects unknown types and objects without an id', () => {
    expect(() => toConfigObject('nosuchtype' as ConfigType, { id: '1' })).toThrow('unknown configuration type "nosuchtype"');
    expect(() => toConfigObject('screen', { name: 'no id' })).toThrow('screen: object has no usable "id"');
  });

  it('fixtures exercise both volatile and real leaves (sanity check of the test oracle)', () => {
    for (const { type, raw } of FIXTURES) expect(realLeaves(type, raw).length).toBeGreaterThan(0);
    const withVolatile = FIXTURES.filter(({ type, raw }) => volatileLeaves(type, raw).length > 0).map(({ type }) => type);
    // Field (system), issue type scheme, JiraStatus, screen and the screen group's schemes carry nothing
    // volatile; a screen tab's field names are copies of the fields.
    expect(new Set(withVolatile)).toEqual(
      new Set([
        'project',
        'field',
        'issuetype',
        'status',
        'priority',
        'resolution',
        'workflow',
        'workflowscheme',
        'permissionscheme',
        'projectrole',
        'screentab',
      ]),
    );
  });
});

describe('hash properties', () => {
  it('shuffling declared-unordered arrays and member order gives the same hash', () => {
    fc.assert(
      fc.property(fixture, fc.integer(), ({ type, raw }, seed) => {
        const reordered = shuffleTree(raw, rulesOf(type), seededRandom(seed));
        const a = toConfigObject(type, raw);
        const b = toConfigObject(type, reordered);
        expect(b.key).toBe(a.key);
        expect(b.canonicalText).toBe(a.canonicalText);
        expect(b.hash).toBe(a.hash);
      }),
      { numRuns: 300 },
    );
  });

  it('needs the unordered-array rules: without them a shuffle changes the canonical text (sanity check)', () => {
    for (const { type, raw } of FIXTURES.filter((f) => ['workflow', 'permissionscheme', 'projectrole', 'project'].includes(f.type))) {
      const withoutSorting = { ...rulesOf(type), unorderedArrays: [] };
      const texts = new Set(
        [1, 2, 3, 4, 5].map((seed) => canonicalJson(normalize(shuffleTree(raw, rulesOf(type), seededRandom(seed)), withoutSorting))),
      );
      expect(texts.size).toBeGreaterThan(1);
    }
  });

  it('changing any non-volatile leaf changes the hash (a real change), and the diff points at it', () => {
    fc.assert(
      fc.property(fixture, fc.nat(), fc.integer(), ({ type, raw }, pick, seed) => {
        const candidates = realLeaves(type, raw);
        const leaf = candidates[pick % candidates.length];
        if (leaf === undefined) return;
        const changed = shuffleTree(withLeaf(raw, leaf.path, changedScalar(leaf.value)), rulesOf(type), seededRandom(seed));
        const before = toConfigObject(type, raw);
        const after = toConfigObject(type, changed);
        expect(after.hash).not.toBe(before.hash);
        expect(changedPaths(before.canonical, after.canonical).length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('every real leaf of every fixture is hashed (exhaustive)', () => {
    const unhashed: string[] = [];
    for (const { type, raw } of FIXTURES) {
      const original = toConfigObject(type, raw).hash;
      for (const leaf of realLeaves(type, raw)) {
        if (toConfigObject(type, withLeaf(raw, leaf.path, changedScalar(leaf.value))).hash === original)
          unhashed.push(`${type}: ${leaf.path.join('.')}`);
      }
    }
    expect(unhashed).toEqual([]);
  });

  it('changing only volatile fields does not change the hash', () => {
    fc.assert(
      fc.property(fixture, fc.array(fc.nat()), fc.integer(), ({ type, raw }, picks, seed) => {
        const candidates = volatileLeaves(type, raw);
        let changed = raw;
        for (const pick of candidates.length > 0 ? picks : []) {
          const leaf = candidates[pick % candidates.length];
          if (leaf !== undefined) changed = withLeaf(changed, leaf.path, changedScalar(leaf.value));
        }
        changed = shuffleTree(changed, rulesOf(type), seededRandom(seed));
        expect(toConfigObject(type, changed).hash).toBe(toConfigObject(type, raw).hash);
      }),
      { numRuns: 300 },
    );
  });

  it('moving the site (rename or API gateway) does not change any hash', () => {
    for (const { type, raw } of FIXTURES) {
      const moved = JSON.parse(JSON.stringify(raw).replace(/https:\/\/acme\.atlassian\.net/g, 'https://acme-renamed.atlassian.net')) as unknown;
      expect(toConfigObject(type, moved).hash).toBe(toConfigObject(type, raw).hash);
    }
  });

  it('volatile members that appear or disappear do not change the hash', () => {
    const withExtras = {
      ...PROJECT,
      insight: undefined,
      permissions: { canEdit: false, canDelete: true },
      favourite: false,
      lead: { accountId: PROJECT.lead['accountId'], accountType: 'atlassian', displayName: 'Mia K.', active: false },
    };
    expect(toConfigObject('project', withExtras).hash).toBe(toConfigObject('project', PROJECT).hash);
  });
});

describe('snapshot root hash over config objects', () => {
  /** Several objects per type: each fixture under a few different ids. */
  const objects = FIXTURES.flatMap(({ type, raw }) =>
    [0, 1, 2].map((n) => ({
      type,
      raw: n === 0 ? raw : { ...(raw as object), id: `${String((raw as { id: unknown }).id)}${n}`, name: `copy ${n}` },
    })),
  );

  it('does not depend on page size, page order, item order or array order in the API responses', () => {
    const expected = rootHash(objects.map(({ type, raw }) => toConfigObject(type, raw)));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: objects.length + 1 }), fc.integer(), (pageSize, seed) => {
        const random = seededRandom(seed);
        const arrival = shuffled(objects, random).map(({ type, raw }) => ({ type, raw: shuffleTree(raw, rulesOf(type), random) }));
        const pages: (typeof arrival)[] = [];
        for (let i = 0; i < arrival.length; i += pageSize) pages.push(arrival.slice(i, i + pageSize));
        const entries = shuffled(pages, random).flatMap((page) => page.map(({ type, raw }) => toConfigObject(type, raw)));

        const streaming = new RootHasher();
        for (const entry of [...entries].sort((a, b) => compareKeys(a.key, b.key))) streaming.add(entry.key, entry.hash);
        expect(rootHash(entries)).toBe(expected);
        expect(streaming.digest()).toBe(expected);
        expect(streaming.count).toBe(objects.length);
      }),
      { numRuns: 100 },
    );
  });
});
