// Test-side connections to the running stack: a Temporal client and a PostgreSQL pool.
import { Client, Connection } from '@temporalio/client';
import { dataConverterFromKeys } from '../../temporal/data-converter';
import { createPool, type Pool } from '../../store/pool';
import type { StackState } from './stack-state';

export async function temporalClient(stack: StackState): Promise<Client> {
  const connection = await Connection.connect({ address: stack.temporalAddress });
  return new Client({ connection, namespace: 'default', dataConverter: dataConverterFromKeys(stack.payloadKeys) });
}

export function testPool(stack: StackState): Pool {
  return createPool(stack.databaseUrl, 20);
}
