// The response half of the trust layer: the security headers every response carries. proxy.ts
// sets them on everything Next serves (pages, API answers, SSE streams, downloads, redirects,
// refusals), the production server on the scoring write it answers itself, and next.config.js
// the same baseline on the static files the proxy skips. Pure: no Next, no Node built-ins.
//
// Two kinds of response:
// - document (pages and their RSC payloads): a strict CSP with a fresh nonce per request.
//   script-src allows only scripts carrying the nonce and what they load ('strict-dynamic');
//   Next reads the nonce from the request's CSP header and puts it on its own scripts, which is
//   why every page renders dynamically (app/layout.tsx).
//   style-src is 'self' 'unsafe-inline': React `style` props (progress bars, charts) and the
//   <style> elements libraries inject at run time (Radix's scroll lock) cannot carry a nonce,
//   and with a nonce in style-src browsers ignore 'unsafe-inline'. Inline style can restyle a
//   page but not run code; user content reaches the page only through sanitized Markdown,
//   which keeps no style attributes or <style> elements.
//   img-src is 'self' data: — images in question Markdown that point at other hosts are not
//   loaded (no tracking pixels, no leaking who reads which question).
// - api (everything under /api/, and the scoring fast path): nothing in a JSON answer, a file
//   download or an event stream should ever run or load anything, so default-src 'none'.
//   And Cache-Control: no-store, no-transform — answers are per user, and proxies must not
//   buffer or recompress event streams. Next keeps a header the proxy set over the route's own
//   (send-response.js appends a route's header only when absent), so this one value serves all.

export type ResponseKind = "document" | "api";

export interface SecurityHeaderOptions {
  kind: ResponseKind;
  /** Required for documents: the request's nonce. */
  nonce?: string;
  /** The public URL is https: adds HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** For the per-path Referrer-Policy. */
  pathname: string;
  /** `next dev`: React needs eval for its dev-only error overlays. */
  dev?: boolean;
}

/** Pages reached through a secret link (an invitation token; a password-reset token, which rides in the fragment): send no Referer at all. */
const NO_REFERRER_PATHS = [/^\/invite\//, /^\/reset-password(?:\/|$)/];

export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "serial=()",
  "usb=()",
].join(", ");

/** One year; no includeSubDomains, since Panelist does not own its host's sibling subdomains. */
export const HSTS = "max-age=31536000";

export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function documentCsp(opts: { nonce: string; https: boolean; dev?: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Headers every response gets, whatever it is (also set by next.config.js on static files). */
export function baselineHeaders(opts: { https: boolean; pathname: string }): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": NO_REFERRER_PATHS.some((p) => p.test(opts.pathname)) ? "no-referrer" : "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...(opts.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

export function securityHeaders(opts: SecurityHeaderOptions): Record<string, string> {
  const base = baselineHeaders(opts);
  if (opts.kind === "api") return { ...base, "Content-Security-Policy": API_CSP, "Cache-Control": "no-store, no-transform" };
  if (!opts.nonce) throw new Error("A document's security headers need the request's nonce.");
  return { ...base, "Content-Security-Policy": documentCsp({ nonce: opts.nonce, https: opts.https, dev: opts.dev }) };
}

/** 128 random bits, base64: unguessable, and a valid CSP nonce-source. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** Documents are every path outside /api/ (pages, their RSC payloads, Next's 404). */
export function responseKindOf(pathname: string): ResponseKind {
  return pathname === "/api" || pathname.startsWith("/api/") ? "api" : "document";
}
