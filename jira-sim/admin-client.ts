/**
 * Typed client for jira-sim's admin API (plain fetch), so tests and benchmarks can drive the simulator
 * without hand-written URLs.
 */
import type { FaultRule, FaultRuleInput } from './faults/fault-rules';
import type { RequestEntry, Stats } from './observe/request-log';
import type { PointsQuota, QuotaSettings } from './quota/points-quota';
import type { Plan, Product } from './site/site-options';
import type { ConfigType, JsonObject, ObjectCounts, OrderingMode, SiteSize } from './types';

export type { ConfigType, FaultRule, FaultRuleInput, JsonObject, ObjectCounts, OrderingMode, Plan, Product, RequestEntry, SiteSize, Stats };

export interface CreateSiteInput {
  name: string;
  seed?: number;
  size: SiteSize;
  cloudId?: string;
  /** Default both; without 'jira-software' the agile API answers 404. */
  products?: Product[];
  /** Default 'standard'; on 'free' issue security answers 403. */
  plan?: Plan;
  /** Refuse REST calls whose token lacks the operation's scopes (401), as Jira does. Default off. */
  scopeEnforcement?: boolean;
}

export interface CreatedSite {
  cloudId: string;
  name: string;
  siteUrl: string;
  objectCounts: ObjectCounts;
}

export interface SiteDetails extends CreatedSite {
  seed: number;
  size: SiteSize;
  products: Product[];
  plan: Plan;
  ordering: { mode: OrderingMode; seed: number };
  scopeEnforcement: boolean;
}

export interface ChangeOptions {
  author?: string;
}

const byAuthor = (opts: ChangeOptions): string => (opts.author === undefined ? '' : `?author=${enc(opts.author)}`);

import type { GrantInput } from './oauth/oauth-store';
export type { GrantInput };

export interface GrantDetails {
  grantId: string;
  clientId: string;
  cloudIds: string[];
  scopes: string[];
  accessTokenTtlSec: number;
  refreshReuseIntervalSec: number;
  issuedAt: string;
  lastActivityAt: string;
  revoked: boolean;
  revokedReason: string | null;
  revokedAt: string | null;
  refreshes: number;
  invalidGrants: number;
}

export interface TokenPair {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  scope: string;
  token_type: 'Bearer';
}

export interface RequestsQuery {
  cloudId?: string;
  since?: number;
  afterSeq?: number;
  limit?: number;
}

export interface RequestsPage {
  entries: RequestEntry[];
  dropped: number;
  lastSeq: number;
}

export interface ApiTokenDetails {
  tokenId: string;
  email: string;
  token: string;
  cloudIds: string[];
  revoked: boolean;
}

export class JiraSimAdminError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} failed with HTTP ${status}: ${JSON.stringify(body)}`);
  }
}

export class JiraSimAdmin {
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
  }

  // Sites.
  createSite(input: CreateSiteInput): Promise<CreatedSite> {
    return this.call('POST', '/admin/sites', input);
  }
  listSites(): Promise<SiteDetails[]> {
    return this.call('GET', '/admin/sites');
  }
  getSite(cloudId: string): Promise<SiteDetails> {
    return this.call('GET', `/admin/sites/${enc(cloudId)}`);
  }
  deleteSite(cloudId: string): Promise<void> {
    return this.call('DELETE', `/admin/sites/${enc(cloudId)}`);
  }

  /** Switches scope enforcement of a site's REST API on or off. */
  setScopeEnforcement(cloudId: string, enabled: boolean): Promise<{ scopeEnforcement: boolean }> {
    return this.call('POST', `/admin/sites/${enc(cloudId)}/scope-enforcement`, { enabled });
  }

  // Configuration objects (mutations make drift).
  listObjects(cloudId: string, type: ConfigType): Promise<JsonObject[]> {
    return this.call('GET', `${objects(cloudId, type)}`);
  }
  getObject(cloudId: string, type: ConfigType, id: string | number): Promise<JsonObject> {
    return this.call('GET', `${objects(cloudId, type)}/${enc(String(id))}`);
  }
  // `author`: the account id the change's audit record names (default: the site's admin).
  addObject(cloudId: string, type: ConfigType, fields: JsonObject = {}, opts: ChangeOptions = {}): Promise<JsonObject> {
    return this.call('POST', `${objects(cloudId, type)}${byAuthor(opts)}`, fields);
  }
  /** JSON merge patch (RFC 7386): null deletes a property. */
  patchObject(cloudId: string, type: ConfigType, id: string | number, patch: JsonObject, opts: ChangeOptions = {}): Promise<JsonObject> {
    return this.call('PATCH', `${objects(cloudId, type)}/${enc(String(id))}${byAuthor(opts)}`, patch);
  }
  deleteObject(cloudId: string, type: ConfigType, id: string | number, opts: ChangeOptions = {}): Promise<void> {
    return this.call('DELETE', `${objects(cloudId, type)}/${enc(String(id))}${byAuthor(opts)}`);
  }
  /** Every audit record the site still keeps, oldest first. */
  auditRecords(cloudId: string): Promise<JsonObject[]> {
    return this.call('GET', `/admin/sites/${enc(cloudId)}/audit`);
  }
  /** Keep audit records this many days (null: all). */
  setAuditRetention(cloudId: string, days: number | null): Promise<{ days: number | null }> {
    return this.call('POST', `/admin/sites/${enc(cloudId)}/audit-retention`, { days });
  }
  /** Reverses one array inside an object ("permissions", "transitions.0.validators" or "/permissions"). */
  /** Makes the site know a person (user/bulk answers with them). */
  putUser(cloudId: string, accountId: string, input: { displayName: string; active?: boolean }): Promise<JsonObject> {
    return this.call('PUT', `/admin/sites/${enc(cloudId)}/users/${enc(accountId)}`, input);
  }

  reorder(cloudId: string, input: { type: ConfigType; id: string | number; arrayPath: string }): Promise<JsonObject> {
    return this.call('POST', `/admin/sites/${enc(cloudId)}/reorder`, { ...input, id: String(input.id) });
  }
  /** Order in which list endpoints return objects (when the caller gives no orderBy). */
  setOrdering(cloudId: string, input: { mode: OrderingMode; seed?: number }): Promise<{ mode: OrderingMode; seed: number }> {
    return this.call('POST', `/admin/sites/${enc(cloudId)}/ordering`, input);
  }
  /** Changes only volatile fields (URLs' host, per-user flags, counters, timestamps). */
  touchVolatile(cloudId: string, input: { type: ConfigType; id: string | number }): Promise<{ object: JsonObject; changed: string[] }> {
    return this.call('POST', `/admin/sites/${enc(cloudId)}/volatile`, { ...input, id: String(input.id) });
  }

  // OAuth.
  createOAuthClient(input: { clientId?: string; clientSecret?: string } = {}): Promise<{ clientId: string; clientSecret: string }> {
    return this.call('POST', '/admin/oauth-clients', input);
  }
  /** Simulates the user's consent for a site: returns the grant and a one-time authorization code. */
  createGrant(cloudId: string, input: GrantInput): Promise<{ grantId: string; code: string }> {
    return this.call('POST', `/admin/sites/${enc(cloudId)}/grants`, input);
  }
  listGrants(cloudId?: string): Promise<GrantDetails[]> {
    return this.call('GET', `/admin/grants${cloudId ? `?cloudId=${enc(cloudId)}` : ''}`);
  }
  getGrant(grantId: string): Promise<GrantDetails> {
    return this.call('GET', `/admin/grants/${enc(grantId)}`);
  }
  /** The user removed the app: every token of the grant stops working. */
  revokeGrant(grantId: string): Promise<GrantDetails> {
    return this.call('POST', `/admin/grants/${enc(grantId)}/revoke`, {});
  }
  /**
   * Convenience for tests: consent and exchange the code at /oauth/token in one step, as an app's
   * installation would.
   */
  async consent(
    cloudId: string,
    client: { clientId: string; clientSecret: string },
    input: Omit<GrantInput, 'clientId'>,
  ): Promise<{ grantId: string; tokens: TokenPair }> {
    const { grantId, code } = await this.createGrant(cloudId, { ...input, clientId: client.clientId });
    const tokens = await this.call<TokenPair>('POST', '/oauth/token', {
      grant_type: 'authorization_code',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      code,
      redirect_uri: input.redirectUri ?? 'https://localhost/callback',
    });
    return { grantId, tokens };
  }

  // API tokens (only the Automation REST API takes them).
  /** An account's API token for a site (made up unless `token` is given). */
  createApiToken(cloudId: string, input: { email: string; token?: string }): Promise<ApiTokenDetails> {
    return this.call('POST', `/admin/sites/${enc(cloudId)}/api-tokens`, input);
  }
  /** The account revoked the token: it stops working at once. */
  revokeApiToken(tokenId: string): Promise<ApiTokenDetails> {
    return this.call('POST', `/admin/api-tokens/${enc(tokenId)}/revoke`, {});
  }

  // Clock, faults, latency.
  setClock(offsetSec: number): Promise<{ offsetSec: number; now: string }> {
    return this.call('POST', '/admin/clock', { offsetSec });
  }
  getClock(): Promise<{ offsetSec: number; now: string }> {
    return this.call('GET', '/admin/clock');
  }
  addFault(rule: FaultRuleInput): Promise<FaultRule> {
    return this.call('POST', '/admin/faults', rule);
  }
  listFaults(): Promise<FaultRule[]> {
    return this.call('GET', '/admin/faults');
  }
  clearFaults(): Promise<{ removed: number }> {
    return this.call('DELETE', '/admin/faults');
  }
  removeFault(id: string): Promise<{ removed: number }> {
    return this.call('DELETE', `/admin/faults/${enc(id)}`);
  }
  setLatency(ms: number, cloudId?: string): Promise<{ ms: number; perSite: Record<string, number> }> {
    return this.call('POST', '/admin/latency', cloudId === undefined ? { ms } : { ms, cloudId });
  }
  getLatency(): Promise<{ ms: number; perSite: Record<string, number> }> {
    return this.call('GET', '/admin/latency');
  }

  /** Enforces Jira's points quota and burst limit (undefined: off, the default). Resets every pool. */
  setQuota(settings: QuotaSettings | undefined): Promise<QuotaView> {
    return this.call('POST', '/admin/quota', settings ?? { off: true });
  }
  getQuota(): Promise<QuotaView> {
    return this.call('GET', '/admin/quota');
  }

  // Request log and statistics.
  requests(query: RequestsQuery = {}): Promise<RequestsPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const qs = params.toString();
    return this.call('GET', `/admin/requests${qs ? `?${qs}` : ''}`);
  }
  /** Clears the request log and all counters. */
  clearRequests(): Promise<void> {
    return this.call('DELETE', '/admin/requests');
  }
  stats(cloudId?: string): Promise<Stats> {
    return this.call('GET', `/admin/stats${cloudId ? `?cloudId=${enc(cloudId)}` : ''}`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) throw new JiraSimAdminError(response.status, parsed, `${method} ${path}`);
    return parsed as T;
  }
}

export type QuotaView = ReturnType<PointsQuota['describe']>;

function enc(value: string): string {
  return encodeURIComponent(value);
}

function objects(cloudId: string, type: ConfigType): string {
  return `/admin/sites/${enc(cloudId)}/objects/${type}`;
}
