// The optimised canonical JSON (one walk, built-in sort and JSON.stringify where they agree with code
// point order) against the original straightforward one: same text, so the same hashes, for any input.
import fc from 'fast-check';
import { canonicalize, canonicalJson, normalize, type Json, type NormalizationRules } from '../../../domain/canonical-json';
import * as reference from './canonical-json-reference';

/** Keys where a shortcut could go wrong: array-index-like (JS orders them first), `__proto__`, astral and BMP-private characters. */
const trickyKey = fc.constantFrom(
  '__proto__',
  '0',
  '1',
  '9',
  '10',
  '01',
  '-1',
  '1.5',
  '4294967295',
  'a',
  'B',
  'é',
  '\uFF5E',
  '\u{1F600}',
  '\ud800',
  '~/',
  'self',
  'id',
);
const key = fc.oneof(trickyKey, fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 }));
const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 1e21, 5e-324, 1.5e-7, 0.1, 2 ** 53), fc.integer());
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  number,
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('https://acme.atlassian.net/rest/api/3/role/1', '\ud800'),
);

/** Objects built member by member with defineProperty, so `__proto__` is an own data member as JSON.parse makes it. */
const { tree } = fc.letrec<{ tree: unknown; object: Record<string, unknown> }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('tree'), { maxLength: 4 }), tie('object')),
  object: fc.array(fc.tuple(key, tie('tree')), { maxLength: 6 }).map((members) => {
    const object: Record<string, unknown> = {};
    for (const [name, value] of members) Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
    return object;
  }),
}));

const RULES: NormalizationRules[] = [
  { volatileKeys: [], droppedPaths: [], unorderedArrays: [], siteLinkPaths: [] },
  {
    volatileKeys: ['self'],
    droppedPaths: ['*.id', 'a.0'],
    unorderedArrays: [
      { path: '*', sortBy: ['id', 'a'] },
      { path: 'B.*', sortBy: [] },
    ],
    siteLinkPaths: ['*', '*.*'],
    userProfileKeys: ['a', 'é'],
  },
];

describe('canonical JSON against the reference implementation', () => {
  it('writes the same text for any JSON value (property)', () => {
    fc.assert(
      fc.property(tree, (value) => {
        expect(canonicalJson(value as Json)).toBe(reference.canonicalJson(value as reference.Json));
      }),
      { numRuns: 2000 },
    );
  });

  it('normalises to the same body and text under rules (property)', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom(...RULES), (value, rules) => {
        const expected = reference.canonicalJson(reference.normalize(value, rules));
        const { canonical, text } = canonicalize(value, rules);
        expect(text).toBe(expected);
        expect(canonicalJson(canonical)).toBe(expected);
        expect(canonicalJson(normalize(value, rules))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes array-index-like keys in code point order, not the numeric order JSON.stringify uses', () => {
    const raw = JSON.parse('{"10":1,"9":2,"1a":3,"0":4,"__proto__":{"2":5,"11":6}}') as unknown;
    const { text } = canonicalize(raw, RULES[0]!);
    expect(text).toBe('{"0":4,"10":1,"1a":3,"9":2,"__proto__":{"11":6,"2":5}}');
    expect(text).toBe(reference.canonicalJson(reference.normalize(raw, RULES[0]!)));
  });

  it('orders astral and private-use keys by code point in the one-walk path too', () => {
    const raw = { '\u{1F600}': 1, '\uFF5E': 2, a: { '\u{10000}': 3, '\uE000': 4 } };
    expect(canonicalize(raw, RULES[0]!).text).toBe('{"a":{"\uE000":4,"\u{10000}":3},"\uFF5E":2,"\u{1F600}":1}');
  });

  it('reports problems with the same message and JSON pointer', () => {
    const bad: unknown[] = [
      { a: [1, { 'b/c~': Number.NaN }] },
      { x: { y: [0, 1, new Date(0)] } },
      [[undefined]],
      Number.POSITIVE_INFINITY,
      { f: () => 1 },
    ];
    for (const value of bad) {
      expect(() => canonicalJson(value as Json)).toThrow(messageOf(() => reference.canonicalJson(value as reference.Json)));
      expect(() => canonicalize(value, RULES[0]!)).toThrow(messageOf(() => reference.normalize(value, RULES[0]!)));
    }
  });
});

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the reference to throw');
}
