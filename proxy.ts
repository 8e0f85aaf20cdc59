// The trust layer in front of everything Next serves (pages, API routes, SSE, downloads):
// 1. refuse cross-site writes, wrong body types and oversize bodies (lib/security/request-guard.ts);
// 2. put the security headers on every response, with a fresh CSP nonce for pages
//    (lib/security/headers.ts; Next reads the nonce from the request's CSP header);
// 3. send anonymous page requests to sign-in. That redirect grants nothing: authorization lives
//    in lib/ services, which re-check every request.
// The production server applies 1 and 2 to the scoring write it answers before Next
// (scripts/server.ts); tests/security/ checks that the matcher below covers every route.
import { NextResponse, type NextRequest } from "next/server";
import { hasPeerProof, PEER_ADDRESS_HEADER, PEER_PROOF_HEADER } from "@/lib/auth/client-ip";
import { toErrorResponse } from "@/lib/errors";
import { newNonce, responseKindOf, securityHeaders } from "@/lib/security/headers";
import { publicOrigin } from "@/lib/security/public-origin";
import { guardRequest } from "@/lib/security/request-guard";

const PUBLIC_PREFIXES = ["/sign-in", "/sign-up", "/invite/", "/reset-password", "/forgot-password", "/api/", "/_next/", "/favicon"];
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(req: NextRequest): NextResponse {
  const { pathname, search } = req.nextUrl;
  const origin = publicOrigin();
  const kind = responseKindOf(pathname);
  const nonce = kind === "document" ? newNonce() : undefined;
  const headers = securityHeaders({ kind, nonce, https: origin?.https ?? false, pathname, dev: process.env.NODE_ENV === "development" });
  const secure = (res: NextResponse) => {
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  };

  const refusal = guardRequest({ method: req.method, pathname, search, headers: req.headers, publicOrigin: origin?.origin ?? null });
  if (refusal) {
    const { status, body } = toErrorResponse(refusal);
    return secure(NextResponse.json(body, { status }));
  }

  const isPublic = PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
  const hasSession = SESSION_COOKIES.some((c) => req.cookies.has(c));
  if (!isPublic && !hasSession) {
    const url = req.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return secure(NextResponse.redirect(url));
  }

  const forwarded = new Headers(req.headers);
  forwarded.set("x-panelist-path", pathname + search);
  // The socket address only when the production server wrote it (lib/auth/client-ip.ts).
  if (!hasPeerProof(req.headers)) forwarded.delete(PEER_ADDRESS_HEADER);
  forwarded.delete(PEER_PROOF_HEADER);
  if (nonce) {
    forwarded.set("x-nonce", nonce);
    forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  }
  return secure(NextResponse.next({ request: { headers: forwarded } }));
}

export const config = {
  // Everything but the build's static files (their baseline headers come from next.config.js).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
