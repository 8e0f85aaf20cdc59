import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound, validationError } from "@/lib/errors";
import { log } from "@/lib/log";
import { reapIfOrphaned } from "./get-lab-run";
import { enqueueLabRun } from "./lab-jobs";
import { labRunSelect, readEnvelope, toLabRunView, type LabRunEnvelope, type LabRunRow } from "./lab-run-view";
import { LAB_TIME_LIMITS_SECONDS, parseLabParams } from "./schemas";
import type { LabRunView } from "./types";
import type { StartLabRunData } from "./schemas";

/**
 * Runs QUEUED or RUNNING at once: per person, and per organization (what one team can hold of
 * the shared workers). Over either: 429 with Retry-After — the soonest any of the runs in the
 * way reaches its time limit — and a message saying which limit and what to do.
 */
export const LAB_RUN_LIMITS = { perUser: 2, perOrganization: 6 } as const;

function isActive(row: LabRunRow): boolean {
  return row.status === "QUEUED" || row.status === "RUNNING";
}

/** Seconds until the first of `runs` must have ended (its time limit), at least 1. */
function secondsUntilFirstEnds(runs: LabRunRow[]): number {
  const ends = runs.map((r) => (r.startedAt ?? r.createdAt).getTime() + readEnvelope(r.result).timeLimitSeconds * 1000);
  return Math.max(1, Math.ceil((Math.min(...ends) - Date.now()) / 1000));
}

function assertUnderLabRunLimits(actor: Actor, active: LabRunRow[]): void {
  const mine = active.filter((r) => r.createdById === actor.userId);
  if (mine.length >= LAB_RUN_LIMITS.perUser) {
    throw new AppError(
      "RATE_LIMITED",
      `You already have ${mine.length} lab runs queued or running (at most ${LAB_RUN_LIMITS.perUser}). Wait for one to finish, or cancel one, then try again.`,
      { retryAfterSeconds: secondsUntilFirstEnds(mine) },
    );
  }
  if (active.length >= LAB_RUN_LIMITS.perOrganization) {
    throw new AppError(
      "RATE_LIMITED",
      `Your organization already has ${active.length} lab runs queued or running (at most ${LAB_RUN_LIMITS.perOrganization}). Try again when one finishes.`,
      { retryAfterSeconds: secondsUntilFirstEnds(active) },
    );
  }
}

/**
 * Validates the lab's parameters (400 with field errors, keyed `params.<field>`), records a
 * QUEUED LabRun in the actor's organization (on the interview when given — only its panelists and
 * those who read every interview may attach a run to it) and puts it on the job queue, where any
 * replica's lab worker takes it (lib/lab/lab-jobs.ts).
 * Returns at once; progress and the result arrive through the row and the event stream.
 * Refused with a 429 over LAB_RUN_LIMITS.
 */
export async function startLabRun(actor: Actor, input: StartLabRunData): Promise<LabRunView> {
  assertCan(actor, "lab.run");
  const { lab, interviewId } = input;
  const params = parseLabParams(lab, input.params);
  if (!params.success) {
    const err = validationError(params.error);
    const fieldErrors = Object.fromEntries(Object.entries(err.fieldErrors ?? {}).map(([k, v]) => [k ? `params.${k}` : "params", v]));
    throw new AppError("VALIDATION", "Some lab parameters are out of range.", { fieldErrors });
  }
  if (interviewId) {
    // On an interview: owners, admins and recruiters (who see every interview), or one of its
    // panelists. Anyone else gets the same 404 as a missing or foreign interview.
    const seesAll = can(actor, "interviews.readAll");
    const interview = await db.interview.findFirst({
      where: { id: interviewId, organizationId: actor.organizationId, ...(seesAll ? {} : { panelists: { some: { userId: actor.userId } } }) },
      select: { id: true },
    });
    if (!interview) throw notFound("That interview");
  }
  const timeLimitSeconds = input.timeLimitSeconds ?? LAB_TIME_LIMITS_SECONDS[lab].default;
  const envelope: LabRunEnvelope = { v: 1, timeLimitSeconds, progress: [], output: null };
  const row = await db.$transaction(async (tx) => {
    // One start at a time per organization, so two parallel starts cannot both take the last
    // place: the count and the insert happen under the same lock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('panelist.lab-runs'), hashtext(${actor.organizationId}))`;
    const listed = await tx.labRun.findMany({
      where: { organizationId: actor.organizationId, status: { in: ["QUEUED", "RUNNING"] } },
      select: labRunSelect,
    });
    // A run orphaned by a restarted server holds no place once it is past its time limit.
    const active = (await Promise.all(listed.map(reapIfOrphaned))).filter(isActive);
    assertUnderLabRunLimits(actor, active);
    return tx.labRun.create({
      data: {
        organizationId: actor.organizationId,
        interviewId: interviewId ?? null,
        lab,
        params: params.data as Prisma.InputJsonValue,
        result: envelope as unknown as Prisma.InputJsonValue,
        createdById: actor.userId,
      },
      select: labRunSelect,
    });
  });
  try {
    await enqueueLabRun({ id: row.id, timeLimitSeconds });
  } catch (err) {
    await db.labRun.delete({ where: { id: row.id } }).catch(() => {});
    log("lab").error({ reason: err instanceof Error ? err.message : String(err) }, "could not queue a lab run");
    throw new AppError("RATE_LIMITED", "The lab queue could not take the run. Try again in a minute.", { retryAfterSeconds: 30 });
  }
  return toLabRunView(row);
}
