import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { assertCanReadLabRuns, labRunAccessWhere } from "./lab-run-access";
import { labRunSelect, toLabRunView } from "./lab-run-view";
import { listLabRunsSchema } from "./schemas";
import type { LabRunView } from "./types";
import type { ListLabRunsData } from "./schemas";

/** Newest first; on one interview when `interviewId` is given (the room and the report). */
export async function listLabRuns(actor: Actor, input: ListLabRunsData = listLabRunsSchema.parse({})): Promise<LabRunView[]> {
  assertCanReadLabRuns(actor);
  const rows = await db.labRun.findMany({
    where: { ...labRunAccessWhere(actor), ...(input.interviewId ? { interviewId: input.interviewId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
    select: labRunSelect,
  });
  return rows.map(toLabRunView);
}
