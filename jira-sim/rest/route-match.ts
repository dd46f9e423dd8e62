/**
 * Path templates as the OpenAPI spec writes them ("field/{fieldId}/context/{contextId}/option"), matched
 * segment by segment. A literal segment beats a parameter, so "field/search" wins over "field/{fieldId}".
 */
export interface RouteMatch<T> {
  template: string;
  params: Record<string, string>;
  value: T;
}

interface CompiledRoute<T> {
  template: string;
  segments: string[];
  value: T;
}

const PARAM = /^\{(\w+)\}$/;

export class RouteTable<T> {
  private readonly routes: CompiledRoute<T>[];

  constructor(entries: Record<string, T>) {
    this.routes = Object.entries(entries).map(([template, value]) => ({ template, segments: template.split('/'), value }));
  }

  /** The best route for a path under /rest/api/3/ (no leading or trailing slash); undefined when none. */
  match(path: string): RouteMatch<T> | undefined {
    const parts = path.split('/');
    let best: { route: CompiledRoute<T>; params: Record<string, string>; literals: number } | undefined;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      const matches = route.segments.every((segment, i) => {
        const part = parts[i] as string;
        const param = PARAM.exec(segment)?.[1];
        if (param === undefined) {
          literals++;
          return segment === part;
        }
        if (part === '') return false;
        params[param] = decodeSegment(part);
        return true;
      });
      if (matches && (!best || literals > best.literals)) best = { route, params, literals };
    }
    return best && { template: best.route.template, params: best.params, value: best.route.value };
  }

  templates(): string[] {
    return this.routes.map((r) => r.template);
  }
}

function decodeSegment(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
