// What the demo seed's steps share (lib/seed/demo.ts runs them in order; lib/seed/history.ts is
// one of them): the ids each step records for the later ones, and a loud failure when a step
// runs out of order.
import type { Actor } from "@/lib/auth/actor-query";

/**
 * What the steps share. Each step records the ids it creates so later steps can use them;
 * read them with `requireId`, which fails loudly when a step ran out of order.
 */
export interface SeedContext {
  organizationId: string;
  /** Argon2id hash of DEMO_PASSWORD per email, computed before anything is written. */
  passwordHashes: ReadonlyMap<string, string>;
  /** email → the user acting in the demo organization */
  actors: Map<string, Actor>;
  kitIds: Map<string, string>; // kit name → kit id
  candidateIds: Map<string, string>; // candidate email → candidate id
}

export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}

export function requireId<T>(ids: ReadonlyMap<string, T>, key: string, what: string): T {
  const id = ids.get(key);
  if (!id) throw new Error(`Demo seed: no ${what} "${key}" — check the order of DEMO_SEED_STEPS.`);
  return id;
}
