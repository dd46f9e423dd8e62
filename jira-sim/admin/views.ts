import type { Grant } from '../oauth/oauth-store';
import type { Site } from '../site/site';

/** Admin API representations. Grants are shown with counters, never with tokens. */

export function siteView(site: Site) {
  return { ...site.info, objectCounts: site.counts(), ordering: site.getOrdering(), scopeEnforcement: site.scopeEnforcement };
}

export function grantView(grant: Grant) {
  return {
    grantId: grant.grantId,
    clientId: grant.clientId,
    cloudIds: [...grant.cloudIds],
    scopes: [...grant.scopes],
    accessTokenTtlSec: grant.accessTokenTtlSec,
    refreshReuseIntervalSec: grant.refreshReuseIntervalSec,
    issuedAt: new Date(grant.issuedAtMs).toISOString(),
    lastActivityAt: new Date(grant.lastActivityMs).toISOString(),
    revoked: grant.revoked,
    revokedReason: grant.revokedReason ?? null,
    revokedAt: grant.revokedAtMs === undefined ? null : new Date(grant.revokedAtMs).toISOString(),
    refreshes: grant.refreshes,
    invalidGrants: grant.invalidGrants,
  };
}
