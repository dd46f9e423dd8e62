// Atlassian API tokens as the sim knows them: an account's email and a token, registered (through the admin
// API) for the sites the account can read. Only the Automation REST API takes them (jira-sim/README.md,
// "Automation REST API"): HTTP Basic `<email>:<token>`. A revoked token stops working at once.
import { randomBytes } from 'node:crypto';

export interface ApiToken {
  tokenId: string;
  email: string;
  token: string;
  cloudIds: Set<string>;
  revoked: boolean;
}

export type ApiTokenCheck = { kind: 'ok'; token: ApiToken } | { kind: 'unknown' };

/** The email and token of an `Authorization: Basic …` header, if it is one. */
export function basicCredentials(header: string | undefined): { email: string; token: string } | undefined {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? { email: decoded.slice(0, colon), token: decoded.slice(colon + 1) } : undefined;
}

export class ApiTokenStore {
  private readonly byToken = new Map<string, ApiToken>();
  private readonly byId = new Map<string, ApiToken>();

  /** Registers `email`'s token (a new one unless given) for a site; the same email and token again add the site. */
  register(cloudId: string, email: string, token: string = randomBytes(24).toString('base64url')): ApiToken {
    const known = this.byToken.get(token);
    if (known && known.email === email) {
      known.cloudIds.add(cloudId);
      return known;
    }
    if (known) throw new Error('that token is registered for another email');
    const created: ApiToken = { tokenId: `apitoken-${this.byId.size + 1}`, email, token, cloudIds: new Set([cloudId]), revoked: false };
    this.byToken.set(token, created);
    this.byId.set(created.tokenId, created);
    return created;
  }

  get(tokenId: string): ApiToken | undefined {
    return this.byId.get(tokenId);
  }

  revoke(token: ApiToken): void {
    token.revoked = true;
  }

  /** Whether a Basic credential names a live token of that email that may read the site. */
  check(credentials: { email: string; token: string }, cloudId: string): ApiTokenCheck {
    const known = this.byToken.get(credentials.token);
    if (!known || known.revoked || known.email !== credentials.email || !known.cloudIds.has(cloudId)) return { kind: 'unknown' };
    return { kind: 'ok', token: known };
  }

  /** Test-only: every token value ever registered (for leak scans). */
  all(): string[] {
    return [...this.byToken.keys()];
  }
}
