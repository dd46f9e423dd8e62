// Turns domain errors into Temporal failures: permanent problems stop retrying at once, with a clear
// one-line reason; everything else is left for the activity retry policy.
import { ApplicationFailure } from '@temporalio/common';

const PERMANENT = new Set([
  'ReauthRequiredError',
  'WriteScopesRefusedError',
  'JiraWriteRefusedError',
  'SnapshotOwnershipLostError',
  'OAuthClientRejectedError',
  'UnknownTenantError',
  'SecretBoxError',
  'DriftScanInputError',
]);

export async function withFailureMapping<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApplicationFailure) throw err;
    const name = err instanceof Error ? err.name : 'Error';
    const message = err instanceof Error ? err.message : String(err);
    // Errors that know they are permanent (e.g. a Jira 404) say so with `retryable: false`.
    const selfDeclaredPermanent = (err as { retryable?: unknown })?.retryable === false;
    if (PERMANENT.has(name) || selfDeclaredPermanent) throw ApplicationFailure.create({ type: name, message, nonRetryable: true });
    // Re-created without the original stack/cause: third-party errors can carry request options.
    throw ApplicationFailure.create({ type: name, message, nonRetryable: false });
  }
}

export class UnknownTenantError extends Error {
  override name = 'UnknownTenantError';
}
