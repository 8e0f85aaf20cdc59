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
import type { OAuthConfig } from "next-auth/providers/oauth";
import { admitSsoSignIn } from "@/lib/sso/sso-sign-in";
import { organizationOfSsoProvider } from "@/lib/sso/schemas";
import type { SsoProfile } from "@/lib/sso/sso-provider";

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
export interface AuthRequestOptions {
  /** An organization's identity provider, for /api/auth/{signin,callback}/sso-<id> (lib/sso/sso-provider.ts). */
  sso?: OAuthConfig<SsoProfile> | null;
  /** Where the request came from, for the session record of an SSO sign-in. */
  client?: { ip: string; userAgent?: string | null };
}

export function authOptions(request: AuthRequestOptions = {}): NextAuthOptions {
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
      ...(request.sso ? [request.sso] : []),
    ],
    callbacks: {
      // An SSO sign-in reaches here only after next-auth has checked state, PKCE and the ID
      // token (signature, issuer, audience, expiry, nonce). admitSsoSignIn decides whether the
      // claims sign anyone in (and makes the account and membership on a first sign-in); the
      // user next-auth carries on to the jwt callback becomes Panelist's user, so the session is
      // made exactly as after a password.
      async signIn({ user, account, profile }) {
        if (account?.type !== "oauth") return true;
        const organizationId = organizationOfSsoProvider(account.provider);
        if (!organizationId) return false;
        const admitted = await admitSsoSignIn({ organizationId, claims: profile ?? {} });
        if ("refused" in admitted) return `/sign-in?error=${admitted.refused}`;
        user.id = admitted.userId;
        user.ip = request.client?.ip;
        user.userAgent = request.client?.userAgent ?? null;
        return true;
      },
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
