// Genuine sessions for tests that go through the real cookie path (the scoring write endpoint,
// getActor): a sessions row made by the same service sign-in uses, and next-auth's JWT carrying
// its token, exactly as POST /api/auth/callback/credentials sets it.
import { encode } from "next-auth/jwt";
import { createSession } from "@/lib/auth/sessions";
import { sessionIdOf } from "@/lib/auth/session-token";
import { env } from "@/lib/env";

export interface TestSession {
  /** The session's token (the JWT's `sid`). */
  sid: string;
  /** sessions.id: the token's sha256. */
  sessionId: string;
  /** The encrypted JWT, the session cookie's value. */
  jwt: string;
  /** "next-auth.session-token=…", plus the active organization when given. */
  cookie: string;
}

/** Signs `userId` in: a new session row and its cookie. */
export async function signInAs(userId: string, opts: { organizationId?: string; maxAge?: number; secret?: string } = {}): Promise<TestSession> {
  const sid = await createSession({ userId, userAgent: "vitest", ip: "127.0.0.1" });
  const jwt = await encode({ token: { sub: userId, sid }, secret: opts.secret ?? env().AUTH_SECRET, ...(opts.maxAge ? { maxAge: opts.maxAge } : {}) });
  const cookie = `next-auth.session-token=${jwt}${opts.organizationId ? `; panelist_org=${opts.organizationId}` : ""}`;
  return { sid, sessionId: sessionIdOf(sid), jwt, cookie };
}

const cached = new Map<string, Promise<TestSession>>();

/** One session per user for the whole test file (as one browser each), its cookie with the actor's organization. */
export async function sessionCookieOf(who: { userId: string; organizationId: string } | null): Promise<string> {
  if (!who) return "";
  const key = `${who.userId}\u0000${who.organizationId}`;
  if (!cached.has(key)) cached.set(key, signInAs(who.userId, { organizationId: who.organizationId }));
  return (await cached.get(key)!).cookie;
}
