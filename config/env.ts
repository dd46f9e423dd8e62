// Environment configuration, validated once at process start with a schema so a typo fails loudly.
import { z } from 'zod';
import { parseScheduleJitter, SCHEDULE_JITTER_MESSAGE } from '../domain/snapshot-schedule';

const port = z.coerce.number().int().min(0).max(65535);
/** An optional port set to nothing (`METRICS_PORT=` in a compose file) means off, not port 0 (random). */
const optionalPort = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), port.optional());

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  JIRA_DRIFT_DATA_DIR: z.string().default('.data'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  JIRA_DRIFT_TASK_QUEUE: z.string().min(1).default('jira-drift'),
  JIRA_API_BASE_URL: z.string().url().default('https://api.atlassian.com'),
  JIRA_AUTH_BASE_URL: z.string().url().default('https://auth.atlassian.com'),
  JIRA_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  JIRA_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** Comma-separated `keyId:base64(32 bytes)`; the first key seals new secrets, all keys open old ones. */
  JIRA_DRIFT_ENCRYPTION_KEYS: z.string().optional(),
  /** On-demand refresh: a Jira call first refreshes the access token if it has less than this left. */
  JIRA_TOKEN_MIN_VALIDITY_MS: z.coerce.number().int().min(1000).max(3_600_000).default(300_000),
  /** Comma-separated `keyId:base64(32 bytes)` for the Temporal PayloadCodec; unset = payloads not encrypted. */
  JIRA_DRIFT_PAYLOAD_KEYS: z.string().optional(),
  /** Codec server (Temporal UI `--ui-codec-endpoint`): port, and the browser origins allowed to call it. */
  CODEC_SERVER_PORT: port.default(8888),
  CODEC_CORS_ORIGINS: z.string().default('http://localhost:8233,http://127.0.0.1:8233'),
  CODEC_SERVER_HOST: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().default('127.0.0.1')),
  /** When set, the codec server answers only requests whose Authorization header is exactly this. */
  CODEC_SERVER_AUTHORIZATION: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  /** A prebuilt workflow bundle (npm run bundle-workflows); unset = bundle the sources at worker start. */
  WORKFLOW_BUNDLE_PATH: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  METRICS_PORT: optionalPort,
  HEALTH_PORT: optionalPort,
  /**
   * Jira's points quota (issue 12): points per window of the pool tenants share. Unset = no budget
   * (snapshots read as fast as the client allows and only react to 429s, as before).
   */
  JIRA_QUOTA_POINTS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(500).max(1_000_000_000).optional()),
  /** The quota's window: 3600 in Jira; tests and benchmarks compress it. */
  JIRA_QUOTA_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /** The app's tier: `global` (Tier 1, one pool for every tenant) or `tenant` (Tier 2, a pool per site). */
  JIRA_QUOTA_TIER: z.enum(['global', 'tenant']).default('global'),
  /** Workflows kept in the worker's sticky cache (SDK default when unset): fewer = less memory, more replays. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).optional(),
  /** Spread of each schedule action after its nominal time ("5m"; 0 = off), applied at install and by `tenant reschedule`. */
  JIRA_DRIFT_SCHEDULE_JITTER: z
    .string()
    .optional()
    .refine((v) => parseScheduleJitter(v) !== undefined, SCHEDULE_JITTER_MESSAGE)
    .transform((v) => parseScheduleJitter(v)!),
});

export type Env = z.infer<typeof envSchema>;

/**
 * One issue without the offending value: zod's enum message echoes the received value, which may be a
 * misplaced secret, huge, or contain line breaks (the error is printed as one line on stderr).
 */
function describeIssue(issue: z.ZodIssue): string {
  const message = issue.code === z.ZodIssueCode.invalid_enum_value ? `expected one of ${issue.options.join(', ')}` : issue.message;
  return message.replace(/\s+/g, ' ');
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${describeIssue(i)}`).join('; ');
    throw new Error(`invalid environment configuration: ${problems}`);
  }
  return parsed.data;
}
