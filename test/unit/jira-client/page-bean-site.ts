// Counterpart-server handlers that serve a list the way Jira's list endpoints do.
import type { Handler } from './counterpart-server';
import { sendJson, sleep } from './counterpart-server';

export interface PageBeanOptions {
  /** Server-side cap on maxResults (Jira clamps larger requests). */
  cap?: number;
  /** Send `total` (default true); a function lets it change per request. */
  total?: boolean | ((requestIndex: number, realTotal: number) => number);
  /** Send `isLast` (default true). */
  isLast?: boolean;
  latencyMs?: number;
  /** Override which items a request gets (to simulate repeated pages). */
  slice?: (startAt: number, size: number, requestIndex: number) => { from: number; to: number };
}

export function items(n: number, prefix = 'obj'): Array<{ id: string; name: string }> {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, name: `Item ${i}` }));
}

export function pageBean(all: object[], o: PageBeanOptions = {}): Handler {
  return async (req, res, index) => {
    if (o.latencyMs) await sleep(o.latencyMs);
    const startAt = Number(req.query.get('startAt') ?? 0);
    const asked = Number(req.query.get('maxResults') ?? 50);
    const size = Math.min(asked, o.cap ?? Infinity);
    const { from, to } = o.slice?.(startAt, size, index) ?? { from: startAt, to: startAt + size };
    const values = all.slice(from, to);
    const body: Record<string, unknown> = { self: 'https://x/self', startAt, maxResults: size, values };
    const total = o.total ?? true;
    if (total === true) body.total = all.length;
    else if (typeof total === 'function') body.total = total(index, all.length);
    if (o.isLast ?? true) body.isLast = startAt + values.length >= all.length;
    sendJson(res, 200, body);
  };
}
