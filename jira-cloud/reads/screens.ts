// The screens group: a screen's tabs with their fields in order, screen schemes, issue type screen
// schemes with their mappings, and each issue type scheme's ordered issue types.
import { isNotFound } from '../errors';
import { collect, groupBy, pageBean, text, type ListPlan, type PerParentPlan, listWithRows } from '../read-plan-kit';

const SCREEN = '/rest/api/3/screens/{screenId}';

/**
 * A screen's tabs (one request) and each tab's fields (one request per tab, a plain array in on-screen
 * order). `position` is the tab's place among the screen's tabs: the order users see them in.
 */
export const screenTabs: PerParentPlan = {
  kind: 'per-parent',
  scopes: ['read:screen-tab:jira', 'read:screenable-field:jira'],
  endpoints: [`GET ${SCREEN}/tabs`, `GET ${SCREEN}/tabs/{tabId}/fields`],
  async read(client, screen, emit) {
    const screenId = text(screen['id']);
    const base = `/rest/api/3/screens/${encodeURIComponent(screenId)}/tabs`;
    const tabs = await collect(client, { path: base, shape: { kind: 'array' } });
    const read = await Promise.all(
      tabs.values.map(async (tab, position) => {
        const tabId = text(tab['id']);
        try {
          const fields = await collect(client, { path: `${base}/${encodeURIComponent(tabId)}/fields`, shape: { kind: 'array' } });
          return { body: { ...tab, parentKey: screenId, screenId, position, fields: fields.values }, requests: fields.pages };
        } catch (err) {
          // A tab deleted since the screen's tabs were listed has no fields to read any more.
          if (isNotFound(err)) return { body: undefined, requests: 1 };
          throw err;
        }
      }),
    );
    await emit(read.flatMap((r) => (r.body ? [r.body] : [])));
    return tabs.pages + read.reduce((sum, r) => sum + r.requests, 0);
  },
};

/** Issue type screen schemes with their issue type → screen scheme mappings. */
export const issueTypeScreenSchemes: ListPlan = listWithRows(
  { parents: pageBean('/rest/api/3/issuetypescreenscheme', 50), rows: pageBean('/rest/api/3/issuetypescreenscheme/mapping', 50) },
  { parentField: 'issueTypeScreenSchemeId', as: 'mappings' },
  ['read:issue-type-screen-scheme:jira'],
);

/**
 * Each issue type scheme's issue type ids in the scheme's order (one object per scheme, keyed by its
 * id), from the mapping rows; the scheme itself is the `issuetypescheme` type.
 */
export const issueTypeSchemeItems: ListPlan = {
  kind: 'list',
  scopes: ['read:issue-type-scheme:jira'],
  endpoints: ['GET /rest/api/3/issuetypescheme/mapping'],
  async read(client, emit) {
    const mappings = await collect(client, pageBean('/rest/api/3/issuetypescheme/mapping', 50));
    const objects = [...groupBy(mappings.values, 'issueTypeSchemeId')].map(([id, rows]) => ({
      id,
      issueTypeIds: rows.map((row) => text(row['issueTypeId'])),
    }));
    await emit(objects);
    return mappings.pages;
  },
};
