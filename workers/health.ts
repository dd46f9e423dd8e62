// Worker health endpoint (HEALTH_PORT): GET /healthz answers 200 while the worker is RUNNING (503 while
// it starts, drains or after it stopped); GET /readyz also checks PostgreSQL. JSON, no secrets.
import http from 'node:http';
import type { Pool } from 'pg';

export interface HealthSource {
  workerState(): string;
  /** The deployment's base queue. */
  taskQueue: string;
  /** Every queue this process polls (one per role it serves). */
  taskQueues?: string[];
  pool: Pool;
}

async function answer(source: HealthSource, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const state = source.workerState();
  let body: Record<string, unknown> = {
    workerState: state,
    taskQueue: source.taskQueue,
    ...(source.taskQueues ? { taskQueues: source.taskQueues } : {}),
  };
  let ok = state === 'RUNNING';
  if (req.url === '/readyz') {
    try {
      await source.pool.query('SELECT 1');
      body = { ...body, database: 'ok' };
    } catch {
      ok = false;
      body = { ...body, database: 'unreachable' };
    }
  } else if (req.url !== '/healthz') {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    return;
  }
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', ...body }));
}

export function startHealthServer(port: number, source: HealthSource, host = '0.0.0.0'): Promise<http.Server> {
  // A failure while answering drops that one connection; it must not become an unhandled rejection.
  const server = http.createServer((req, res) => {
    answer(source, req, res).catch(() => res.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
