// The keyed hash that replaces secrets found in configuration bodies (automation rules' header values,
// webhook URLs, …). One key per tenant, derived from the encryption key: the same secret hashes alike in
// every snapshot of a tenant (so only a changed secret is drift) and differently across tenants, and
// nobody without the key can test guesses against a stored hash.
import type { SecretHasher } from '../../domain/catalogue-kit';
import type { SecretBox } from '../../store/secret-box';

export function configSecretHasher(secretBox: SecretBox, tenantId: string): SecretHasher {
  return secretBox.keyedHasher(`config-secret-v1:${tenantId}`);
}
