// The screens group: a screen's tabs with their fields, screen schemes, issue type screen schemes with
// their mappings, and each issue type scheme's ordered issue types.
import { childSpec, rules, spec, unordered, type ConfigTypeSpec } from '../catalogue-kit';

export const SCREEN_GROUP_TYPES = ['screentab', 'screenscheme', 'issuetypescreenscheme', 'issuetypeschemeitems'] as const;

export type ScreenGroupType = (typeof SCREEN_GROUP_TYPES)[number];

/** A screen's tabs are read once per screen of the snapshot. */
export const SCREEN_GROUP_PARENTS = { screentab: 'screen' } as const;

export const SCREEN_GROUP_CATALOGUE: { readonly [T in ScreenGroupType]: ConfigTypeSpec } = {
  // One tab of a screen: its name, its place among the screen's tabs (`position`) and its fields in
  // order. Both orders are the on-screen layout users see, so neither array is declared unordered.
  // `fields.*.name` is the field's own name (a copy of the field object): a field rename is drift of the field.
  screentab: childSpec('screentab', rules({ droppedPaths: ['fields.*.name'] })),
  // The screen per issue operation (`screens`: an object, so canonical key order already holds).
  // expand=issueTypeScreenSchemes is derived from the issue type screen schemes (not requested; dropped if present).
  screenscheme: spec('screenscheme', rules({ droppedPaths: ['issueTypeScreenSchemes'] })),
  // Issue type (or "default") → screen scheme: a mapping, not a list. Project associations
  // (expand=projects) belong to the projects' scheme associations (not requested; dropped if present).
  issuetypescreenscheme: spec(
    'issuetypescreenscheme',
    rules({ droppedPaths: ['projects'], unorderedArrays: [unordered('mappings', 'issueTypeId', 'screenSchemeId')] }),
  ),
  // An issue type scheme's issue types (keyed by the scheme's id). `issueTypeIds` keeps its order: it
  // is the order users pick issue types in, and Jira has an endpoint to change it
  // (PUT /issuetypescheme/{id}/issuetype/move).
  issuetypeschemeitems: spec('issuetypeschemeitems', rules({})),
};
