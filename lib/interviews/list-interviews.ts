import "server-only";
import { DateTime } from "luxon";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { anonymousInterview, seesCandidatesAnonymized } from "@/lib/candidates/anonymize";
import { interviewAccessWhere } from "./interview-access";
import { interviewSummarySelect, toInterviewSummary } from "./interview-view";
import { interviewListQuerySchema } from "./schemas";
import { canonicalTimeZone } from "./time-zones";
import type { InterviewSummary } from "./types";
import type { InterviewListFilter } from "./schemas";

/**
 * The organization's interviews the actor may see (all for recruiters and above, their own for
 * interviewers, completed ones for reviewers), by start time. `from`/`to` are calendar days in
 * the actor's own zone, inclusive. Anonymized viewers get pseudonyms, and `q` matches only the
 * kit for them (a title or name match would tell who is behind a pseudonym).
 */
export async function listInterviews(actor: Actor, query: InterviewListFilter = interviewListQuerySchema.parse({})): Promise<InterviewSummary[]> {
  const { status, from, to, q } = query;
  const zone = canonicalTimeZone(actor.timeZone) ?? "UTC";
  const startsAt: Prisma.DateTimeFilter = {};
  if (from) startsAt.gte = DateTime.fromISO(from, { zone }).startOf("day").toUTC().toJSDate();
  if (to) startsAt.lt = DateTime.fromISO(to, { zone }).plus({ days: 1 }).startOf("day").toUTC().toJSDate();
  const anonymized = await seesCandidatesAnonymized(actor);
  const search: Prisma.InterviewWhereInput = !q
    ? {}
    : anonymized
      ? { kitName: { contains: q, mode: "insensitive" } }
      : { OR: [{ title: { contains: q, mode: "insensitive" } }, { candidate: { name: { contains: q, mode: "insensitive" } } }] };
  const rows = await db.interview.findMany({
    where: {
      AND: [
        interviewAccessWhere(actor),
        status ? { status } : {},
        from || to ? { startsAt } : {},
        search,
      ],
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 500,
    select: interviewSummarySelect,
  });
  const views = rows.map((r) => toInterviewSummary(actor, r));
  return anonymized ? views.map(anonymousInterview) : views;
}
