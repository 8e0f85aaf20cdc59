// One HTTP POST to a checked address. No "server-only": the bench posts through it too.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { ResolvedTarget } from "./url-safety";

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** What is kept of a response or error for the delivery log. */
const ERROR_CHARS = 500;

export interface PostOutcome {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * POSTs `body` to the target, connecting to `target.addresses[0]` whatever DNS says now (the
 * address url-safety.ts checked; TLS still verifies the certificate for the URL's host name).
 * Never follows redirects (a 3xx is a failure: the receiver's URL is the endpoint's). Resolves
 * with the status, or a null status and the error (refused, reset, timeout after `timeoutMs`).
 */
export function postWebhook(target: ResolvedTarget, body: string, headers: Record<string, string>, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<PostOutcome> {
  const started = performance.now();
  const pinned = target.addresses[0]!;
  const lookup: LookupFunction = (_host, options, done) => {
    if (options.all) (done as unknown as (err: null, all: { address: string; family: number }[]) => void)(null, [pinned]);
    else done(null, pinned.address, pinned.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ statusCode, durationMs: Math.round(performance.now() - started), error: error?.slice(0, ERROR_CHARS) ?? null });
    };
    const req = client.request(
      target.url,
      { method: "POST", lookup, agent: false, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Panelist-Webhooks/1", ...headers } },
      (res) => {
        const code = res.statusCode ?? null;
        res.resume(); // the body is not needed; drain it so the socket closes
        res.on("end", () => finish(code, code !== null && code >= 200 && code < 300 ? null : `HTTP ${code}`));
        res.on("error", (err) => finish(code, err.message));
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`No answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    req.on("error", (err) => finish(null, err.message));
    req.end(body);
  });
}
