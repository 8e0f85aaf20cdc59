import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { assertCanReadLabRuns, labRunAccessWhere } from "./lab-run-access";
import { labRunSelect, toLabRunView } from "./lab-run-view";
import { listLabRunsSchema, type ListLabRunsInput } from "./schemas";
import type { LabRunView } from "./types";

/** Newest first; on one interview when `interviewId` is given (the room and the report). */
export async function listLabRuns(actor: Actor, input: ListLabRunsInput = {}): Promise<LabRunView[]> {
  assertCanReadLabRuns(actor);
  const parsed = listLabRunsSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const rows = await db.labRun.findMany({
    where: { ...labRunAccessWhere(actor), ...(parsed.data.interviewId ? { interviewId: parsed.data.interviewId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: parsed.data.limit,
    select: labRunSelect,
  });
  return rows.map(toLabRunView);
}
