// `npm run migrate`: applies pending migrations to DATABASE_URL (production deploys run this once).
import { loadEnv } from '../config/env';
import { migrateUp } from './migrate';

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (err) {
  // One line on stderr, not an uncaught exception's stack trace.
  process.stderr.write(`migrate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
if (!env.DATABASE_URL) {
  process.stderr.write('migrate: DATABASE_URL is not set\n');
  process.exit(2);
}
migrateUp(env.DATABASE_URL, (msg) => process.stdout.write(`${msg}\n`))
  .then((applied) => process.stdout.write(`applied ${applied.length} migration(s)\n`))
  .catch((err) => {
    process.stderr.write(`migrate failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
