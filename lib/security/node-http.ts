// The trust layer for a response written by hand on node:http — the production server's scoring
// fast path (scripts/server.ts), which answers before Next and so before proxy.ts. The same guard
// and the same headers as everything Next serves; only the adapters to node's types live here.
import type { IncomingMessage, ServerResponse } from "node:http";
import { toErrorResponse, type AppError } from "@/lib/errors";
import { securityHeaders } from "./headers";
import { publicOrigin } from "./public-origin";
import { guardRequest } from "./request-guard";

export function pathnameOf(url: string | undefined): string {
  const raw = url ?? "/";
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

function searchOf(url: string | undefined): string {
  const raw = (url ?? "").split("#")[0]!;
  const at = raw.indexOf("?");
  return at === -1 ? "" : raw.slice(at);
}

/** The API response headers (CSP default-src 'none', nosniff, no-store, HSTS on https…). */
export function apiSecurityHeaders(pathname: string): Record<string, string> {
  return securityHeaders({ kind: "api", https: publicOrigin()?.https ?? false, pathname });
}

/** guardRequest (lib/security/request-guard.ts) over a node request. */
export function guardNodeRequest(req: IncomingMessage): AppError | null {
  return guardRequest({
    method: req.method ?? "GET",
    pathname: pathnameOf(req.url),
    search: searchOf(req.url),
    headers: {
      get: (name) => {
        const v = req.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
      },
    },
    publicOrigin: publicOrigin()?.origin ?? null,
  });
}

/**
 * Answers a refused request (403, 413, 415) with the security headers, without reading its body,
 * and closes the connection rather than wait for a body nobody will read.
 */
export function sendRefusal(res: ServerResponse, err: AppError, pathname: string): void {
  const { status, body, headers } = toErrorResponse(err);
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...apiSecurityHeaders(pathname),
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    connection: "close",
  });
  res.end(text);
}
