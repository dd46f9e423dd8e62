/** The "simulated latency" added to every REST and token request: one global value and per-site overrides. */
export class LatencySettings {
  private globalMs: number;
  private readonly perSite = new Map<string, number>();

  constructor(initialMs: number) {
    this.globalMs = initialMs;
  }

  set(ms: number, cloudId?: string): void {
    if (cloudId === undefined) this.globalMs = ms;
    else this.perSite.set(cloudId, ms);
  }

  forSite(cloudId: string | undefined): number {
    return (cloudId !== undefined ? this.perSite.get(cloudId) : undefined) ?? this.globalMs;
  }

  describe(): { ms: number; perSite: Record<string, number> } {
    return { ms: this.globalMs, perSite: Object.fromEntries(this.perSite) };
  }
}
