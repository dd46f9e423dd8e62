/** The screens group's keys and normalisation decisions (the hash properties run over every fixture in config-object.test.ts). */
import { canonicalJson, normalize, type Json } from '../../../domain/canonical-json';
import { CONFIG_CATALOGUE, PARENT_TYPE, snapshotPhases } from '../../../domain/config-catalogue';
import { toConfigObject } from '../../../domain/config-object';
import { ISSUE_TYPE_SCHEME_ITEMS, ISSUE_TYPE_SCREEN_SCHEME, SCREEN_SCHEME, SCREEN_TAB } from './screen-fixtures';

type GroupType = 'screentab' | 'screenscheme' | 'issuetypescreenscheme' | 'issuetypeschemeitems';
const canonical = (type: GroupType, raw: unknown) => canonicalJson(normalize(raw, CONFIG_CATALOGUE[type].rules));
const body = (type: GroupType, raw: unknown) => normalize(raw, CONFIG_CATALOGUE[type].rules) as Record<string, Json>;

describe('stable keys', () => {
  it('a tab is keyed under its screen; schemes and scheme items by their own id', () => {
    expect(toConfigObject('screentab', SCREEN_TAB).key).toBe('screentab/10000:10001');
    expect(toConfigObject('screenscheme', SCREEN_SCHEME).key).toBe('screenscheme/10010');
    expect(toConfigObject('issuetypescreenscheme', ISSUE_TYPE_SCREEN_SCHEME).key).toBe('issuetypescreenscheme/10001');
    expect(toConfigObject('issuetypeschemeitems', ISSUE_TYPE_SCHEME_ITEMS).key).toBe('issuetypeschemeitems/10000');
  });

  it('tabs are read after screens; a tab without parentKey is refused', () => {
    expect(PARENT_TYPE.screentab).toBe('screen');
    const phases = snapshotPhases();
    expect(phases.findIndex((p) => p.includes('screentab'))).toBe(phases.findIndex((p) => p.includes('screen')) + 1);
    for (const type of ['screenscheme', 'issuetypescreenscheme', 'issuetypeschemeitems'] as const) expect(phases[0]).toContain(type);
    const { parentKey: _gone, ...orphan } = SCREEN_TAB;
    expect(() => toConfigObject('screentab', orphan)).toThrow('screentab: object has no parentKey');
  });
});

describe('normalisation', () => {
  it("a tab keeps its fields' order and its position; field names (copies of the fields) are dropped", () => {
    const tab = body('screentab', SCREEN_TAB);
    expect(tab['fields']).toEqual([{ id: 'summary' }, { id: 'customfield_10020' }, { id: 'duedate' }]);
    expect(tab['position']).toBe(1);
    const renamed = { ...SCREEN_TAB, fields: SCREEN_TAB.fields.map((f) => ({ ...f, name: `${f.name} (renamed)` })) };
    expect(canonical('screentab', renamed)).toBe(canonical('screentab', SCREEN_TAB));
    const reordered = { ...SCREEN_TAB, fields: [...SCREEN_TAB.fields].reverse() };
    expect(canonical('screentab', reordered)).not.toBe(canonical('screentab', SCREEN_TAB));
    expect(canonical('screentab', { ...SCREEN_TAB, position: 0 })).not.toBe(canonical('screentab', SCREEN_TAB));
  });

  it('issue type screen scheme mappings are a set; a remapped issue type is a change', () => {
    const reversed = { ...ISSUE_TYPE_SCREEN_SCHEME, mappings: [...ISSUE_TYPE_SCREEN_SCHEME.mappings].reverse() };
    expect(canonical('issuetypescreenscheme', reversed)).toBe(canonical('issuetypescreenscheme', ISSUE_TYPE_SCREEN_SCHEME));
    const remapped = {
      ...ISSUE_TYPE_SCREEN_SCHEME,
      mappings: ISSUE_TYPE_SCREEN_SCHEME.mappings.map((m) => (m.issueTypeId === '10001' ? { ...m, screenSchemeId: '10003' } : m)),
    };
    expect(canonical('issuetypescreenscheme', remapped)).not.toBe(canonical('issuetypescreenscheme', ISSUE_TYPE_SCREEN_SCHEME));
  });

  it("an issue type scheme's issue type order is kept: moving one is a change", () => {
    const moved = { ...ISSUE_TYPE_SCHEME_ITEMS, issueTypeIds: ['10000', '10003', '10001'] };
    expect(canonical('issuetypeschemeitems', moved)).not.toBe(canonical('issuetypeschemeitems', ISSUE_TYPE_SCHEME_ITEMS));
  });

  it('derived expansions are dropped: issue type screen schemes of a screen scheme, projects of an issue type screen scheme', () => {
    const expanded = { ...SCREEN_SCHEME, issueTypeScreenSchemes: { isLast: true, values: [{ id: '1', name: 'x' }] } };
    expect(canonical('screenscheme', expanded)).toBe(canonical('screenscheme', SCREEN_SCHEME));
    const withProjects = { ...ISSUE_TYPE_SCREEN_SCHEME, projects: { isLast: true, values: [{ id: '10000' }] } };
    expect(canonical('issuetypescreenscheme', withProjects)).toBe(canonical('issuetypescreenscheme', ISSUE_TYPE_SCREEN_SCHEME));
  });
});
