import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { loadKitDetailOrThrow } from "./kit-view";
import type { KitDetail } from "./types";

export async function getKitOrThrow(actor: Actor, kitId: string): Promise<KitDetail> {
  assertCan(actor, "kits.read");
  return loadKitDetailOrThrow(actor, kitId);
}
