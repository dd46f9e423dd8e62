// The Temporal server these tests ran on agrees with docker-compose.yml: the version compose pins
// (for the postgres profile; the dev server reports the server version its CLI embeds), the custom
// search attributes compose registers, and compose's dynamic config values (plus the tests' own
// continue-as-new suggestion). scripts/validate-compose.ts checks the same statically.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import yaml from 'js-yaml';
import { temporalBinary } from '../../scripts/temporal-dev-server';
import { builtServerVersion } from '../../scripts/temporal-server/compose-parity';
import { composeDynamicConfig } from '../../scripts/temporal-server/config';
import { serverSearchAttributes } from '../../scripts/temporal-server/namespace';
import { temporalClient } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { TEST_DYNAMIC_CONFIG } from '../support/test-temporal';

let stack: StackState;
let client: Client;

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
});

afterAll(async () => {
  await client?.connection.close();
});

function expectedVersion(): string {
  if (stack.temporalServer === 'postgres') return builtServerVersion();
  // `temporal --version`: "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)".
  const printed = execFileSync(temporalBinary(), ['--version'], { encoding: 'utf8' });
  return /Server ([0-9.]+)/.exec(printed)?.[1] ?? printed;
}

/** The dynamic config the running server was given: its file (postgres) or its command line (dev). */
function runningDynamicConfig(): Record<string, unknown> {
  if (stack.temporalServer === 'postgres') {
    const file = path.join(stack.dir, 'temporal-server', 'config', 'dynamicconfig.yaml');
    const doc = yaml.safeLoad(fs.readFileSync(file, 'utf8')) as Record<string, Array<{ value: unknown }>>;
    return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, v[0]?.value]));
  }
  const args = fs.readFileSync(`/proc/${stack.temporalPid}/cmdline`, 'utf8').split('\0');
  const values = args.flatMap((a, i) => (args[i - 1] === '--dynamic-config-value' ? [a] : []));
  return Object.fromEntries(values.map((v) => [v.slice(0, v.indexOf('=')), JSON.parse(v.slice(v.indexOf('=') + 1)) as unknown]));
}

test('the server runs the version compose pins', async () => {
  const info = await client.workflowService.getClusterInfo({});
  expect(info.serverVersion).toBe(expectedVersion());
});

test("the default namespace has compose's custom search attributes", async () => {
  const { customAttributes } = await client.connection.operatorService.listSearchAttributes({ namespace: 'default' });
  const names: Record<number, string> = { 2: 'Keyword', 6: 'Datetime' };
  const registered = Object.entries(customAttributes ?? {}).map(([name, type]) => `${name}=${names[type as number] ?? String(type)}`);
  expect(registered.sort()).toEqual(expect.arrayContaining(serverSearchAttributes().sort()));
});

test("the server was given compose's dynamic config and only the tests' own addition", () => {
  expect(runningDynamicConfig()).toEqual({ ...composeDynamicConfig(), ...TEST_DYNAMIC_CONFIG });
});
