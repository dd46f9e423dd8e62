// The public contract of tokenRefreshWorkflow (ID token-refresh:{tenant}): input, signals and the
// status query, shared with clients. Nothing here ever holds a token: only expiry and version metadata.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { DurationInput } from '../domain/duration';

export const TOKEN_STATES = [
  'starting',
  'active',
  'refresh_failing',
  'reauth_required',
  'write_scopes_refused',
  'tenant_disabled',
  'tenant_removed',
] as const;

/** Also the value of the TokenState search attribute. */
export type TokenState = (typeof TOKEN_STATES)[number];

export interface TokenStatus {
  tenantId: string;
  state: TokenState;
  /** ISO-8601 instants (null until known). */
  accessExpiresAt: string | null;
  lastRefreshAt: string | null;
  lastCheckAt: string | null;
  nextCheckAt: string | null;
  grantIssuedAt: string | null;
  /** Atlassian grants end 365 days after consent, however often they are refreshed. */
  grantExpiresAt: string | null;
  /** Whole days until grantExpiresAt, computed when queried. */
  daysUntilGrantExpiry: number | null;
  consecutiveFailures: number;
  /** Last refresh failure (an OAuth error code or network error; never a token). */
  lastError: string | null;
  /** Why the tenant needs re-consent or is refused (reauth_required, write_scopes_refused). */
  reason: string | null;
  /** Write scopes the grant carries; refused unless writeScopesAllowed (operator opt-in). */
  writeScopes: string[];
  writeScopesAllowed: boolean;
  credentialVersion: string | null;
  /** Refreshes recorded by this workflow, across continue-as-new (a repeated check may add one unrecorded). */
  refreshes: number;
  /** Signals received, across continue-as-new (a signal is never lost around the switch). */
  signalsReceived: { refreshNow: number; credentialsUpdated: number };
  /** 1 + how many times the workflow continued as new. */
  runs: number;
}

export interface PendingSignals {
  refreshNow: boolean;
  credentialsUpdated: boolean;
}

/** State handed from one run to the next by continue-as-new. */
export interface CarriedTokenState {
  status: TokenStatus;
  pending: PendingSignals;
}

export interface TokenRefreshInput {
  tenantId: string;
  /** How often to check the token (durable timer). "12h", "15s" or milliseconds. Default 12h. */
  checkEvery?: DurationInput;
  /** Refresh when the access token expires within this. Default 24h. */
  refreshWithin?: DurationInput;
  /** Checks per run before continuing as new (also when Temporal suggests it). Default 100. */
  maxChecksPerRun?: number;
  /** Set by continue-as-new only. */
  carried?: CarriedTokenState;
}

/** Refresh now, whatever the expiry (no input). */
export const refreshNowSignal = defineSignal('refreshNow');
/** The tenant re-consented (new grant stored): re-read the credentials and resume (no input). */
export const credentialsUpdatedSignal = defineSignal('credentialsUpdated');
export const tokenStatusQuery = defineQuery<TokenStatus>('status');
