// Route-level tests call the real route handlers with the session lookup replaced by a fixed
// actor (set `session.actor`; null means signed out). Use it in a test file with:
//
//   vi.mock("@/lib/auth/actor", async (importOriginal) =>
//     (await import("../helpers/fixed-session")).withFixedSession(importOriginal));
//
// This module must not import "@/lib/auth/actor" itself (only its types): it is the mock.
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";

export const session: { actor: Actor | null } = { actor: null };

export async function withFixedSession(importOriginal: <T>() => Promise<T>) {
  const real = await importOriginal<typeof import("@/lib/auth/actor")>();
  return {
    ...real,
    requireApiActor: async (): Promise<Actor> => {
      if (!session.actor) throw new AppError("UNAUTHENTICATED", "Please sign in to continue.");
      return session.actor;
    },
  };
}
