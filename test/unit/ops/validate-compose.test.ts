// The compose validator CI runs (no Docker engine needed): the real file passes; broken ones do not.
import fs from 'node:fs';
import path from 'node:path';
import { builtServerVersion, composeServerMismatches } from '../../../scripts/temporal-server/compose-parity';
import { validateCompose } from '../../../scripts/validate-compose';

const real = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docker-compose.yml'), 'utf8');

test('docker-compose.yml is valid', () => {
  expect(validateCompose(real)).toEqual([]);
});

test('missing services, unknown dependencies, cycles and literal secrets are reported', () => {
  expect(validateCompose(real.replace('condition: service_healthy', 'condition: whenever'))).toContainEqual(
    expect.stringMatching(/unknown condition whenever/),
  );
  expect(validateCompose(real.replace('temporal-admin-tools:\n        condition', 'temporal-admin-toolz:\n        condition'))).toContainEqual(
    expect.stringMatching(/depends_on unknown service temporal-admin-toolz/),
  );
  expect(validateCompose(real.replace(/JIRA_DRIFT_ENCRYPTION_KEYS: \$\{[^}]*\}/, 'JIRA_DRIFT_ENCRYPTION_KEYS: k1:abc'))).toContainEqual(
    expect.stringMatching(/JIRA_DRIFT_ENCRYPTION_KEYS holds a literal value/),
  );
  expect(validateCompose('services:\n  a:\n    image: x:1\n    depends_on: [b]\n  b:\n    image: y:1\n    depends_on: [a]\n')).toContainEqual(
    expect.stringMatching(/depends_on cycle/),
  );
  expect(() => validateCompose('services: [\n')).toThrow();
});

test('docker-compose.yml agrees with the server npm run temporal:server builds and configures', () => {
  expect(composeServerMismatches(real)).toEqual([]);
  expect(builtServerVersion()).toMatch(/^1\.32\.\d+$/);
});

test('a different server version, dynamic config file, search attribute list or retention is reported', () => {
  expect(composeServerMismatches(real.replace('temporalio/server:1.32.2', 'temporalio/server:1.30.1'))).toEqual([
    expect.stringMatching(/^temporal: temporalio\/server:1\.30\.1 but npm run temporal:server builds 1\.32\.2/),
  ]);
  expect(composeServerMismatches(real.replace('./docker/temporal-dynamicconfig.yaml:', './docker/other.yaml:'))).toEqual([
    expect.stringMatching(/dynamic config \.\/docker\/other\.yaml is not docker\/temporal-dynamicconfig\.yaml/),
  ]);
  expect(composeServerMismatches(real.replace(' TokenState=Keyword;', ';'))).toEqual([
    expect.stringMatching(
      /registers search attributes TenantId=Keyword SnapshotType=Keyword WindowStart=Datetime, temporal:server registers .*TokenState=Keyword/,
    ),
  ]);
  expect(composeServerMismatches(real.replace('--retention 720h', '--retention 72h'))).toEqual([
    expect.stringMatching(/retention 72h, temporal:server uses 720h/),
  ]);
});
