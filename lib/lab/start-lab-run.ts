import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound, validationError } from "@/lib/errors";
import { executeLabRun } from "./execute-lab-run";
import { labRunSelect, toLabRunView, type LabRunEnvelope } from "./lab-run-view";
import { LabQueueFullError, getLabPool, type LabPool } from "./runner/lab-pool";
import { LAB_TIME_LIMITS_SECONDS, parseLabParams, startLabRunSchema, type StartLabRunInput } from "./schemas";
import type { LabRunView } from "./types";

/**
 * Validates the lab's parameters (400 with field errors, keyed `params.<field>`), records a
 * QUEUED LabRun in the actor's organization (on the interview when given — only its panelists and
 * those who read every interview may attach a run to it) and queues it.
 * Returns at once; progress and the result arrive through the row and the event stream.
 */
export async function startLabRun(actor: Actor, input: StartLabRunInput, opts: { pool?: LabPool } = {}): Promise<LabRunView> {
  assertCan(actor, "lab.run");
  const parsed = startLabRunSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { lab, interviewId } = parsed.data;
  const params = parseLabParams(lab, parsed.data.params);
  if (!params.success) {
    const err = validationError(params.error);
    const fieldErrors = Object.fromEntries(Object.entries(err.fieldErrors ?? {}).map(([k, v]) => [k ? `params.${k}` : "params", v]));
    throw new AppError("VALIDATION", "Some lab parameters are out of range.", { fieldErrors });
  }
  if (interviewId) {
    // On an interview: owners, admins and recruiters (who see every interview), or one of its
    // panelists. Anyone else gets the same 404 as a missing or foreign interview.
    const seesAll = can(actor.role, "interviews.readAll");
    const interview = await db.interview.findFirst({
      where: { id: interviewId, organizationId: actor.organizationId, ...(seesAll ? {} : { panelists: { some: { userId: actor.userId } } }) },
      select: { id: true },
    });
    if (!interview) throw notFound("That interview");
  }
  const timeLimitSeconds = parsed.data.timeLimitSeconds ?? LAB_TIME_LIMITS_SECONDS[lab].default;
  const envelope: LabRunEnvelope = { v: 1, timeLimitSeconds, progress: [], output: null };
  const row = await db.labRun.create({
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
  try {
    executeLabRun({ id: row.id, lab, params: params.data, timeLimitSeconds }, opts.pool ?? getLabPool());
  } catch (err) {
    if (!(err instanceof LabQueueFullError)) throw err;
    await db.labRun.delete({ where: { id: row.id } });
    throw new AppError("RATE_LIMITED", "Every lab worker is busy and the queue is full. Try again in a minute.", { retryAfterSeconds: 30 });
  }
  return toLabRunView(row);
}
