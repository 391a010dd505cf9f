/**
 * The response headers every answer of the server carries, API and dashboard alike (OWASP Secure
 * Headers Project; decision record 0014). The dashboard's Content-Security-Policy allows scripts,
 * data and fonts from this origin only and no inline script (the Vite build emits none; a test
 * checks the built index.html), so text that slips into the page as markup still cannot run; inline
 * styles and data:/blob: images stay allowed because Leaflet positions and draws with them. API
 * answers are data, never a document: their policy allows nothing at all (OWASP REST Security
 * Cheat Sheet). Framing is refused twice, by CSP `frame-ancestors 'none'` (CSP Level 2) and by
 * `X-Frame-Options: DENY` for browsers that ignore the former (RFC 7034); `nosniff` stops a browser
 * from reading a JSON or CSV answer as HTML or script; `no-referrer` keeps the dashboard's URL
 * (its filters) out of the requests a reader makes when following a link to an original article.
 */
import type { MiddlewareHandler } from 'hono';

export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Header values every response carries; `Content-Security-Policy` depends on the path (cspFor). */
export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
} as const;

export const API_PREFIX = '/api/';

export function cspFor(path: string): string {
  return path.startsWith(API_PREFIX) ? API_CSP : DASHBOARD_CSP;
}

/**
 * Sets the headers after the route (or the error handler, or the not-found handler) has answered,
 * so they are on every response, errors included. Registered first in createApp.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', cspFor(c.req.path));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
  };
}
