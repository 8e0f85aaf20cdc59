// Next's request scope (next/headers' cookies() and headers()) for code run outside a Next
// server: the Request being handled, held in an AsyncLocalStorage. Test files hand it to their
// own imports with vi.mock("next/headers", …) and to next-auth's route adapter — a CommonJS
// module that require()s next/headers itself, beyond vi.mock — with installNextHeadersForCommonJs.
import { AsyncLocalStorage } from "node:async_hooks";
import { Module, createRequire } from "node:module";

export const requestScope = new AsyncLocalStorage<Request>();

function current(): Request {
  const req = requestScope.getStore();
  if (!req) throw new Error("next/headers called outside a request (run it inside requestScope.run)");
  return req;
}

function parseCookieHeader(header: string | null): { name: string; value: string }[] {
  return (header ?? "")
    .split(/;\s*/)
    .filter((p) => p.includes("="))
    .map((p) => ({ name: p.slice(0, p.indexOf("=")), value: decodeURIComponent(p.slice(p.indexOf("=") + 1)) }));
}

export const nextHeaders = {
  cookies: async () => {
    const all = parseCookieHeader(current().headers.get("cookie"));
    return { getAll: () => all, get: (name: string) => all.find((c) => c.name === name), has: (name: string) => all.some((c) => c.name === name) };
  },
  headers: async () => current().headers,
};

/** Makes next-auth's own require("next/headers") answer from requestScope; returns the undo. */
export function installNextHeadersForCommonJs(): () => void {
  const fromNextAuth = createRequire(createRequire(import.meta.url).resolve("next-auth"));
  const file = fromNextAuth.resolve("next/headers");
  const previous = fromNextAuth.cache[file];
  const stub = new Module(file);
  stub.filename = file;
  stub.loaded = true;
  stub.exports = nextHeaders;
  fromNextAuth.cache[file] = stub;
  return () => {
    if (previous) fromNextAuth.cache[file] = previous;
    else delete fromNextAuth.cache[file];
  };
}
