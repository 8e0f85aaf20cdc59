// The app's public origin — the address browsers use — from APP_URL, else NEXTAUTH_URL (the same
// order as lib/env.ts). The origin check compares a request's Origin with it exactly, and it
// decides whether the app is served over https (HSTS, upgrade-insecure-requests, secure cookies).
//
// When neither is set (`next dev` on any port, ad-hoc runs) the check falls back to the
// request's own Host header. That is safe against cross-site requests — a browser always sends
// the Host of the server it talks to and the Origin of the page that made the request, and
// neither can be set by a page's script — but it is not reliable behind a reverse proxy that
// rewrites Host: there, set APP_URL to the public URL. X-Forwarded-Host is never trusted (any
// client can send it). Pure: read by proxy.ts and by the production server's fast path.

export interface PublicOrigin {
  /** "https://panelist.example.com": scheme, host and port, as browsers send in Origin. */
  origin: string;
  https: boolean;
}

let cache: { raw: string; value: PublicOrigin | null } | undefined;

export function publicOrigin(env: Record<string, string | undefined> = process.env): PublicOrigin | null {
  const raw = env.APP_URL || env.NEXTAUTH_URL || "";
  if (cache?.raw === raw) return cache.value;
  let value: PublicOrigin | null = null;
  if (raw) {
    try {
      const url = new URL(raw);
      if (url.protocol === "http:" || url.protocol === "https:") value = { origin: url.origin, https: url.protocol === "https:" };
    } catch {
      // lib/env.ts refuses a malformed URL at boot; here it simply means "not configured".
    }
  }
  cache = { raw, value };
  return value;
}

/**
 * What to tell whoever starts a server without APP_URL or NEXTAUTH_URL: links that leave the
 * browser — in invitation mail, calendar invites (.ics) and password reset links — are built
 * from the public URL, and without one they point at http://localhost:PORT, which works for
 * nobody reaching the app by another address. Null when one is set.
 */
export function publicUrlWarning(env: Record<string, string | undefined>, port: number): string | null {
  if (publicOrigin(env)) return null;
  return `APP_URL is not set (nor NEXTAUTH_URL): links in invitation mail, calendar invites and password reset links will point at http://localhost:${port}. Set APP_URL to the address people use to reach Panelist, e.g. APP_URL=https://panelist.example.com.`;
}
