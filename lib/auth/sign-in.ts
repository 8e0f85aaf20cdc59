import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import { refundSignInAttempt, signInKeys, takeSignInAttempt } from "./rate-limit";
import { MAX_PASSWORD_LENGTH, signInSchema } from "./schemas";
import { INVALID_CREDENTIALS_MESSAGE, MAX_PASSWORD_LENGTH_MESSAGE } from "./sign-in-messages";
import { SSO_REQUIRED_MESSAGE, passwordRefusedBySso, ssoRequiredForEmail } from "@/lib/sso/sso-sign-in";

// Verifying against a real hash of a random secret when the account does not exist keeps
// the response time the same, so timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword(randomUUID()));
// Computed once at load (off the event loop), so not even the first unknown email is slower.
void getDummyHash();

export const INVALID_CREDENTIALS = INVALID_CREDENTIALS_MESSAGE;

export function rateLimitedError(seconds: number): AppError {
  const wait =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? "" : "s"}`
      : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? "" : "s"}`;
  return new AppError("RATE_LIMITED", `Too many failed sign-in attempts. Try again in ${wait}.`, { retryAfterSeconds: seconds });
}

// next-auth answers every refusal inside authorize() as a 401 "CredentialsSignin". A refusal
// that must reach the browser as itself — the limits (429 with Retry-After), an over-long
// password (400) — is left here for the credentials route, which runs next-auth inside
// `withSignInRefusals` (app/api/auth/[...nextauth]/route.ts).
const refusals = new AsyncLocalStorage<{ refusal?: AppError }>();

function refuse(err: AppError): AppError {
  const scope = refusals.getStore();
  if (scope) scope.refusal = err;
  return err;
}

/** Runs `fn` (next-auth's credentials callback) and returns what it answered, or the refusal met inside it. */
export async function withSignInRefusals(fn: () => Promise<Response>): Promise<{ response: Response; refusal?: AppError }> {
  const scope: { refusal?: AppError } = {};
  const response = await refusals.run(scope, fn);
  return { response, refusal: scope.refusal };
}

/**
 * Checks credentials under the sign-in limits (lib/auth/rate-limit.ts). Every failure looks
 * the same to the caller, in body and time, whether or not the account exists: the attempt is
 * counted before the account is looked up, and an unknown account still pays for one argon2
 * verification. `ip` is the client address from `clientIp` (lib/auth/client-ip.ts).
 */
export async function authenticate(input: { email: unknown; password: unknown; ip: string }): Promise<{ id: string; email: string; name: string }> {
  if (typeof input.password === "string" && input.password.length > MAX_PASSWORD_LENGTH) {
    throw refuse(new AppError("VALIDATION", MAX_PASSWORD_LENGTH_MESSAGE, { fieldErrors: { password: [MAX_PASSWORD_LENGTH_MESSAGE] } }));
  }
  const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  const { email, password } = parsed.data;

  const attempt = await takeSignInAttempt(signInKeys(email, input.ip));
  if (!attempt.allowed) throw refuse(rateLimitedError(attempt.retryAfterSeconds));

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, deactivatedAt: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  // "SSO required" (lib/sso/sso-sign-in.ts) answers for the whole email domain, whatever the
  // password and whether or not the account exists: a 403 with where to go instead, which the
  // form shows. Only a password that may still be used (an owner's, or a member's of several
  // organizations) and is right signs in. So the answer never tells a right password from a
  // wrong one, nor an account from none, and such a refusal stays a counted attempt.
  const ssoDomain = await ssoRequiredForEmail(email);
  // A failure is already counted: the attempt was recorded as one before the check.
  if (!user || !ok || user.deactivatedAt) throw ssoDomain ? refuse(new AppError("FORBIDDEN", SSO_REQUIRED_MESSAGE)) : new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  if (await passwordRefusedBySso(user.id)) throw refuse(new AppError("FORBIDDEN", SSO_REQUIRED_MESSAGE));
  await refundSignInAttempt(attempt);
  return { id: user.id, email: user.email, name: user.name };
}
