// The screens group's read plans against a scripted Jira: what each emits (keys' parents, tab
// positions, field order, scheme item order across pages that arrive out of order) and how many
// requests each makes.
import { JiraHttpError } from '../../../jira-cloud/errors';
import type { PagingClient } from '../../../jira-cloud/pagination';
import { issueTypeSchemeItems, issueTypeScreenSchemes, screenTabs } from '../../../jira-cloud/reads/screens';

type Rows = Array<Record<string, unknown>>;

/** Serves plain arrays by path and PageBeans of `rows` by path; later pages answer sooner (so they arrive first). */
function scriptedJira(arrays: Record<string, unknown>, beans: Record<string, Rows>): PagingClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    concurrency: 8,
    async getJson(path, query) {
      calls.push(path);
      if (path in arrays) {
        const body = arrays[path];
        if (body === 404) throw new JiraHttpError({ method: 'GET', path, status: 404, retryable: false });
        return body;
      }
      const rows = beans[path];
      if (!rows) throw new JiraHttpError({ method: 'GET', path, status: 404, retryable: false });
      const startAt = Number(query?.['startAt'] ?? 0);
      const maxResults = Math.min(Number(query?.['maxResults'] ?? 50), 2);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 30 - startAt * 3)));
      const values = rows.slice(startAt, startAt + maxResults);
      return { startAt, maxResults, total: rows.length, isLast: startAt + maxResults >= rows.length, values };
    },
  };
}

async function emitted(read: (emit: (values: Rows) => Promise<void>) => Promise<number>): Promise<{ objects: Rows; requests: number }> {
  const objects: Rows = [];
  const requests = await read(async (values) => {
    objects.push(...values);
  });
  return { objects, requests };
}

test("a screen's tabs carry their screen, their place and their fields in order; a tab gone meanwhile is skipped", async () => {
  const base = '/rest/api/3/screens/10000/tabs';
  const jira = scriptedJira(
    {
      [base]: [
        { id: 10001, name: 'Field Tab' },
        { id: 10005, name: 'Gone' },
        { id: 10002, name: 'People' },
      ],
      [`${base}/10001/fields`]: [
        { id: 'summary', name: 'Summary' },
        { id: 'duedate', name: 'Due date' },
      ],
      [`${base}/10005/fields`]: 404,
      [`${base}/10002/fields`]: [{ id: 'assignee', name: 'Assignee' }],
    },
    {},
  );
  const { objects, requests } = await emitted((emit) => screenTabs.read(jira, { id: 10000, name: 'Default Screen' }, emit));
  expect(objects).toEqual([
    {
      id: 10001,
      name: 'Field Tab',
      parentKey: '10000',
      screenId: '10000',
      position: 0,
      fields: [
        { id: 'summary', name: 'Summary' },
        { id: 'duedate', name: 'Due date' },
      ],
    },
    { id: 10002, name: 'People', parentKey: '10000', screenId: '10000', position: 2, fields: [{ id: 'assignee', name: 'Assignee' }] },
  ]);
  expect(requests).toBe(4);
});

test("an issue type scheme's items keep the API order even when its rows span pages that arrive out of order", async () => {
  const rows = [
    ['10000', '10003'],
    ['10000', '10001'],
    ['10000', '10004'],
    ['10000', '10002'],
    ['10000', '10000'],
    ['10001', '10002'],
    ['10001', '10001'],
  ].map(([issueTypeSchemeId, issueTypeId]) => ({ issueTypeSchemeId, issueTypeId }));
  const jira = scriptedJira({}, { '/rest/api/3/issuetypescheme/mapping': rows });
  const { objects, requests } = await emitted((emit) => issueTypeSchemeItems.read(jira, emit));
  expect(objects).toEqual([
    { id: '10000', issueTypeIds: ['10003', '10001', '10004', '10002', '10000'] },
    { id: '10001', issueTypeIds: ['10002', '10001'] },
  ]);
  expect(requests).toBe(4);
});

test('issue type screen schemes carry their mappings without the repeated scheme id', async () => {
  const jira = scriptedJira(
    {},
    {
      '/rest/api/3/issuetypescreenscheme': [
        { id: '1', name: 'Default Issue Type Screen Scheme' },
        { id: '10000', name: 'Office' },
      ],
      '/rest/api/3/issuetypescreenscheme/mapping': [
        { issueTypeScreenSchemeId: '1', issueTypeId: 'default', screenSchemeId: '1' },
        { issueTypeScreenSchemeId: '10000', issueTypeId: 'default', screenSchemeId: '10001' },
        { issueTypeScreenSchemeId: '10000', issueTypeId: '10002', screenSchemeId: '10002' },
      ],
    },
  );
  const { objects } = await emitted((emit) => issueTypeScreenSchemes.read(jira, emit));
  expect(objects).toEqual([
    { id: '1', name: 'Default Issue Type Screen Scheme', mappings: [{ issueTypeId: 'default', screenSchemeId: '1' }] },
    {
      id: '10000',
      name: 'Office',
      mappings: [
        { issueTypeId: 'default', screenSchemeId: '10001' },
        { issueTypeId: '10002', screenSchemeId: '10002' },
      ],
    },
  ]);
});
