/**
 * CLI: `tsx jira-sim/main.ts --port 8081 [--host 127.0.0.1] [--latency-ms 25] [--seed-demo]`.
 * Prints one JSON line ({"url": ..., "demo"?: {...}}) on stdout once listening; stops on SIGINT/SIGTERM.
 */
import { JiraSimAdmin } from './admin-client';
import { startJiraSim } from './server';

const DEMO_CLOUD_ID = '0de30c1d-0000-4000-8000-000000000001';

interface CliArgs {
  port: number;
  host: string;
  latencyMs: number;
  seedDemo: boolean;
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { port: 8081, host: '127.0.0.1', latencyMs: 0, seedDemo: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--port') args.port = Number(value());
    else if (arg === '--host') args.host = value();
    else if (arg === '--latency-ms') args.latencyMs = Number(value());
    else if (arg === '--seed-demo') args.seedDemo = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error('--port must be 0..65535');
  if (!Number.isFinite(args.latencyMs) || args.latencyMs < 0) throw new Error('--latency-ms must be a non-negative number');
  return args;
}

/** A small site plus an OAuth client and a consent grant, ready for `jira-drift` to install against. */
async function seedDemo(url: string) {
  const admin = new JiraSimAdmin(url);
  // A fixed cloud id so a demo installation keeps working across restarts of the sim.
  const site = await admin.createSite({ name: 'demo', seed: 1, size: 'small', cloudId: DEMO_CLOUD_ID });
  const client = await admin.createOAuthClient({ clientId: 'demo-client', clientSecret: 'demo-secret' });
  const scopes = ['read:jira-work', 'manage:jira-project', 'manage:jira-configuration', 'offline_access'];
  const grant = await admin.createGrant(site.cloudId, { clientId: client.clientId, scopes });
  return {
    cloudId: site.cloudId,
    siteUrl: site.siteUrl,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    grantId: grant.grantId,
    code: grant.code,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Warnings and internal errors only; fastify's request serializer never includes headers, so no tokens.
  const logger = { level: process.env['LOG_LEVEL'] ?? 'warn', redact: ['req.headers.authorization'] };
  const sim = await startJiraSim({ port: args.port, host: args.host, latencyMs: args.latencyMs, logger });
  const demo = args.seedDemo ? await seedDemo(sim.url) : undefined;
  process.stdout.write(`${JSON.stringify(demo ? { url: sim.url, demo } : { url: sim.url })}\n`);
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`jira-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
