import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { authenticate } from "./sign-in";

export function clientIp(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  // Each trusted proxy appends the address it saw, so the client is the entry TRUSTED_PROXY_HOPS
  // from the right; entries further left are whatever the client claimed and are ignored.
  // (Next itself fills the header with the socket address when no proxy set it.)
  const hops = Math.max(1, Number(process.env.TRUSTED_PROXY_HOPS ?? 1) || 1);
  const chain = (get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return chain[Math.max(0, chain.length - hops)] || get("x-real-ip") || "local";
}

/**
 * next-auth keeps only the user id in a signed JWT. Organization and role are read from
 * the database on every request (lib/auth/actor.ts), so removing a member or changing a
 * role takes effect at once.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          try {
            const user = await authenticate({
              email: credentials?.email,
              password: credentials?.password,
              ip: clientIp(req?.headers),
            });
            return { id: user.id, email: user.email, name: user.name };
          } catch (err) {
            // next-auth turns a thrown Error into ?error=<message>; keep only safe messages.
            if (err instanceof AppError) throw new Error(err.message);
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
