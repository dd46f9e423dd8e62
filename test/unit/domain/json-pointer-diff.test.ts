import fc from 'fast-check';
import { compareCodePoints, type Json } from '../../../domain/canonical-json';
import { canonicalJson } from '../../../domain/canonical-json';
import { changedPaths, escapePointerToken, valueAtPointer } from '../../../domain/json-pointer-diff';
import { toConfigObject } from '../../../domain/config-object';
import { PERMISSION_SCHEME } from './jira-fixtures';

describe('changedPaths', () => {
  it('is empty for equal bodies', () => {
    expect(changedPaths({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });

  it('reports added, removed and changed members by pointer, sorted', () => {
    const before = { name: 'A', description: 'old', lead: { accountId: 'x' }, gone: { deep: 1 } };
    const after = { name: 'A', description: 'new', lead: { accountId: 'y' }, added: { deep: 2 } };
    expect(changedPaths(before, after)).toEqual(['/added', '/description', '/gone', '/lead/accountId']);
  });

  it('compares equal-length arrays by index and reports only the array when lengths differ', () => {
    expect(changedPaths({ xs: [1, 2, 3] }, { xs: [1, 5, 3] })).toEqual(['/xs/1']);
    expect(changedPaths({ xs: [{ a: 1 }, { a: 2 }] }, { xs: [{ a: 1 }, { a: 3 }] })).toEqual(['/xs/1/a']);
    expect(changedPaths({ xs: [1, 2, 3] }, { xs: [0, 1, 2, 3] })).toEqual(['/xs']);
  });

  it('reports a change of kind at the node, and the root as ""', () => {
    expect(changedPaths({ a: [1] }, { a: { 0: 1 } })).toEqual(['/a']);
    expect(changedPaths({ a: null }, { a: 0 })).toEqual(['/a']);
    expect(changedPaths([1], { a: 1 })).toEqual(['']);
    expect(changedPaths('x', 'y')).toEqual(['']);
  });

  it('escapes ~ and / in member names (RFC 6901)', () => {
    expect(changedPaths({ 'a/b': 1, 'c~d': 1 }, { 'a/b': 2, 'c~d': 2 })).toEqual(['/a~1b', '/c~0d']);
    expect(escapePointerToken('~/')).toBe('~0~1');
  });

  it('handles a member named __proto__', () => {
    const before = JSON.parse('{"__proto__":{"a":1}}') as Json;
    const after = JSON.parse('{"__proto__":{"a":2}}') as Json;
    expect(changedPaths(before, after)).toEqual(['/__proto__/a']);
    expect(changedPaths(before, {})).toEqual(['/__proto__']);
  });

  it('names the grant that changed in a permission scheme', () => {
    const before = toConfigObject('permissionscheme', PERMISSION_SCHEME);
    const edited = {
      ...PERMISSION_SCHEME,
      name: 'Renamed',
      permissions: PERMISSION_SCHEME.permissions.map((p) => (p.permission === 'CLOSE_ISSUES' ? { ...p, permission: 'RESOLVE_ISSUES' } : p)),
    };
    const after = toConfigObject('permissionscheme', edited);
    expect(changedPaths(before.canonical, after.canonical)).toEqual(['/name', '/permissions/4/permission']);
  });

  it('changedPaths(a, a) is empty (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(changedPaths(value as Json, value as Json)).toEqual([])));
  });

  it('is empty exactly when the canonical texts are equal, sorted and unique, and every pointer exists in one of the two bodies (property)', () => {
    const body = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom<Json>({ a: 1, b: [1, 2] }, { a: 2, b: [1, 2, 3] }, { b: [1, 3] }, []));
    fc.assert(
      fc.property(body, body, (a, b) => {
        const before = a as Json;
        const after = b as Json;
        const paths = changedPaths(before, after);
        expect(paths.length === 0).toBe(canonicalJson(before) === canonicalJson(after));
        expect(paths).toEqual([...new Set(paths)].sort(compareCodePoints));
        for (const pointer of paths) {
          expect(valueAtPointer(before, pointer) !== undefined || valueAtPointer(after, pointer) !== undefined).toBe(true);
        }
      }),
    );
  });

  it('reports pointers that exist on both sides when only values change (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const json = value as Json;
        const changed = JSON.parse(JSON.stringify(json, (_k, v: unknown) => (typeof v === 'number' ? v + 1 : v))) as Json;
        for (const pointer of changedPaths(json, changed)) {
          expect(valueAtPointer(json, pointer)).not.toBeUndefined();
          expect(valueAtPointer(changed, pointer)).not.toBeUndefined();
        }
      }),
    );
  });
});

describe('valueAtPointer', () => {
  const doc: Json = { a: [10, { 'b/c': 'x', '~': true }], '': 0 };
  it('resolves RFC 6901 pointers', () => {
    expect(valueAtPointer(doc, '')).toBe(doc);
    expect(valueAtPointer(doc, '/a/0')).toBe(10);
    expect(valueAtPointer(doc, '/a/1/b~1c')).toBe('x');
    expect(valueAtPointer(doc, '/a/1/~0')).toBe(true);
    expect(valueAtPointer(doc, '/')).toBe(0);
  });

  it('returns undefined for missing members and non-canonical indices', () => {
    expect(valueAtPointer(doc, '/a/2')).toBeUndefined();
    expect(valueAtPointer(doc, '/a/01')).toBeUndefined();
    expect(valueAtPointer(doc, '/a/0/x')).toBeUndefined();
    expect(valueAtPointer(doc, '/constructor')).toBeUndefined();
    expect(() => valueAtPointer(doc, 'a')).toThrow('invalid JSON pointer');
  });
});
