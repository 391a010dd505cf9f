/**
 * The app's routes as a table of path patterns and methods, read from the Hono app once every
 * route is registered. Two things need to know what a path is before or without dispatching it:
 * the not-found handler, which answers 405 with `Allow` for a known path asked with another method
 * (RFC 9110 §15.5.6), and the request metrics, which count by route pattern
 * (`/api/v1/incidents/:id`) rather than by path, so ids do not become label values.
 */
import type { Hono } from 'hono';

interface PatternRoute {
  pattern: string;
  match: RegExp;
  methods: Set<string>;
}

/** `/api/v1/incidents/:id` → a regular expression matching one segment per parameter; `*` any rest. */
function patternRegExp(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((segment) => (segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export class RouteTable {
  private table: PatternRoute[] | null = null;

  /** `app.routes` is read at the first question, when every route has been registered. */
  constructor(private readonly app: Hono<any, any, any>) {}

  private routes(): PatternRoute[] {
    if (this.table) return this.table;
    const byPattern = new Map<string, PatternRoute>();
    // Middleware is registered under ALL; it serves no path on its own.
    for (const r of this.app.routes) {
      if (r.method === 'ALL') continue;
      const route = byPattern.get(r.path) ?? { pattern: r.path, match: patternRegExp(r.path), methods: new Set<string>() };
      route.methods.add(r.method.toUpperCase());
      byPattern.set(r.path, route);
    }
    this.table = [...byPattern.values()];
    return this.table;
  }

  /** The methods some route serves `path` with (HEAD wherever GET: Hono answers HEAD with the GET route), sorted; [] for an unknown path. */
  allowedMethods(path: string): string[] {
    const methods = new Set<string>();
    for (const r of this.routes()) if (r.match.test(path)) for (const m of r.methods) methods.add(m);
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }

  /**
   * The pattern of the route serving `method path` (HEAD as GET), else of one serving the path
   * with other methods (a 405 is counted under its route), null for a path no route serves.
   */
  patternOf(method: string, path: string): string | null {
    const asked = method === 'HEAD' ? 'GET' : method;
    const onPath = this.routes().filter((r) => r.match.test(path));
    return (onPath.find((r) => r.methods.has(asked)) ?? onPath[0])?.pattern ?? null;
  }
}
