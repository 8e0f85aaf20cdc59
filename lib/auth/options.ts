import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sessionPolicy } from "./session-policy";
import { createSession, endSession } from "./sessions";
import { clientIp } from "./client-ip";
import { publicOrigin } from "@/lib/security/public-origin";
import { safeRedirectUrl } from "./safe-redirect";
import { authenticate } from "./sign-in";

declare module "next-auth" {
  interface User {
    /** Where the sign-in came from, for the session record (not kept in the cookie). */
    userAgent?: string | null;
    ip?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    /** The server-side session's token (lib/auth/sessions.ts); only its sha256 is stored. */
    sid?: string;
  }
}

// The client address moved to lib/auth/client-ip.ts (TRUSTED_PROXY_HOPS, the peer address).
export { clientIp };

/**
 * next-auth keeps the user id and the server-side session's token in a signed, encrypted JWT.
 * The session row is checked, and organization and role are read from the database, on every
 * request (lib/auth/actor.ts), so signing out, removing a member or changing a role takes
 * effect at once. The cookie lives as long as the session's absolute lifetime; the row decides.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: sessionPolicy().maxAgeSeconds },
    // Secure, __Secure-/__Host- prefixed cookies whenever browsers reach the app over https
    // (APP_URL, else NEXTAUTH_URL): next-auth alone would decide from NEXTAUTH_URL only.
    useSecureCookies: publicOrigin()?.https ?? false,
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          try {
            const ip = clientIp(req?.headers);
            const user = await authenticate({ email: credentials?.email, password: credentials?.password, ip });
            const ua = req?.headers?.["user-agent"];
            return { id: user.id, email: user.email, name: user.name, ip, userAgent: Array.isArray(ua) ? ua[0] : ua };
          } catch (err) {
            // A refusal (wrong credentials, the limits, an over-long password) is next-auth's
            // CredentialsSignin; the credentials route answers the limits itself (lib/auth/sign-in.ts).
            if (err instanceof AppError) return null;
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      // Every post-sign-in and sign-out target goes through the one same-origin check.
      redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
      // `user` is present only at sign-in: every sign-in gets a fresh session (and token), so
      // a token from before it — a fixated or stolen one — never becomes signed in.
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sid = await createSession({ userId: user.id, userAgent: user.userAgent, ip: user.ip });
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      // POST /api/auth/signout: the cookie is cleared and the session row ends, so a copy of
      // the old cookie is refused everywhere (pages, API, the scoring write, open streams).
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
  };
}
