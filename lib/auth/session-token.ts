// The session cookie, read without Next: next-auth's JWT (its public `decode`) gives the user
// id, and that is all a session carries (the actor is loaded fresh from Postgres on every
// request). Shared by lib/auth/actor.ts (Next's cookies()) and the live scoring write endpoint
// served by the production server directly (lib/scoring/write-endpoint.ts). No "server-only"
// here, so the custom server can load it outside Next's bundler.
import { decode } from "next-auth/jwt";

export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
export const ACTIVE_ORG_COOKIE = "panelist_org";

/** The signed-in user's id from the session cookie, or null (absent, expired, tampered, other secret). */
export async function sessionUserId(getCookie: (name: string) => string | undefined, secret: string): Promise<string | null> {
  for (const name of SESSION_COOKIE_NAMES) {
    const token = getCookie(name) ?? joinChunks(getCookie, name);
    if (!token) continue;
    const sub = await decodeSubject(token, secret);
    if (sub) return sub;
  }
  return null;
}

// Decrypting a session token (key derivation plus AES-GCM) costs ~70 µs of CPU, on every
// request; an interviewer autosaving sends the same token hundreds of times. A token that
// decrypted once under a secret decrypts to the same claims until it expires, so the subject
// is kept, keyed by token and secret, until the token's own expiry. Only successful decodes are
// kept; what a user may do is still read from Postgres on every request.
const DECODED_MAX = 10_000;
const decoded = new Map<string, { sub: string; expiresAtMs: number }>();

async function decodeSubject(token: string, secret: string): Promise<string | null> {
  const key = `${secret}\u0000${token}`;
  const hit = decoded.get(key);
  if (hit) {
    if (hit.expiresAtMs > Date.now()) return hit.sub;
    decoded.delete(key);
  }
  try {
    const payload = await decode({ token, secret });
    if (!payload?.sub) return null;
    const expiresAtMs = typeof payload.exp === "number" ? payload.exp * 1000 : 0;
    if (expiresAtMs > Date.now()) {
      if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
      decoded.set(key, { sub: payload.sub, expiresAtMs });
    }
    return payload.sub;
  } catch {
    // A token signed with another secret, or tampered with: treat as signed out.
    return null;
  }
}

/** next-auth splits cookies over 4 KB into name.0, name.1, …; ours are small, but be exact. */
function joinChunks(getCookie: (name: string) => string | undefined, name: string): string | undefined {
  const parts: string[] = [];
  for (let i = 0; ; i++) {
    const part = getCookie(`${name}.${i}`);
    if (part === undefined) break;
    parts.push(part);
  }
  return parts.length ? parts.join("") : undefined;
}
