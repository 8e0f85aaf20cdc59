import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { refreshFeedbackDue } from "@/lib/feedback/refresh-due";
import type { UpdateTimeZoneData } from "./schemas";

/**
 * Sets the actor's own time zone; it is theirs, so no permission beyond being signed in. Their
 * open scorecards' due times move with it when business days count (lib/feedback/due.ts).
 */
export async function updateMyTimeZone(actor: Actor, input: UpdateTimeZoneData): Promise<{ timeZone: string }> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: actor.userId }, data: { timeZone: input.timeZone }, select: { timeZone: true } });
    await refreshFeedbackDue(tx, { userId: actor.userId });
    return { timeZone: user.timeZone };
  });
}
