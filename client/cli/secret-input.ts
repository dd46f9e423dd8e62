// Secrets for the CLI: from environment variables, or from stdin as KEY=VALUE lines — never arguments.
import { InvalidInputError } from '../errors';

export const SECRET_ENV = { clientSecret: 'JIRA_DRIFT_CLIENT_SECRET', authorizationCode: 'JIRA_DRIFT_AUTHORIZATION_CODE' } as const;

export interface InstallSecrets {
  clientSecret?: string;
  authorizationCode?: string;
}

async function readStdin(what = '--secrets-stdin: pipe KEY=VALUE lines into stdin'): Promise<string> {
  if (process.stdin.isTTY) throw new InvalidInputError(what);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (chunks.reduce((n, c) => n + c.length, 0) > 64 * 1024) throw new InvalidInputError('stdin: input larger than 64 KiB');
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses `JIRA_DRIFT_CLIENT_SECRET=...` / `JIRA_DRIFT_AUTHORIZATION_CODE=...` lines (others refused). */
export function parseSecretLines(text: string): InstallSecrets {
  const out: InstallSecrets = {};
  for (const [n, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    const value = line.slice(eq + 1).trim();
    // Never echo the value: it is a secret.
    if (key === SECRET_ENV.clientSecret) out.clientSecret = value;
    else if (key === SECRET_ENV.authorizationCode) out.authorizationCode = value;
    else throw new InvalidInputError(`stdin line ${n + 1}: expected ${SECRET_ENV.clientSecret}=... or ${SECRET_ENV.authorizationCode}=...`);
  }
  return out;
}

export async function readInstallSecrets(fromStdin: boolean, env: NodeJS.ProcessEnv = process.env): Promise<InstallSecrets> {
  const fromEnv: InstallSecrets = {
    clientSecret: env[SECRET_ENV.clientSecret] || undefined,
    authorizationCode: env[SECRET_ENV.authorizationCode] || undefined,
  };
  if (!fromStdin) return fromEnv;
  const piped = parseSecretLines(await readStdin());
  return { clientSecret: piped.clientSecret ?? fromEnv.clientSecret, authorizationCode: piped.authorizationCode ?? fromEnv.authorizationCode };
}

/** The automation API token, piped into stdin as one line (never an argument: argv is visible to every user). */
export async function readApiTokenFromStdin(): Promise<string> {
  const lines = (await readStdin('pipe the API token into stdin (it is never taken as an argument)'))
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  // Never echo what was read: it is a secret.
  if (lines.length !== 1) throw new InvalidInputError(`stdin must hold the API token on one line (got ${lines.length} non-empty lines)`);
  return lines[0]!;
}
