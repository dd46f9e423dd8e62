// Environment configuration, validated once at process start with a schema so a typo fails loudly.
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

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
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  METRICS_PORT: port.optional(),
  HEALTH_PORT: port.optional(),
});

export type Env = z.infer<typeof envSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment configuration: ${problems}`);
  }
  return parsed.data;
}
