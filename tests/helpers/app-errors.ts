// Asserting on the one error type services throw (lib/errors.ts).
import { expect } from "vitest";
import { AppError } from "@/lib/errors";

/** The AppError a call rejects with; the test fails if the call resolves or throws anything else. */
export async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** The same, and the error's code must be `code`. */
export async function expectAppError(p: Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  const err = await rejection(p);
  expect(err.code).toBe(code);
  return err;
}
