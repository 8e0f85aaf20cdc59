// The request half of the trust layer, as one pure function: is this request allowed to reach a
// handler? proxy.ts calls it for everything Next serves, and the production server
// (scripts/server.ts) for the scoring write it answers itself, so no route can forget it.
//
// 1. Cross-site requests may not change anything (CSRF). For every method but GET, HEAD and
//    OPTIONS (which must never change state):
//
//    | Origin               | Sec-Fetch-Site          | verdict                                   |
//    |----------------------|-------------------------|-------------------------------------------|
//    | the app's origin     | absent or same-origin   | allowed                                   |
//    | the app's origin     | same-site, cross-site,  | 403 (cannot happen from our own pages)    |
//    |                      | none                    |                                           |
//    | "null" (sandboxed    | any                     | 403                                       |
//    |  frame, file:, data:)|                         |                                           |
//    | any other origin     | any                     | 403 (sibling subdomains included)         |
//    | absent               | same-origin             | allowed                                   |
//    | absent               | same-site, cross-site,  | 403                                       |
//    |                      | none                    |                                           |
//    | absent               | absent                  | allowed: not a browser                    |
//
//    The last row is deliberate (Go 1.25's http.CrossOriginProtection decides the same way):
//    every browser of the last years sends Origin on non-GET requests, and Sec-Fetch-Site on
//    all of them, so a request carrying neither comes from curl, a server or a test client —
//    which holds no victim's cookies, so there is nothing to forge. A browser old enough to
//    send neither would also be let through; such browsers are long out of support.
//    "The app's origin" is APP_URL/NEXTAUTH_URL exactly, or the request's Host when neither is
//    set (see public-origin.ts for why that is safe and when it is not).
//
//    One exception: a request to the public API (/api/v1/…) that carries `Authorization: Bearer`.
//    v1 routes authenticate by that header alone and never read the session cookie
//    (lib/api/v1/route.ts), so a forged cross-site request has nothing to borrow — and a browser
//    cannot add an Authorization header cross-site without a CORS preflight, which Panelist never
//    grants. Integrations that send an Origin (a server-side fetch in some runtimes) pass. The body
//    checks below still apply; a cookie-only request to /api/v1 still meets the origin check (and
//    then a 401).
//
// 2. A body must have a media type its route class accepts (route-policy.ts): JSON for the
//    API, urlencoded forms only on next-auth's own endpoints, CSV only for the import. Anything
//    else is a 415 — in particular text/plain, multipart and (outside next-auth) urlencoded,
//    the types a cross-site <form> or a "simple" fetch can send without a CORS preflight.
//
// 3. A declared Content-Length over the class's limit is a 413 before a byte is read; the body
//    readers count the bytes of bodies without one.
//
// 4. A NUL character in the address (%00, in the path or the query) is a 400 for every method:
//    no id, token, search or page number contains one, and Postgres cannot even compare text
//    with one — a page or handler passing it on would answer with a 500.
import { AppError } from "@/lib/errors";
import { mediaTypeOf, normalizePath, routePolicyFor } from "./route-policy";

export interface GuardedRequest {
  method: string;
  /** The path as requested (no query). */
  pathname: string;
  /** The query string as requested ("?a=b", or ""). */
  search: string;
  headers: { get(name: string): string | null };
  /** The app's public origin, or null to compare with the request's Host header. */
  publicOrigin: string | null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const CROSS_SITE_MESSAGE = "This request came from another site, so it was refused: changes can only be made from Panelist's own pages.";

/** Whether the method can change state, and so must pass the origin check. */
export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The reason the request is refused, as the AppError the response is made from; null to let it through. */
export function guardRequest(req: GuardedRequest): AppError | null {
  if (hasNul(req.pathname) || hasNul(req.search)) return new AppError("VALIDATION", NUL_IN_ADDRESS_MESSAGE);
  if (!isStateChanging(req.method)) return null;
  if (!isSameOrigin(req) && !isBearerApiRequest(req)) return new AppError("FORBIDDEN", CROSS_SITE_MESSAGE);

  const policy = routePolicyFor(req.pathname);
  const length = req.headers.get("content-length");
  const declared = length === null ? null : Number(length);
  const hasBody = (declared !== null && declared > 0) || req.headers.get("transfer-encoding") !== null;
  if (hasBody && policy.contentTypes) {
    const type = mediaTypeOf(req.headers.get("content-type"));
    if (!policy.contentTypes.includes(type)) {
      return new AppError(
        "UNSUPPORTED_MEDIA_TYPE",
        `This endpoint accepts ${policy.contentTypes.join(" or ")} bodies, not ${type || "a body without a Content-Type"}.`,
      );
    }
  }
  if (declared !== null && declared > policy.maxBodyBytes) return tooLargeError(policy);
  return null;
}

export const NUL_IN_ADDRESS_MESSAGE = "The address contains a NUL character (%00), which nothing in Panelist accepts.";

const hasNul = (raw: string) => raw.includes("\u0000") || /%00/i.test(raw);

export function tooLargeError(policy: { name: string; maxBodyLabel: string }): AppError {
  return new AppError("TOO_LARGE", `The request body is larger than the ${policy.maxBodyLabel} this endpoint accepts (${policy.name}).`);
}

/** A public API request authenticated by its Authorization header alone (see 1. above). */
export function isBearerApiRequest(req: Pick<GuardedRequest, "pathname" | "headers">): boolean {
  const path = normalizePath(req.pathname);
  if (!path.startsWith("/api/v1/")) return false;
  if (path.split("/").some((segment) => segment === "." || segment === "..")) return false;
  return /^[ \t]*bearer[ \t]+\S/i.test(req.headers.get("authorization") ?? "");
}

function isSameOrigin(req: GuardedRequest): boolean {
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site")?.trim().toLowerCase() ?? null;
  if (site !== null && site !== "same-origin") return false;
  if (origin === null) return true; // same-origin per Sec-Fetch-Site, or not a browser (table above)
  if (origin.trim().toLowerCase() === "null") return false;
  let claimed: URL;
  try {
    claimed = new URL(origin);
  } catch {
    return false;
  }
  if (req.publicOrigin !== null) return claimed.origin === req.publicOrigin;
  const host = req.headers.get("host");
  if (!host) return false;
  try {
    return claimed.host === new URL(`${claimed.protocol}//${host}`).host;
  } catch {
    return false;
  }
}
