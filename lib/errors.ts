import { ZodError, type z } from "zod";

export type AppErrorCode =
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "GONE"
  | "TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UNPROCESSABLE";

const STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
};

export type FieldErrors = Record<string, string[]>;

/** The one error type services throw; its message is safe to show to the user. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;
  /** Extra payload for the client, e.g. the current value on a conflict. */
  readonly details?: unknown;
  readonly retryAfterSeconds?: number;

  constructor(
    code: AppErrorCode,
    message: string,
    opts: { fieldErrors?: FieldErrors; details?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = opts.fieldErrors;
    this.details = opts.details;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = "That item") => new AppError("NOT_FOUND", `${what} was not found.`);
export const forbidden = (message = "You do not have permission to do that.") => new AppError("FORBIDDEN", message);

/** Turns a zod error into field errors keyed by dotted path ("" for form-level). */
export function zodFieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function validationError(error: ZodError, message = "Please fix the highlighted fields."): AppError {
  return new AppError("VALIDATION", message, { fieldErrors: zodFieldErrors(error) });
}

/**
 * Validates input where it enters (a route — see parseJson/parseQuery in lib/api/route.ts — a
 * script, the demo seed, a test): the parsed value, or a VALIDATION error naming each field.
 * Services take what this returns and never parse again.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export type ErrorBody = {
  error: { code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors; details?: unknown };
};

/** Maps any thrown value to an HTTP status and a body; unknown errors are logged, never echoed. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (err instanceof ZodError) err = validationError(err);
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err.retryAfterSeconds !== undefined) headers["Retry-After"] = String(err.retryAfterSeconds);
    return {
      status: err.status,
      headers,
      body: { error: { code: err.code, message: err.message, fieldErrors: err.fieldErrors, details: err.details } },
    };
  }
  const sqlstate = databaseInputErrorCode(err);
  if (sqlstate) {
    // The last line of defence for "no 500 from input": a value a schema let through but
    // Postgres refused (past an integer's range, too long, not text it can store). The statement
    // failed, so nothing was written. Logged: the schema should have caught it.
    report("warn", { sqlstate }, "input refused by the database (a schema should have caught it)");
    return {
      status: 400,
      headers: {},
      body: { error: { code: "VALIDATION", message: "A value in the request is outside what Panelist can store (too large, too long or not valid text)." } },
    };
  }
  // The error's type, code and stack frames, not its message: driver and ORM messages can quote
  // the values of the failed call (an email in a unique-key violation).
  report("error", errorSummary(err), "unexpected error");
  return {
    status: 500,
    headers: {},
    body: { error: { code: "INTERNAL", message: "Something went wrong on our side. Nothing you entered was lost; please try again." } },
  };
}

// SQLSTATE class 22, "data exception": the value itself was refused (22003 out of range, 22001
// too long, 22021/22P05 a NUL or invalid character, 22P02 invalid text for the type, 22008
// datetime out of range…). Prisma's codes for the same refusals made before the query runs.
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;
const PRISMA_INPUT_CODES = new Set(["P2000", "P2020", "P2033"]);

/** The code when `err` (a pg error, or Prisma's wrapping of one, at any depth) is the database refusing a value; else null. */
export function databaseInputErrorCode(err: unknown, depth = 0): string | null {
  if (err === null || typeof err !== "object" || depth > 4) return null;
  const e = err as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  for (const code of [e.code, e.originalCode]) {
    if (typeof code === "string" && (DATA_EXCEPTION.test(code) || PRISMA_INPUT_CODES.has(code))) return code;
  }
  return databaseInputErrorCode(e.cause, depth + 1) ?? databaseInputErrorCode(e.meta?.driverAdapterError, depth + 1);
}

function errorSummary(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const frames = (err.stack ?? "").split("\n").filter((l) => l.trimStart().startsWith("at ")).slice(0, 12);
  return { type: err.name, code: (err as { code?: unknown }).code, stack: frames.join("\n") };
}

/**
 * Logs through the server's structured logger (lib/log.ts) when it is loaded. This module is also
 * imported by client components (zodFieldErrors), so it must not import the logger itself.
 */
function report(level: "warn" | "error", fields: Record<string, unknown>, message: string): void {
  const shared = (globalThis as Record<symbol, { logger?: { child(b: object): Record<string, (o: object, m: string) => void> } } | undefined>)[Symbol.for("panelist.log")];
  if (shared?.logger) shared.logger.child({ component: "api" })[level]!(fields, message);
  else console[level](`[panelist] ${message}`, fields);
}
