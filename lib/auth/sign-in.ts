import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { randomUUID } from "node:crypto";
import { hashPassword, verifyPassword } from "./password";
import { SIGN_IN_LIMITS, clearFailures, recordFailure, signInKeys, signInRetryAfter } from "./rate-limit";
import { signInSchema } from "./schemas";

// Verifying against a real hash of a random secret when the account does not exist keeps
// the response time the same, so timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword(randomUUID()));

export const INVALID_CREDENTIALS = "That email and password do not match an active account.";

export function rateLimitedError(seconds: number): AppError {
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    "RATE_LIMITED",
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    { retryAfterSeconds: seconds },
  );
}

/**
 * Checks credentials under the per-account and per-address limits. Every failure looks the
 * same to the caller, whether or not the account exists.
 */
export async function authenticate(input: { email: unknown; password: unknown; ip: string }): Promise<{ id: string; email: string; name: string }> {
  const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  const { email, password } = parsed.data;

  const wait = await signInRetryAfter(email, input.ip);
  if (wait > 0) throw rateLimitedError(wait);

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, deactivatedAt: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  const keys = signInKeys(email, input.ip);
  if (!user || !ok || user.deactivatedAt) {
    await Promise.all([recordFailure(keys.account, SIGN_IN_LIMITS.account), recordFailure(keys.ip, SIGN_IN_LIMITS.ip)]);
    throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  }
  await clearFailures(keys.account);
  return { id: user.id, email: user.email, name: user.name };
}
