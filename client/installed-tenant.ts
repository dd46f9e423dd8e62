// "Is this tenant installed?", asked before any work for it starts: one message for every surface.
import type { Queryable } from '../store/pool';
import { getTenant, type Tenant } from '../store/tenant-store';
import { InvalidInputError } from './errors';
import { assertTenantId } from './input-schemas';

export async function requireInstalledTenant(db: Queryable, tenantId: string): Promise<Tenant> {
  const tenant = await getTenant(db, assertTenantId(tenantId));
  if (!tenant) throw new InvalidInputError(`tenant ${tenantId} is not installed`);
  return tenant;
}
