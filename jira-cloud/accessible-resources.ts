// cloudId lookup: the Jira sites a 3LO access token can reach (reference §1.7).
import { z } from 'zod';
import { JiraMalformedResponseError } from './errors';
import { createJsonRequester } from './json-requester';
import { DEFAULT_RETRY, type RetryConfig } from './retry-policy';

const AccessibleResourceSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    url: z.string(),
    scopes: z.array(z.string()),
    avatarUrl: z.string().optional(),
  })
  .passthrough();

export type AccessibleResource = z.infer<typeof AccessibleResourceSchema>;

const PATH = '/oauth/token/accessible-resources';

/**
 * GET {apiBaseUrl}/oauth/token/accessible-resources. The token is given, not refreshable, so a
 * 401 is final (JiraUnauthorizedError). Match the site by `url`; `id` is the cloudId.
 */
export async function getAccessibleResources(
  apiBaseUrl: string,
  accessToken: string,
  opts: { timeoutMs?: number; retry?: Partial<RetryConfig> } = {},
): Promise<AccessibleResource[]> {
  const requester = createJsonRequester({
    baseUrl: apiBaseUrl,
    getAccessToken: async () => accessToken,
    refreshOnUnauthorized: false,
    concurrency: 1,
    timeoutMs: opts.timeoutMs ?? 30_000,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
  });
  const body = await requester.requestJson('GET', PATH);
  const parsed = z.array(AccessibleResourceSchema).safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    throw new JiraMalformedResponseError(PATH, `unexpected shape at ${where}: ${issue?.code ?? 'invalid'}`);
  }
  return parsed.data;
}
