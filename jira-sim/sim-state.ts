import { SimClock } from './clock';
import { FaultRules } from './faults/fault-rules';
import { LatencySettings } from './faults/latency-settings';
import { RetryAfterMemory } from './faults/retry-after-memory';
import { ApiTokenStore } from './oauth/api-tokens';
import { OAuthStore } from './oauth/oauth-store';
import { PointsQuota } from './quota/points-quota';
import { RequestLog } from './observe/request-log';
import { SiteRegistry } from './site/registry';
import { Sleeper } from './sleeper';

export interface SimSettings {
  refreshReuseIntervalSec: number;
  accessTokenTtlSec: number;
  latencyMs: number;
  requestLogCapacity: number;
}

/** Everything one running simulator knows, shared by its route modules. */
export class SimState {
  readonly clock = new SimClock();
  readonly sites = new SiteRegistry();
  readonly oauth: OAuthStore;
  /** API tokens (HTTP Basic), which only the Automation REST API accepts. */
  readonly apiTokens = new ApiTokenStore();
  readonly faults = new FaultRules();
  readonly latency: LatencySettings;
  readonly retryAfter = new RetryAfterMemory();
  /** Jira's points quota and burst limit; off until configured (admin API `/admin/quota`). */
  readonly quota = new PointsQuota();
  readonly log: RequestLog;
  readonly sleeper = new Sleeper();

  constructor(readonly settings: SimSettings) {
    this.oauth = new OAuthStore({ accessTokenTtlSec: settings.accessTokenTtlSec, refreshReuseIntervalSec: settings.refreshReuseIntervalSec });
    this.latency = new LatencySettings(settings.latencyMs);
    this.log = new RequestLog(settings.requestLogCapacity);
  }
}
