// docker-compose.yml and the server `npm run temporal:server` and the postgres test profile run must
// not disagree: same server version (the version ensure-temporal-server.sh builds), the same dynamic
// config file, the same custom search attributes and namespace retention.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { COMPOSE_DYNAMIC_CONFIG } from './config';
import { NAMESPACE_RETENTION_HOURS, serverSearchAttributes } from './namespace';

const ENSURE_SCRIPT = path.join(__dirname, '..', 'ensure-temporal-server.sh');

/** The version ensure-temporal-server.sh builds by default, without the leading v (e.g. 1.32.2). */
export function builtServerVersion(): string {
  const match = /^VERSION="\$\{TEMPORAL_SERVER_VERSION:-v([0-9.]+)\}"$/m.exec(fs.readFileSync(ENSURE_SCRIPT, 'utf8'));
  if (!match) throw new Error(`no default VERSION line in ${ENSURE_SCRIPT}`);
  return match[1]!;
}

type Service = { image?: string; volumes?: string[]; environment?: Record<string, string>; command?: string[] | string };

export function composeServerMismatches(composeText: string, composeDir = path.join(__dirname, '..', '..')): string[] {
  const problems: string[] = [];
  const services = (yaml.safeLoad(composeText) as { services?: Record<string, Service> }).services ?? {};
  const version = builtServerVersion();
  for (const [name, s] of Object.entries(services)) {
    const m = /^temporalio\/(server|admin-tools):(.+)$/.exec(s.image ?? '');
    if (m && m[2] !== version) problems.push(`${name}: ${s.image} but npm run temporal:server builds ${version} (scripts/ensure-temporal-server.sh)`);
  }

  const server = Object.entries(services).find(([, s]) => s.image?.startsWith('temporalio/server:'));
  if (server) {
    const [name, s] = server;
    const target = `/etc/temporal/${s.environment?.DYNAMIC_CONFIG_FILE_PATH ?? ''}`;
    const mount = (s.volumes ?? []).map((v) => v.split(':')).find((parts) => parts[1] === target);
    if (!mount) problems.push(`${name}: no volume mounted at its DYNAMIC_CONFIG_FILE_PATH (${target})`);
    else if (path.resolve(composeDir, mount[0]!) !== COMPOSE_DYNAMIC_CONFIG) {
      problems.push(`${name}: dynamic config ${mount[0]} is not ${path.relative(composeDir, COMPOSE_DYNAMIC_CONFIG)}, which temporal:server uses`);
    }
  }

  const setup = Object.entries(services).find(([, s]) => JSON.stringify(s.command ?? '').includes('search-attribute create'));
  if (!setup) problems.push('no service registers the search attributes');
  else {
    const command = JSON.stringify(setup[1].command);
    const listed = /for sa in ([^;]*);/.exec(command)?.[1]?.trim().split(/\s+/) ?? [];
    const wanted = serverSearchAttributes();
    if (listed.join(' ') !== wanted.join(' ')) {
      problems.push(`${setup[0]}: registers search attributes ${listed.join(' ')}, temporal:server registers ${wanted.join(' ')}`);
    }
    const retention = /namespace create -n default --retention (\d+)h/.exec(command)?.[1];
    if (Number(retention) !== NAMESPACE_RETENTION_HOURS) {
      problems.push(`${setup[0]}: default namespace retention ${retention ?? '?'}h, temporal:server uses ${NAMESPACE_RETENTION_HOURS}h`);
    }
  }
  return problems;
}
