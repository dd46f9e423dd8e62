// The general configuration is one object from up to three reads: the provider is asked for only while
// time tracking is on (Jira answers 204 without a body otherwise).
import { CONFIG_RESOURCES } from '../../../jira-cloud/config-reads';
import type { ListPlan } from '../../../jira-cloud/config-reads';
import { JiraMalformedResponseError } from '../../../jira-cloud/errors';

const OPTIONS = { workingHoursPerDay: 8, workingDaysPerWeek: 5, timeFormat: 'pretty', defaultUnit: 'minute' };

function fakeClient(answers: Record<string, unknown>) {
  const asked: string[] = [];
  return {
    asked,
    getJson: async (path: string) => {
      asked.push(path);
      if (!(path in answers)) throw new Error(`unexpected ${path}`);
      return answers[path];
    },
    postReadJson: async () => {
      throw new Error('no POST');
    },
  };
}

async function read(answers: Record<string, unknown>) {
  const client = fakeClient(answers);
  const emitted: Array<Record<string, unknown>> = [];
  const requests = await (CONFIG_RESOURCES.jiraconfiguration as ListPlan).read(client, async (values) => {
    emitted.push(...values);
  });
  return { requests, emitted, asked: client.asked };
}

test('time tracking on: flags, provider and options in one object with the fixed id', async () => {
  const { requests, emitted, asked } = await read({
    '/rest/api/3/configuration': { votingEnabled: true, timeTrackingEnabled: true, timeTrackingConfiguration: OPTIONS },
    '/rest/api/3/configuration/timetracking': { key: 'JIRA', name: 'JIRA provided time tracking' },
    '/rest/api/3/configuration/timetracking/options': OPTIONS,
  });
  expect(requests).toBe(3);
  expect(asked.sort()).toEqual([
    '/rest/api/3/configuration',
    '/rest/api/3/configuration/timetracking',
    '/rest/api/3/configuration/timetracking/options',
  ]);
  expect(emitted).toEqual([
    {
      id: 'global',
      votingEnabled: true,
      timeTrackingEnabled: true,
      timeTrackingConfiguration: OPTIONS,
      timeTrackingProvider: { key: 'JIRA', name: 'JIRA provided time tracking' },
    },
  ]);
});

test('time tracking off: the provider is not asked for; the options are still captured', async () => {
  const { requests, emitted, asked } = await read({
    '/rest/api/3/configuration': { votingEnabled: true, timeTrackingEnabled: false },
    '/rest/api/3/configuration/timetracking/options': OPTIONS,
  });
  expect(requests).toBe(2);
  expect(asked).not.toContain('/rest/api/3/configuration/timetracking');
  expect(emitted).toEqual([{ id: 'global', votingEnabled: true, timeTrackingEnabled: false, timeTrackingConfiguration: OPTIONS }]);
});

test('a body that is not an object is a malformed response', async () => {
  await expect(read({ '/rest/api/3/configuration': [], '/rest/api/3/configuration/timetracking/options': OPTIONS })).rejects.toBeInstanceOf(
    JiraMalformedResponseError,
  );
});
