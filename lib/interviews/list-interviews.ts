import "server-only";
import { DateTime } from "luxon";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { validationError } from "@/lib/errors";
import { interviewAccessWhere } from "./interview-access";
import { interviewSummarySelect, toInterviewSummary } from "./interview-view";
import { interviewListQuerySchema } from "./schemas";
import { canonicalTimeZone } from "./time-zones";
import type { InterviewSummary } from "./types";

/**
 * The organization's interviews the actor may see (all for recruiters and above, their own for
 * interviewers, completed ones for reviewers), by start time. `from`/`to` are calendar days in
 * the actor's own zone, inclusive.
 */
export async function listInterviews(actor: Actor, query: unknown = {}): Promise<InterviewSummary[]> {
  const parsed = interviewListQuerySchema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  const { status, from, to, q } = parsed.data;
  const zone = canonicalTimeZone(actor.timeZone) ?? "UTC";
  const startsAt: Prisma.DateTimeFilter = {};
  if (from) startsAt.gte = DateTime.fromISO(from, { zone }).startOf("day").toUTC().toJSDate();
  if (to) startsAt.lt = DateTime.fromISO(to, { zone }).plus({ days: 1 }).startOf("day").toUTC().toJSDate();
  const rows = await db.interview.findMany({
    where: {
      AND: [
        interviewAccessWhere(actor),
        status ? { status } : {},
        from || to ? { startsAt } : {},
        q ? { OR: [{ title: { contains: q, mode: "insensitive" } }, { candidate: { name: { contains: q, mode: "insensitive" } } }] } : {},
      ],
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 500,
    select: interviewSummarySelect,
  });
  return rows.map((r) => toInterviewSummary(actor, r));
}
