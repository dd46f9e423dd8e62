import fc from 'fast-check';
import {
  canonicalJson,
  compareCodePoints,
  normalize,
  pathMatches,
  stripSiteOrigin,
  type Json,
  type NormalizationRules,
} from '../../../domain/canonical-json';
import { seededRandom, shuffleTree } from './tree-helpers';

const NO_RULES: NormalizationRules = { volatileKeys: [], droppedPaths: [], unorderedArrays: [], siteLinkPaths: [] };

function rules(extra: Partial<NormalizationRules>): NormalizationRules {
  return { ...NO_RULES, ...extra };
}

/** Converts -0 to 0, the only value JSON cannot round-trip. */
function withoutNegativeZero(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('orders keys by code point (UTF-8 byte order), not UTF-16 code units', () => {
    // U+FF5E (one UTF-16 unit 0xFF5E) sorts before U+1F600 (surrogates 0xD83D 0xDE00) in UTF-8.
    expect(canonicalJson({ '\u{1F600}': 1, '\uFF5E': 2, a: 3, B: 4 })).toBe('{"B":4,"a":3,"\uFF5E":2,"\u{1F600}":1}');
  });

  it('writes numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson([1e21, 0.1, -0, 1.5e-7, 'é"\\\n', '\ud800'])).toBe('[1e+21,0.1,0,1.5e-7,"é\\"\\\\\\n","\\ud800"]');
  });

  it('drops undefined object members', () => {
    expect(canonicalJson({ a: undefined, b: 1 } as unknown as Json)).toBe('{"b":1}');
  });

  it('rejects non-finite numbers and non-JSON values with the location', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('JSON cannot represent the number NaN at JSON pointer "/a/1"');
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow('at the root');
    expect(() => canonicalJson({ when: new Date(0) } as unknown as Json)).toThrow('not plain JSON data: [object Date] at JSON pointer "/when"');
    expect(() => canonicalJson([undefined] as unknown as Json)).toThrow('undefined array element');
  });

  it('round-trips through JSON.parse (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value as Json);
        expect(JSON.parse(text)).toEqual(withoutNegativeZero(value));
        expect(canonicalJson(JSON.parse(text) as Json)).toBe(text);
      }),
    );
  });

  it('does not depend on member insertion order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        const reordered = shuffleTree(value, NO_RULES, seededRandom(seed)) as Json;
        expect(canonicalJson(reordered)).toBe(canonicalJson(value as Json));
      }),
      // An own `__proto__` member is ordinary JSON data (a CI run once found it by chance).
      { examples: [[{ ['__proto__']: '' }, 0]] },
    );
  });
});

describe('compareCodePoints', () => {
  it('agrees with UTF-8 byte order (property)', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-ascii' }), fc.string({ unit: 'binary-ascii' }));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))));
      }),
    );
  });
});

describe('pathMatches', () => {
  it('matches literal segments and * for any key or index', () => {
    expect(pathMatches('permissions.*.id', ['permissions', '3', 'id'])).toBe(true);
    expect(pathMatches('permissions.*.id', ['permissions', '3', 'holder', 'id'])).toBe(false);
    expect(pathMatches('lead.displayName', ['lead', 'displayName'])).toBe(true);
    expect(pathMatches('roles.*', ['roles', 'Developers'])).toBe(true);
  });

  it('rejects empty segments', () => {
    expect(() => pathMatches('a..b', ['a'])).toThrow('invalid path pattern');
  });
});

describe('stripSiteOrigin', () => {
  it('reduces site and gateway links to the same site-relative path', () => {
    expect(stripSiteOrigin('https://acme.atlassian.net/rest/api/3/project/10000/role/10002')).toBe('/rest/api/3/project/10000/role/10002');
    expect(stripSiteOrigin('https://api.atlassian.com/ex/jira/11223344-a1b2/rest/api/3/project/10000/role/10002')).toBe(
      '/rest/api/3/project/10000/role/10002',
    );
    expect(stripSiteOrigin('http://127.0.0.1:4010/rest/api/3/version/1?x=1')).toBe('/rest/api/3/version/1?x=1');
    expect(stripSiteOrigin('https://acme.atlassian.net')).toBe('/');
  });

  it('leaves other strings alone', () => {
    expect(stripSiteOrigin('/rest/api/3/x')).toBe('/rest/api/3/x');
    expect(stripSiteOrigin('mailto:ops@example.com')).toBe('mailto:ops@example.com');
  });
});

describe('normalize', () => {
  it('drops volatile keys anywhere and members at dropped paths, without touching the input', () => {
    const raw = { self: 's', id: '1', lead: { self: 's', accountId: 'a', displayName: 'Mia' }, items: [{ self: 's', id: 2, n: 1 }] };
    const before = JSON.stringify(raw);
    const result = normalize(raw, rules({ volatileKeys: ['self'], droppedPaths: ['lead.displayName', 'items.*.id'] }));
    expect(result).toEqual({ id: '1', lead: { accountId: 'a' }, items: [{ n: 1 }] });
    expect(JSON.stringify(raw)).toBe(before);
  });

  it('drops profile members from user objects only', () => {
    const raw = { lead: { accountId: 'a', accountType: 'atlassian', displayName: 'Mia', active: true }, other: { displayName: 'kept: not a user' } };
    expect(normalize(raw, rules({ userProfileKeys: ['displayName', 'active'] }))).toEqual({
      lead: { accountId: 'a', accountType: 'atlassian' },
      other: { displayName: 'kept: not a user' },
    });
  });

  it('sorts unordered arrays by sort keys, then by canonical text; other arrays keep their order', () => {
    const raw = {
      grants: [
        { permission: 'B', holder: { type: 'group', value: 'g2' } },
        { permission: 'A', holder: { type: 'user', value: 'u1' } },
        { permission: 'B', holder: { type: 'group', value: 'g1' } },
        { permission: 'B', holder: { type: 'anyone' } },
      ],
      names: ['b', 'a', 'c'],
      ordered: ['b', 'a', 'c'],
    };
    const result = normalize(
      raw,
      rules({
        unorderedArrays: [
          { path: 'grants', sortBy: ['permission', 'holder.type', 'holder.value'] },
          { path: 'names', sortBy: [] },
        ],
      }),
    );
    expect(result).toEqual({
      grants: [
        { permission: 'A', holder: { type: 'user', value: 'u1' } },
        { permission: 'B', holder: { type: 'anyone' } },
        { permission: 'B', holder: { type: 'group', value: 'g1' } },
        { permission: 'B', holder: { type: 'group', value: 'g2' } },
      ],
      names: ['a', 'b', 'c'],
      ordered: ['b', 'a', 'c'],
    });
  });

  it('sorts by normalised elements, so dropped members never influence the order', () => {
    const raw = {
      actors: [
        { id: 2, name: 'x' },
        { id: 1, name: 'x' },
        { id: 3, name: 'a' },
      ],
    };
    const result = normalize(raw, rules({ droppedPaths: ['actors.*.id'], unorderedArrays: [{ path: 'actors', sortBy: ['id'] }] }));
    expect(result).toEqual({ actors: [{ name: 'a' }, { name: 'x' }, { name: 'x' }] });
  });

  it('sorts mixed kinds deterministically: missing < null < boolean < number < string < structures', () => {
    const raw = { xs: [{ k: 'a' }, { k: [1] }, { k: 2 }, { k: true }, { k: null }, {}, { k: 10 }] };
    expect(normalize(raw, rules({ unorderedArrays: [{ path: 'xs', sortBy: ['k'] }] }))).toEqual({
      xs: [{}, { k: null }, { k: true }, { k: 2 }, { k: 10 }, { k: 'a' }, { k: [1] }],
    });
  });

  it('makes site links site-relative only at the declared paths', () => {
    const raw = { roles: { Dev: 'https://acme.atlassian.net/rest/api/3/role/1' }, url: 'https://acme.atlassian.net/wiki' };
    expect(normalize(raw, rules({ siteLinkPaths: ['roles.*'] }))).toEqual({
      roles: { Dev: '/rest/api/3/role/1' },
      url: 'https://acme.atlassian.net/wiki',
    });
  });

  it('keeps a member named __proto__ as data', () => {
    const raw = JSON.parse('{"__proto__":{"a":1},"b":2}') as unknown;
    const result = normalize(raw, NO_RULES);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(canonicalJson(result)).toBe('{"__proto__":{"a":1},"b":2}');
  });

  it('drops undefined members and rejects non-JSON values', () => {
    expect(normalize({ a: undefined, b: 1 }, NO_RULES)).toEqual({ b: 1 });
    expect(() => normalize({ a: new Map() }, NO_RULES)).toThrow('not plain JSON data: [object Map] at JSON pointer "/a"');
    expect(() => normalize({ a: [Number.NaN] }, NO_RULES)).toThrow('"/a/0"');
    expect(() => normalize(undefined, NO_RULES)).toThrow('undefined');
  });

  it('is idempotent on arbitrary JSON (property)', () => {
    const someRules = rules({
      volatileKeys: ['a'],
      droppedPaths: ['*.b'],
      unorderedArrays: [
        { path: 'c', sortBy: ['d'] },
        { path: '*', sortBy: [] },
      ],
    });
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = normalize(value, someRules);
        expect(canonicalJson(normalize(once, someRules))).toBe(canonicalJson(once));
      }),
    );
  });
});
