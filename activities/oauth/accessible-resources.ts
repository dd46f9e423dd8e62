// GET /oauth/token/accessible-resources: which sites (cloud ids) a token reaches.
import got from 'got';
import { assertAllowedRequest } from '../jira/read-only-allowlist';

export interface AccessibleResource {
  id: string;
  name: string;
  url: string;
  scopes: string[];
}

export async function getAccessibleResources(apiBaseUrl: string, accessToken: string, timeoutMs = 15_000): Promise<AccessibleResource[]> {
  const path = '/oauth/token/accessible-resources';
  assertAllowedRequest('GET', path);
  let body: unknown;
  try {
    body = await got(`${apiBaseUrl.replace(/\/$/, '')}${path}`, {
      headers: { authorization: `Bearer ${accessToken}` },
      timeout: { request: timeoutMs },
      retry: { limit: 2 },
    }).json();
  } catch (err) {
    const status = (err as { response?: { statusCode?: number } }).response?.statusCode;
    throw new Error(`accessible-resources failed${status ? ` with HTTP ${status}` : ''}`);
  }
  if (!Array.isArray(body)) throw new Error('accessible-resources did not return an array');
  return body.filter(
    (r): r is AccessibleResource => typeof r?.id === 'string' && typeof r?.url === 'string' && Array.isArray(r?.scopes),
  );
}
