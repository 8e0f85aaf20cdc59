import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { loadKitPoolOrThrow } from "./pool-view";
import type { KitPool } from "./types";

/** A kit's pool, for those who schedule (interviews.schedule) and manage it. */
export async function getKitPool(actor: Actor, kitId: string, now: Date = new Date()): Promise<KitPool> {
  assertCan(actor, "interviews.schedule");
  return loadKitPoolOrThrow(actor.organizationId, kitId, now);
}
