// Asserts a secret appears nowhere in what an error can expose: message, stack, JSON, inspection.
import { inspect } from 'node:util';

export function expectSecretAbsent(error: unknown, secret: string): void {
  expect(error).toBeInstanceOf(Error);
  const e = error as Error;
  const exposures = [e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 20, showHidden: true })];
  for (const text of exposures) expect(text).not.toContain(secret);
}

export async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}
