// The server does not create the `default` namespace: register it (retention as in compose) and the
// custom search attributes (the same list compose's temporal-setup registers), then wait until the
// namespace answers a visibility query, so the first client does not meet "namespace not found".
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

export const NAMESPACE_RETENTION_HOURS = 720;
// temporal.api.enums.v1.IndexedValueType.
const INDEXED_TYPES: Record<string, number> = { KEYWORD: 2, DATETIME: 6 };

/** Name=Type pairs in the form compose's temporal-setup and `temporal --search-attribute` use. */
export function serverSearchAttributes(): string[] {
  return SEARCH_ATTRIBUTES.map((k) => `${k.name}=${k.type === 'DATETIME' ? 'Datetime' : 'Keyword'}`);
}

function grpcCode(err: unknown): number | undefined {
  return (err as { code?: number }).code;
}

async function retry<T>(what: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function ensureNamespace(address: string, namespace: string, timeoutMs = 60_000): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const svc = connection.workflowService;
    await retry(`registering namespace ${namespace}`, timeoutMs, async () => {
      try {
        await svc.describeNamespace({ namespace });
      } catch (err) {
        if (grpcCode(err) !== 5) throw err; // 5 = NOT_FOUND
        await svc.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${NAMESPACE_RETENTION_HOURS}h`) }).catch((e) => {
          if (grpcCode(e) !== 6) throw e; // 6 = ALREADY_EXISTS (a concurrent start)
        });
      }
    });
    await retry(`registering search attributes on ${namespace}`, timeoutMs, async () => {
      const existing = (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
      const wanted: Record<string, number> = {};
      for (const key of SEARCH_ATTRIBUTES) {
        const type = INDEXED_TYPES[key.type]!;
        const have = existing[key.name] as number | undefined;
        if (have === undefined) wanted[key.name] = type;
        else if (have !== type) throw new Error(`${key.name} is registered with another type (${have})`);
      }
      if (Object.keys(wanted).length > 0) await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: wanted });
    });
    // The frontend's namespace cache lags a registration by a few seconds.
    await retry(`waiting for namespace ${namespace} to serve`, timeoutMs, () => svc.listWorkflowExecutions({ namespace, pageSize: 1 }));
  } finally {
    await connection.close();
  }
}
