import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { assertCanReadLabRuns, labRunAccessWhere } from "./lab-run-access";
import { labRunSelect, readEnvelope, toLabRunView, type LabRunRow } from "./lab-run-view";
import { getLabPool } from "./runner/lab-pool";
import type { LabRunView } from "./types";

/** Slack beyond a run's own limit before a silent run is declared dead. */
const ORPHAN_GRACE_MS = 60_000;
/** A run nobody took off the job queue in this long is closed (every worker everywhere was gone). */
const QUEUED_ORPHAN_MS = 15 * 60_000;

/**
 * A QUEUED/RUNNING row whose worker no longer exists (the server restarted) would stay
 * "running" forever; once well past its time limit and unknown to this pool, it is closed.
 */
export async function reapIfOrphaned(row: LabRunRow): Promise<LabRunRow> {
  if (row.status !== "QUEUED" && row.status !== "RUNNING") return row;
  const limitMs = readEnvelope(row.result).timeLimitSeconds * 1000;
  // Running: past its time limit and the grace, its worker (and the job queue's retry) is gone.
  // Queued: waiting for a free lab worker on some replica is normal; only a long wait is not.
  const overdue = row.status === "RUNNING" && row.startedAt ? Date.now() - row.startedAt.getTime() >= limitMs + ORPHAN_GRACE_MS : Date.now() - row.createdAt.getTime() >= QUEUED_ORPHAN_MS;
  if (!overdue || getLabPool().has(row.id)) return row;
  await db.labRun.updateMany({
    where: { id: row.id, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "TIMED_OUT", finishedAt: new Date(), error: "The run stopped reporting (its server restarted) and was closed." },
  });
  return (await db.labRun.findUnique({ where: { id: row.id }, select: labRunSelect })) ?? row;
}

export async function getLabRunRowOrThrow(actor: Pick<Actor, "organizationId" | "userId" | "role">, id: string): Promise<LabRunRow> {
  const row = await db.labRun.findFirst({ where: { id, ...labRunAccessWhere(actor) }, select: labRunSelect });
  if (!row) throw notFound("That lab run");
  return reapIfOrphaned(row);
}

export async function getLabRun(actor: Actor, { id }: { id: string }): Promise<LabRunView> {
  assertCanReadLabRuns(actor);
  return toLabRunView(await getLabRunRowOrThrow(actor, id));
}
