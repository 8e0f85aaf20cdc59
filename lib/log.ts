// Structured logs: one JSON line per event (pino), with the request's id, the actor's user and
// organization ids, route, status and duration on request lines. Never personal data (no names,
// emails, IP addresses, bodies, query strings) and never secrets. `LOG_LEVEL` sets the level
// (default info). Lines go to stdout as JSON; `npm run dev` pipes its server's output through
// pino-pretty (scripts/serve.ts), so development reads them pretty-printed.
//
// The request context lives in one AsyncLocalStorage kept on globalThis: the compiled server
// (scripts/server.ts) and Next's server bundles each get their own copy of this module, and both
// must see the same store — the server opens a context per request, withActor fills in the actor.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";

export interface RequestContext {
  requestId: string;
  userId?: string;
  organizationId?: string;
}

const KEY = Symbol.for("panelist.log");
type Shared = { logger: Logger; context: AsyncLocalStorage<RequestContext> };
const globalForLog = globalThis as unknown as Record<symbol, Shared | undefined>;

function shared(): Shared {
  let s = globalForLog[KEY];
  if (!s) {
    const context = new AsyncLocalStorage<RequestContext>();
    const logger = pino({
      level: process.env.LOG_LEVEL || (process.env.VITEST ? "silent" : "info"),
      base: { service: "panelist" },
      // Defence in depth: these never belong in a log line, whoever passes them.
      redact: { paths: ["password", "passwordHash", "token", "cookie", "authorization", "email", "name", "*.password", "*.token", "*.email"], censor: "[redacted]" },
      // Each line carries the request it belongs to, when there is one.
      mixin: () => {
        const c = context.getStore();
        return c ? { requestId: c.requestId, ...(c.userId ? { userId: c.userId } : {}), ...(c.organizationId ? { organizationId: c.organizationId } : {}) } : {};
      },
    });
    s = globalForLog[KEY] = { logger, context };
  }
  return s;
}

/** The process's logger; `log.child({ component: "lab" })` for a part of the app. */
export function logger(): Logger {
  return shared().logger;
}

/** A component's logger. */
export function log(component: string): Logger {
  return shared().logger.child({ component });
}

/** A path as logged: a secret carried in it (an invitation link's token) is masked. */
export function loggedRoute(pathname: string): string {
  return pathname.replace(/^(\/invite\/)[^/]+/, "$1[token]");
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id a request is logged under: the caller's `X-Request-Id` when it is a sane token, or a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/** Runs `fn` inside a request's log context. */
export function withRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return shared().context.run(ctx, fn);
}

/** The current request's context (undefined outside one). */
export function requestContext(): RequestContext | undefined {
  return shared().context.getStore();
}

/** Records who is acting in the current request (ids only), for its log line. */
export function noteActor(actor: { userId: string; organizationId: string }): void {
  const c = requestContext();
  if (c) {
    c.userId = actor.userId;
    c.organizationId = actor.organizationId;
  }
}
