// GET|POST /api/auth/* — next-auth (session, CSRF, credentials callback, sign-out). A sign-in
// refused by the limits is answered as a real 429 with Retry-After (an over-long password as a
// 400), not as next-auth's 401: the decision is made inside authorize(), in one statement with
// the count (lib/auth/rate-limit.ts), and handed back here.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/route";
import { authOptions } from "@/lib/auth/options";
import { withSignInRefusals } from "@/lib/auth/sign-in";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, ctx: Ctx): Promise<Response> {
  return NextAuth(req as never, ctx as never, authOptions()) as Promise<Response>;
}

export async function GET(req: NextRequest, ctx: Ctx): Promise<Response> {
  return handler(req, ctx);
}

export async function POST(req: NextRequest, ctx: Ctx): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") !== "callback/credentials") return handler(req, ctx);
  const { response, refusal } = await withSignInRefusals(() => handler(req, ctx));
  return refusal ? errorResponse(refusal) : response;
}
