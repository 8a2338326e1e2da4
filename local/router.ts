/**
 * API Gateway v2 route selection: the most specific route wins — literal
 * segments beat `{param}`, which beats a greedy `{proxy+}`; `ANY` matches
 * any method after the exact method has been tried.
 */
export interface Route<T> {
  method: string;
  path: string;
  target: T;
}

export interface RouteMatch<T> {
  route: Route<T>;
  params: Record<string, string>;
  routeKey: string;
}

interface Compiled<T> {
  route: Route<T>;
  segments: string[];
  score: number[];
}

export class Router<T> {
  private readonly compiled: Compiled<T>[];

  constructor(routes: readonly Route<T>[]) {
    this.compiled = routes.map((route) => {
      const segments = route.path.split('/').filter(Boolean);
      const score = segments.map((s) => (s.endsWith('+}') ? 0 : s.startsWith('{') ? 1 : 2));
      return { route, segments, score };
    });
    // Most specific first: compare segment by segment, literal > param > greedy, longer first.
    this.compiled.sort((a, b) => {
      for (let i = 0; i < Math.max(a.score.length, b.score.length); i++) {
        const d = (b.score[i] ?? -1) - (a.score[i] ?? -1);
        if (d !== 0) return d;
      }
      return 0;
    });
  }

  /** `methodAllowed` tells 404 from 405 */
  match(method: string, path: string): RouteMatch<T> | { methodAllowed: false } | undefined {
    const parts = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const want of [method, 'ANY']) {
      for (const c of this.compiled) {
        const params = matchSegments(c.segments, parts);
        if (!params) continue;
        pathMatched = true;
        if (c.route.method !== want) continue;
        return { route: c.route, params, routeKey: `${c.route.method} ${c.route.path}` };
      }
    }
    return pathMatched ? { methodAllowed: false } : undefined;
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p.startsWith('{') && p.endsWith('+}')) {
      if (i >= parts.length) return undefined;
      params[p.slice(1, -2)] = parts.slice(i).map(decode).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (p.startsWith('{') && p.endsWith('}')) params[p.slice(1, -1)] = decode(part);
    else if (p !== part) return undefined;
  }
  return parts.length === pattern.length ? params : undefined;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
