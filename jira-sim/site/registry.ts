import { randomUUID } from 'node:crypto';
import type { SiteSize } from '../types';
import { Site, SiteError } from './site';
import { DEFAULT_PLAN, DEFAULT_PRODUCTS, type Plan, type Product } from './site-options';

export interface CreateSiteRequest {
  name: string;
  seed?: number;
  size: SiteSize;
  cloudId?: string;
  products?: Product[];
  plan?: Plan;
  /** Refuse REST calls whose token lacks the operation's scopes, as Jira does (default: off). */
  scopeEnforcement?: boolean;
}

/** All simulated sites of one server, by cloud id. */
export class SiteRegistry {
  private readonly sites = new Map<string, Site>();

  create(request: CreateSiteRequest): Site {
    // A cloud id is an identifier, not site content, so a random one keeps same-seed sites byte-identical.
    const cloudId = request.cloudId ?? randomUUID();
    if (this.sites.has(cloudId)) throw new SiteError(409, `site ${cloudId} already exists`);
    const site = new Site({
      cloudId,
      name: request.name,
      siteUrl: `https://${hostLabel(request.name)}.atlassian.net`,
      seed: request.seed ?? 1,
      size: request.size,
      products: [...(request.products ?? DEFAULT_PRODUCTS)],
      plan: request.plan ?? DEFAULT_PLAN,
    });
    site.scopeEnforcement = request.scopeEnforcement ?? true;
    this.sites.set(cloudId, site);
    return site;
  }

  get(cloudId: string): Site | undefined {
    return this.sites.get(cloudId);
  }

  require(cloudId: string): Site {
    const site = this.sites.get(cloudId);
    if (!site) throw new SiteError(404, `no site with cloud id ${cloudId}`);
    return site;
  }

  all(): Site[] {
    return [...this.sites.values()];
  }

  delete(cloudId: string): boolean {
    return this.sites.delete(cloudId);
  }
}

function hostLabel(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return label.slice(0, 63) || 'site';
}
