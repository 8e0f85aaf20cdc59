// One HTTP(S) GET to an address already checked by public-address.ts, whatever DNS says now
// (TLS still verifies the certificate for the URL's host name). No redirects (a 3xx is returned
// as it is), a time limit, and a cap on the body read.
// No "server-only": tests import it outside Next.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { CheckedAddress } from "./public-address";

export class GetPinnedError extends Error {
  constructor(
    readonly kind: "timeout" | "too-large" | "network",
    message: string,
  ) {
    super(message);
  }
}

export function getPinned(url: URL, pinned: CheckedAddress, opts: { timeoutMs: number; maxBytes: number; headers?: Record<string, string> }): Promise<{ status: number; body: string }> {
  const lookup: LookupFunction = (_host, options, done) => {
    if (options.all) (done as unknown as (err: null, all: CheckedAddress[]) => void)(null, [pinned]);
    else done(null, pinned.address, pinned.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: "GET", lookup, agent: false, headers: opts.headers }, (res) => {
      const status = res.statusCode ?? 0;
      if (Number(res.headers["content-length"] ?? 0) > opts.maxBytes) return req.destroy(new GetPinnedError("too-large", "response too large"));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > opts.maxBytes) req.destroy(new GetPinnedError("too-large", "response too large"));
        else chunks.push(c);
      });
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", (err) => req.destroy(err));
    });
    const timer = setTimeout(() => req.destroy(new GetPinnedError("timeout", "no answer in time")), opts.timeoutMs);
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err instanceof GetPinnedError ? err : new GetPinnedError("network", err.message));
    });
    req.end();
  });
}
