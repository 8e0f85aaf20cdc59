// GET|POST /api/auth/* — next-auth (session, CSRF, credentials callback, sign-out). A sign-in
// refused by the limits is answered as a real 429 with Retry-After (an over-long password as a
// 400), not as next-auth's 401: the decision is made inside authorize(), in one statement with
// the count (lib/auth/rate-limit.ts), and handed back here. Sign-in and callback requests for an
// organization's identity provider (/api/auth/{signin,callback}/sso-<organizationId>) get that
// provider in next-auth's options, built per request (lib/auth/request-options.ts).
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/route";
import { authOptionsForRequest } from "@/lib/auth/request-options";
import { withSignInRefusals } from "@/lib/auth/sign-in";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: NextRequest, ctx: Ctx): Promise<Response> {
  const { nextauth } = await ctx.params;
  return NextAuth(req as never, ctx as never, await authOptionsForRequest(nextauth, req.headers)) as Promise<Response>;
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
