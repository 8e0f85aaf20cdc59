// GET|POST /api/auth/* — next-auth (session, CSRF, credentials callback, sign-out), with the
// sign-in rate limit answered as a real 429 before next-auth sees the attempt.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/route";
import { authOptions, clientIp } from "@/lib/auth/options";
import { signInRetryAfter } from "@/lib/auth/rate-limit";
import { rateLimitedError } from "@/lib/auth/sign-in";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, ctx: Ctx): Promise<Response> {
  return NextAuth(req as never, ctx as never, authOptions()) as Promise<Response>;
}

export async function GET(req: NextRequest, ctx: Ctx): Promise<Response> {
  return handler(req, ctx);
}

export async function POST(req: NextRequest, ctx: Ctx): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "").trim().toLowerCase();
    if (email) {
      const wait = await signInRetryAfter(email, clientIp(req.headers));
      if (wait > 0) return errorResponse(rateLimitedError(wait));
    }
  }
  return handler(req, ctx);
}
