// `npm run compose:validate`: checks docker-compose.yml without a Docker engine (none runs on the
// development machines or in CI): YAML parses; every service has an image or a build; depends_on names
// existing services with valid conditions and no cycles; the Temporal, UI, codec and worker wiring that
// the README relies on is present; no secret value is written into the file; and it agrees with the
// server `npm run temporal:server` runs (version, dynamic config, search attributes: compose-parity.ts).
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { composeServerMismatches } from './temporal-server/compose-parity';

type Service = {
  image?: string;
  build?: unknown;
  depends_on?: string[] | Record<string, { condition?: string }>;
  environment?: Record<string, string> | string[];
  ports?: string[];
  command?: unknown;
};

const CONDITIONS = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);

function env(service: Service): Record<string, string> {
  if (Array.isArray(service.environment)) {
    return Object.fromEntries(service.environment.map((e) => [e.split('=')[0]!, e.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v)]));
}

export function validateCompose(text: string): string[] {
  const problems: string[] = [];
  const doc = yaml.safeLoad(text) as { services?: Record<string, Service> } | undefined;
  const services = doc?.services ?? {};
  const names = Object.keys(services);
  if (names.length === 0) return ['no services'];
  const deps: Record<string, string[]> = {};
  for (const [name, s] of Object.entries(services)) {
    if (!s.image && !s.build) problems.push(`${name}: neither image nor build`);
    if (s.image && !/^[a-z0-9./_-]+(:[A-Za-z0-9._-]+)$/.test(s.image)) problems.push(`${name}: image "${s.image}" has no pinned tag`);
    if (s.image?.endsWith(':latest')) problems.push(`${name}: image uses :latest`);
    const d = s.depends_on ?? [];
    deps[name] = Array.isArray(d) ? d : Object.keys(d);
    if (!Array.isArray(d)) {
      for (const [dep, spec] of Object.entries(d)) {
        if (spec?.condition && !CONDITIONS.has(spec.condition)) problems.push(`${name}: depends_on ${dep} has unknown condition ${spec.condition}`);
      }
    }
    for (const dep of deps[name]) if (!services[dep]) problems.push(`${name}: depends_on unknown service ${dep}`);
    for (const [key, value] of Object.entries(env(s))) {
      if (/(SECRET|KEYS|PASSWORD|API_KEY)$/.test(key) && value && !value.startsWith('${') && !/^(temporal|jira_drift)$/.test(value)) {
        problems.push(`${name}: ${key} holds a literal value; take it from the environment (\${VAR:?...})`);
      }
    }
  }
  // Cycles in depends_on.
  const state: Record<string, 'visiting' | 'done'> = {};
  const visit = (n: string, trail: string[]): void => {
    if (state[n] === 'done') return;
    if (state[n] === 'visiting') {
      problems.push(`depends_on cycle: ${[...trail, n].join(' -> ')}`);
      return;
    }
    state[n] = 'visiting';
    for (const d of deps[n] ?? []) if (services[d]) visit(d, [...trail, n]);
    state[n] = 'done';
  };
  for (const n of names) visit(n, []);

  // The wiring the README documents.
  const find = (pred: (s: Service) => boolean) => Object.entries(services).find(([, s]) => pred(s));
  const ui = find((s) => !!s.image?.startsWith('temporalio/ui:'));
  if (!ui) problems.push('no temporalio/ui service');
  else if (!env(ui[1]).TEMPORAL_CODEC_ENDPOINT) problems.push(`${ui[0]}: TEMPORAL_CODEC_ENDPOINT not set`);
  if (!find((s) => !!s.image?.startsWith('temporalio/server:'))) problems.push('no temporalio/server service');
  if (!find((s) => !!s.image?.startsWith('postgres:'))) problems.push('no postgres service');
  const worker = find(
    (s) => !!s.build && JSON.stringify(s.command ?? '').indexOf('migrate') < 0 && JSON.stringify(s.command ?? '').indexOf('codec') < 0,
  );
  if (!worker) problems.push('no jira-drift worker service (built from the Dockerfile)');
  else {
    const e = env(worker[1]);
    for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'JIRA_DRIFT_ENCRYPTION_KEYS']) if (!e[key]) problems.push(`${worker[0]}: ${key} not set`);
  }
  if (!find((s) => JSON.stringify(s.command ?? '').includes('codec-server'))) problems.push('no codec server service for the UI');
  return problems;
}

if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'docker-compose.yml'));
  try {
    const text = fs.readFileSync(file, 'utf8');
    const problems = [...validateCompose(text), ...composeServerMismatches(text, path.dirname(file))];
    if (problems.length > 0) {
      for (const p of problems) process.stderr.write(`compose: ${p}\n`);
      process.exit(1);
    }
    process.stdout.write(`${path.basename(file)}: ok\n`);
  } catch (err) {
    process.stderr.write(`compose: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    process.exit(1);
  }
}
