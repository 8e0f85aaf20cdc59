import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { publishLabRunEvent } from "./lab-events";
import { getLabRunRowOrThrow } from "./get-lab-run";
import { assertCanCancelLabRun } from "./lab-run-access";
import { labRunSelect, toLabRunView } from "./lab-run-view";
import { getLabPool, type LabPool } from "./runner/lab-pool";
import type { LabRunView } from "./types";

/**
 * Cancels a queued or running run: the row first (so every instance sees it, and the one
 * running it stops its worker on its next progress write), then this instance's worker.
 * Cancelling a finished run changes nothing and returns it as it is. Only the run's launcher, or
 * an owner or admin, may cancel (403); another organization's run is a 404.
 */
export async function cancelLabRun(actor: Actor, { id }: { id: string }, opts: { pool?: LabPool } = {}): Promise<LabRunView> {
  assertCan(actor, "lab.run");
  const row = await getLabRunRowOrThrow(actor, id);
  assertCanCancelLabRun(actor, row);
  if (row.status !== "QUEUED" && row.status !== "RUNNING") return toLabRunView(row);
  await db.labRun.updateMany({
    where: { id, organizationId: actor.organizationId, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "CANCELLED", finishedAt: new Date(), error: `Cancelled by ${actor.name}.` },
  });
  (opts.pool ?? getLabPool()).cancel(id, `Cancelled by ${actor.name}.`);
  const view = toLabRunView((await db.labRun.findFirst({ where: { id, organizationId: actor.organizationId }, select: labRunSelect }))!);
  await publishLabRunEvent(id, { type: "status" }).catch(() => {});
  return view;
}
