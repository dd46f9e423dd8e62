// The boards group's read plans against a scripted Jira: what they ask for, what they emit, how they count
// requests, and which 404s mean "nothing there" (a filter without columns, a board deleted mid-read)
// rather than an unavailable type (the board list itself).
import { JiraHttpError } from '../../../jira-cloud/errors';
import type { PagingClient } from '../../../jira-cloud/pagination';
import { boards, dashboardGadgets, filters } from '../../../jira-cloud/reads/boards';

type Answer = unknown; // a body, or `{ status }` for an error answer

function scripted(answers: Record<string, Answer>): PagingClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    concurrency: 4,
    getJson: async (path, query) => {
      calls.push(query ? `${path}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()}` : path);
      const answer = answers[path];
      if (answer === undefined) throw new Error(`unexpected ${path}`);
      if (typeof answer === 'object' && answer !== null && 'status' in answer) {
        throw new JiraHttpError({ method: 'GET', path, status: (answer as { status: number }).status, retryable: false });
      }
      return answer;
    },
  };
}

const page = (values: unknown[]) => ({ startAt: 0, maxResults: 50, total: values.length, isLast: true, values });

async function run(read: (emit: (v: Array<Record<string, unknown>>) => Promise<void>) => Promise<number>) {
  const emitted: Array<Record<string, unknown>> = [];
  const requests = await read(async (values) => {
    emitted.push(...values);
  });
  return { emitted, requests };
}

test('filters: expanded search, then each filter’s columns in order; 404 means the filter has none', async () => {
  const client = scripted({
    '/rest/api/3/filter/search': page([
      { id: '10000', name: 'A', jql: 'project = A' },
      { id: '10001', name: 'B', jql: 'project = B' },
    ]),
    '/rest/api/3/filter/10000/columns': [
      { label: 'Key', value: 'issuekey' },
      { label: 'Summary', value: 'summary' },
    ],
    '/rest/api/3/filter/10001/columns': { status: 404 },
  });
  const { emitted, requests } = await run((emit) => filters.read(client, emit));
  expect(emitted).toEqual([
    {
      id: '10000',
      name: 'A',
      jql: 'project = A',
      columns: [
        { label: 'Key', value: 'issuekey' },
        { label: 'Summary', value: 'summary' },
      ],
    },
    { id: '10001', name: 'B', jql: 'project = B' },
  ]);
  expect(requests).toBe(3);
  expect(client.calls[0]).toContain('expand=description%2Cjql%2Cowner%2CsharePermissions%2CeditPermissions');
});

test('filters: any other failure of a columns request fails the read', async () => {
  const client = scripted({ '/rest/api/3/filter/search': page([{ id: '1', name: 'A' }]), '/rest/api/3/filter/1/columns': { status: 500 } });
  await expect(run((emit) => filters.read(client, emit))).rejects.toMatchObject({ status: 500 });
});

test('boards: each board with its configuration; a board gone before its configuration is read is left out', async () => {
  const client = scripted({
    '/rest/agile/1.0/board': page([
      { id: 1, name: 'EX board', type: 'scrum', location: { projectId: 10000 } },
      { id: 2, name: 'Gone', type: 'kanban' },
    ]),
    '/rest/agile/1.0/board/1/configuration': {
      id: 1,
      name: 'EX board',
      type: 'scrum',
      self: 'https://acme.atlassian.net/rest/agile/1.0/board/1/configuration',
      location: { type: 'project', id: '10000', key: 'EX' },
      filter: { id: '10000', self: 'https://acme.atlassian.net/rest/api/3/filter/10000' },
      columnConfig: { columns: [{ name: 'To Do', statuses: [{ id: '1' }] }], constraintType: 'none' },
      ranking: { rankCustomFieldId: 10019 },
    },
    '/rest/agile/1.0/board/2/configuration': { status: 404 },
  });
  const { emitted, requests } = await run((emit) => boards.read(client, emit));
  expect(emitted).toEqual([
    {
      id: 1,
      name: 'EX board',
      type: 'scrum',
      location: { projectId: 10000 },
      filterId: '10000',
      columnConfig: { columns: [{ name: 'To Do', statuses: [{ id: '1' }] }], constraintType: 'none' },
      ranking: { rankCustomFieldId: 10019 },
    },
  ]);
  expect(requests).toBe(3);
  expect(client.calls[0]).toBe('/rest/agile/1.0/board?startAt=0&maxResults=50');
});

test('boards: a 404 for the board list (no Jira Software) reaches the framework, which records the type unavailable', async () => {
  const client = scripted({ '/rest/agile/1.0/board': { status: 404 } });
  await expect(run((emit) => boards.read(client, emit))).rejects.toMatchObject({ status: 404 });
});

test('gadgets: each under its dashboard', async () => {
  const client = scripted({
    '/rest/api/3/dashboard/10001/gadget': { gadgets: [{ id: 5, title: 'Pie', color: 'blue', position: { row: 0, column: 1 } }] },
  });
  const emitted: Array<Record<string, unknown>> = [];
  const requests = await dashboardGadgets.read(client, { id: '10001' }, async (values) => {
    emitted.push(...values);
  });
  expect(emitted).toEqual([{ id: 5, title: 'Pie', color: 'blue', position: { row: 0, column: 1 }, parentKey: '10001' }]);
  expect(requests).toBe(1);
});
