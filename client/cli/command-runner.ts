// Every `jira-drift` command runs through `command()`: it loads the environment, opens PostgreSQL and
// Temporal only when the command first asks for them, always closes what it opened (on success, on
// failure, on refusal), and ends with one line on stderr and the exit code: 2 = the input was refused
// (nothing was started or written), 1 = the operation failed.
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { loadEnv, type Env } from '../../config/env';
import { createPool } from '../../store/pool';
import { SecretBox } from '../../store/secret-box';
import { connectClient } from '../../temporal/connection';
import { failureReason } from '../../workflows/failure-reason';
import { InvalidInputError } from '../errors';

export interface CommandContext {
  env: Env;
  taskQueue: string;
  /** PostgreSQL (DATABASE_URL), opened on first use. */
  pool(): Pool;
  /** PostgreSQL when DATABASE_URL is set, else undefined (for checks that are a bonus, not a need). */
  optionalPool(): Pool | undefined;
  /** Temporal, connected on first use. */
  temporal(): Promise<Client>;
  /** The store's encryption keys (JIRA_DRIFT_ENCRYPTION_KEYS). */
  secretBox(): SecretBox;
}

/** The most specific message of an error's cause chain (a workflow failure's root cause), on one line. */
export function errorLine(err: unknown): string {
  const message = err instanceof Error ? failureReason(err) : String(err);
  return message.split('\n')[0]?.trim() || 'unknown error';
}

export function fail(err: unknown): never {
  process.stderr.write(`jira-drift: ${errorLine(err)}\n`);
  process.exit(err instanceof InvalidInputError ? 2 : 1);
}

function openContext(env: Env): { ctx: CommandContext; close(): Promise<void> } {
  let pool: Pool | undefined;
  let client: Promise<Client> | undefined;
  const ctx: CommandContext = {
    env,
    taskQueue: env.JIRA_DRIFT_TASK_QUEUE,
    pool() {
      if (!env.DATABASE_URL) throw new InvalidInputError('DATABASE_URL is not set (tenants, snapshots and drift live in the store)');
      return (pool ??= createPool(env.DATABASE_URL, 4));
    },
    optionalPool() {
      return env.DATABASE_URL ? ctx.pool() : undefined;
    },
    temporal() {
      return (client ??= connectClient(env));
    },
    secretBox() {
      if (!env.JIRA_DRIFT_ENCRYPTION_KEYS) throw new InvalidInputError('JIRA_DRIFT_ENCRYPTION_KEYS is not set (grants and cursors need it)');
      return SecretBox.fromSpec(env.JIRA_DRIFT_ENCRYPTION_KEYS);
    },
  };
  return {
    ctx,
    async close() {
      const connected = client?.then((c) => c.connection.close()).catch(() => {});
      await Promise.allSettled([pool?.end(), connected]);
    },
  };
}

/** Wraps a commander action: `work` gets the context and the action's own arguments. */
export function command<A extends unknown[]>(work: (ctx: CommandContext, ...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    let opened: ReturnType<typeof openContext> | undefined;
    let failure: { err: unknown } | undefined;
    try {
      opened = openContext(loadEnv());
      await work(opened.ctx, ...args);
    } catch (err) {
      failure = { err };
    } finally {
      await opened?.close();
    }
    if (failure) fail(failure.err);
  };
}

/** Results on stdout: JSON, or the human form. */
export function printResult(value: unknown, asJson: boolean, human: () => string): void {
  process.stdout.write(asJson ? `${JSON.stringify(value)}\n` : `${human()}\n`);
}

/** An integer option (`--page-size 50`), refused as bad input when it is not one. */
export function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new InvalidInputError(`${name} must be an integer`);
  return Number(value);
}
