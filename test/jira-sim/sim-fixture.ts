/** Starts a jira-sim with one site and an authorized OAuth grant, and offers small HTTP helpers for tests. */
import { JiraSimAdmin, type CreatedSite, type SiteSize, type TokenPair } from '../../jira-sim/admin-client';
import { startJiraSim, type JiraSim, type JiraSimOptions } from '../../jira-sim/server';

/**
 * A grant that opens every operation jira-sim serves: the classic platform scopes, and the agile API's
 * granular ones (Jira Software has no classic scopes).
 */
export const CONFIG_SCOPES = [
  'read:jira-work',
  'read:jira-user',
  'manage:jira-project',
  'manage:jira-configuration',
  'read:board-scope:jira-software',
  'read:board-scope.admin:jira-software',
  'read:project:jira',
  'offline_access',
];

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined when the body is empty or not JSON). */
  body: any;
}

export interface SimFixture {
  sim: JiraSim;
  admin: JiraSimAdmin;
  site: CreatedSite;
  client: { clientId: string; clientSecret: string };
  grantId: string;
  tokens: TokenPair;
  /** GET (or another method) on /ex/jira/{cloudId}/rest/api/3/{path} with the fixture's access token. */
  jira(path: string, init?: { method?: string; body?: unknown; token?: string; cloudId?: string }): Promise<HttpResult>;
  /** Any request to the sim. */
  http(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<HttpResult>;
}

export async function http(
  baseUrl: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export async function startFixture(
  options: {
    sim?: JiraSimOptions;
    size?: SiteSize;
    seed?: number;
    name?: string;
    scopes?: string[];
    accessTokenTtlSec?: number;
    refreshReuseIntervalSec?: number;
  } = {},
): Promise<SimFixture> {
  const sim = await startJiraSim({ port: 0, ...options.sim });
  const admin = new JiraSimAdmin(sim.url);
  const site = await admin.createSite({ name: options.name ?? 'acme', seed: options.seed ?? 42, size: options.size ?? 'small' });
  const client = await admin.createOAuthClient();
  const { grantId, tokens } = await admin.consent(site.cloudId, client, {
    scopes: options.scopes ?? CONFIG_SCOPES,
    accessTokenTtlSec: options.accessTokenTtlSec,
    refreshReuseIntervalSec: options.refreshReuseIntervalSec,
  });
  const fixture: SimFixture = {
    sim,
    admin,
    site,
    client,
    grantId,
    tokens,
    jira: (path, init = {}) =>
      http(sim.url, `/ex/jira/${init.cloudId ?? site.cloudId}/rest/api/3/${path}`, {
        method: init.method,
        body: init.body,
        headers: { authorization: `Bearer ${init.token ?? fixture.tokens.access_token}` },
      }),
    http: (path, init) => http(sim.url, path, init),
  };
  return fixture;
}

/** Follows a PageBean endpoint to the end the way a careful client does; returns every page body. */
export async function allPages(fixture: SimFixture, path: string, maxResults = 1000): Promise<any[]> {
  const pages: any[] = [];
  const separator = path.includes('?') ? '&' : '?';
  for (let startAt = 0; ;) {
    const page = await fixture.jira(`${path}${separator}startAt=${startAt}&maxResults=${maxResults}`);
    if (page.status !== 200) throw new Error(`${path} startAt=${startAt}: HTTP ${page.status} ${page.text.slice(0, 200)}`);
    pages.push(page.body);
    startAt += page.body.values.length;
    if (page.body.isLast === true || page.body.values.length === 0) return pages;
  }
}
