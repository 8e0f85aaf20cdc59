import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { AppError, type FieldErrors } from "@/lib/errors";
import type { KitItemInput } from "./schemas";

/**
 * Every item must point at a question version of the actor's organization. A foreign or
 * unknown id gets the same field error as a deleted one, so nothing about other tenants leaks.
 */
export async function assertKitQuestions(tx: Tx, actor: Pick<Actor, "organizationId">, items: readonly KitItemInput[]): Promise<void> {
  if (items.length === 0) return;
  const ids = items.map((i) => i.questionVersionId);
  const found = await tx.questionVersion.findMany({
    where: { id: { in: ids }, organizationId: actor.organizationId },
    select: { id: true },
  });
  const known = new Set(found.map((v) => v.id));
  const fieldErrors: FieldErrors = {};
  items.forEach((item, i) => {
    if (!known.has(item.questionVersionId)) fieldErrors[`items.${i}.questionVersionId`] = ["This question is not in your question bank."];
  });
  if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION", "Some questions could not be found.", { fieldErrors });
}

export function kitItemRows(items: readonly KitItemInput[]) {
  return items.map((item, position) => ({ questionVersionId: item.questionVersionId, minutes: item.minutes, position }));
}
