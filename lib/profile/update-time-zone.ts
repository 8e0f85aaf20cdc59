import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { UpdateTimeZoneData } from "./schemas";

/** Sets the actor's own time zone; it is theirs, so no permission beyond being signed in. */
export async function updateMyTimeZone(actor: Actor, input: UpdateTimeZoneData): Promise<{ timeZone: string }> {
  const user = await db.user.update({ where: { id: actor.userId }, data: { timeZone: input.timeZone }, select: { timeZone: true } });
  return { timeZone: user.timeZone };
}
