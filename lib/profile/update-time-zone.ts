import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { updateTimeZoneSchema } from "./schemas";

/** Sets the actor's own time zone; it is theirs, so no permission beyond being signed in. */
export async function updateMyTimeZone(actor: Actor, input: unknown): Promise<{ timeZone: string }> {
  const parsed = updateTimeZoneSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const user = await db.user.update({ where: { id: actor.userId }, data: { timeZone: parsed.data.timeZone }, select: { timeZone: true } });
  return { timeZone: user.timeZone };
}
