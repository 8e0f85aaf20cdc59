// The session cookie, read without Next: next-auth's JWT (its public `decode`) gives the user
// id (`sub`) and the session's token (`sid`). Whether that session is still valid is decided
// by Postgres on every request (panelist_session_actor / panelist_session_score_write), never
// here. Shared by lib/auth/actor.ts (Next's cookies()) and the live scoring write endpoint
// served by the production server directly (lib/scoring/write-endpoint.ts). No "server-only"
// here, so the custom server can load it outside Next's bundler.
import { createHash } from "node:crypto";
import { decode } from "next-auth/jwt";

export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
export const ACTIVE_ORG_COOKIE = "panelist_org";

/** What a session cookie claims: who, and which server-side session (the sha256 of its token, i.e. sessions.id). */
export interface SessionClaims {
  userId: string;
  sessionId: string;
}

/** sessions.id for a session token: only the hash is stored, so a copy of the table signs nobody in. */
export const sessionIdOf = (token: string): string => createHash("sha256").update(token).digest("hex");

/**
 * The claims of the session cookie, or null (absent, expired, tampered, other secret, or a
 * token from before server-side sessions, which carries no `sid`). Not a validity check.
 */
export async function sessionClaims(getCookie: (name: string) => string | undefined, secret: string): Promise<SessionClaims | null> {
  for (const name of SESSION_COOKIE_NAMES) {
    const token = getCookie(name) ?? joinChunks(getCookie, name);
    if (!token) continue;
    const claims = await decodeClaims(token, secret);
    if (claims) return claims;
  }
  return null;
}

// Decrypting a session token (key derivation plus AES-GCM) costs ~70 µs of CPU, on every
// request; an interviewer autosaving sends the same token hundreds of times. A token that
// decrypted once under a secret decrypts to the same claims until it expires, so the claims
// are kept, keyed by token and secret, until the token's own expiry. This caches decoding
// only: whether the session is still valid (not signed out, not idle, not past its lifetime)
// is asked of Postgres on every request, so a signed-out token stops working at once.
const DECODED_MAX = 10_000;
const decoded = new Map<string, SessionClaims & { expiresAtMs: number }>();

async function decodeClaims(token: string, secret: string): Promise<SessionClaims | null> {
  const key = `${secret}\u0000${token}`;
  const hit = decoded.get(key);
  if (hit) {
    if (hit.expiresAtMs > Date.now()) return { userId: hit.userId, sessionId: hit.sessionId };
    decoded.delete(key);
  }
  try {
    const payload = await decode({ token, secret });
    if (!payload?.sub || typeof payload.sid !== "string" || !payload.sid) return null;
    const claims = { userId: payload.sub, sessionId: sessionIdOf(payload.sid) };
    const expiresAtMs = typeof payload.exp === "number" ? payload.exp * 1000 : 0;
    if (expiresAtMs > Date.now()) {
      if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
      decoded.set(key, { ...claims, expiresAtMs });
    }
    return claims;
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
