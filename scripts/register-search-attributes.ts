// `npm run temporal:register-search-attributes`: registers jira-drift's search attributes on the
// namespace of TEMPORAL_ADDRESS/TEMPORAL_NAMESPACE (a self-hosted cluster; TLS/API key as for the
// worker). Idempotent: attributes already registered with the same type are left alone. On Temporal
// Cloud use `tcld namespace search-attributes add` or the Cloud UI instead (see README).
import { Connection } from '@temporalio/client';
import { loadEnv } from '../config/env';
import { connectionOptions } from '../temporal/connection';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

// temporal.api.enums.v1.IndexedValueType (INDEXED_VALUE_TYPE_KEYWORD = 2, INDEXED_VALUE_TYPE_DATETIME = 6).
const TYPES: Record<string, number> = { KEYWORD: 2, DATETIME: 6 };

async function main(): Promise<void> {
  const env = loadEnv();
  const connection = await Connection.connect(connectionOptions(env));
  try {
    const namespace = env.TEMPORAL_NAMESPACE;
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const wanted: Record<string, number> = {};
    for (const key of SEARCH_ATTRIBUTES) {
      const type = TYPES[key.type];
      if (type === undefined) throw new Error(`no mapping for search attribute type ${key.type}`);
      const have = existing.customAttributes?.[key.name] as number | undefined;
      if (have === undefined) wanted[key.name] = type;
      else if (have !== type) throw new Error(`${key.name} is registered with another type (${have}); fix it by hand`);
      else process.stdout.write(`${key.name}: already registered\n`);
    }
    if (Object.keys(wanted).length > 0) {
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: wanted });
      for (const name of Object.keys(wanted)) process.stdout.write(`${name}: registered\n`);
    }
  } finally {
    await connection.close();
  }
}

main().catch((err) => {
  process.stderr.write(`register-search-attributes: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
  process.exit(1);
});
