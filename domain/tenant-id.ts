// Tenant ids appear in workflow ids, search attributes and SQL; the pattern keeps them boring.
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function isTenantId(value: unknown): value is string {
  return typeof value === 'string' && TENANT_ID_PATTERN.test(value);
}

export function assertTenantId(value: unknown): string {
  if (!isTenantId(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
    throw new Error(`invalid tenant id ${shown}: expected 1-63 chars of a-z, 0-9 and '-', starting with a letter or digit`);
  }
  return value;
}
