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
 * the actor's own zone, inclusive; `when` keeps those from the start of today on ("upcoming") or
 * before it ("past"); `order` and `limit` page through the list. Anonymized viewers get
 * pseudonyms, and `q` matches only the kit for them (a title or name match would tell who is
 * behind a pseudonym).
 */
export async function listInterviews(actor: Actor, query: InterviewListFilter = interviewListQuerySchema.parse({})): Promise<InterviewSummary[]> {
  const { status, from, to, q, when, order, limit } = query;
  const zone = canonicalTimeZone(actor.timeZone) ?? "UTC";
  const startsAt: { gte?: Date; lt?: Date } = {};
  if (from) startsAt.gte = DateTime.fromISO(from, { zone }).startOf("day").toUTC().toJSDate();
  if (to) startsAt.lt = DateTime.fromISO(to, { zone }).plus({ days: 1 }).startOf("day").toUTC().toJSDate();
  if (when) {
    const today = DateTime.now().setZone(zone).startOf("day").toUTC().toJSDate();
    if (when === "upcoming" && !(startsAt.gte && startsAt.gte > today)) startsAt.gte = today;
    if (when === "past" && !(startsAt.lt && startsAt.lt < today)) startsAt.lt = today;
  }
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
        startsAt.gte || startsAt.lt ? { startsAt: startsAt satisfies Prisma.DateTimeFilter } : {},
        search,
      ],
    },
    orderBy: [{ startsAt: order }, { id: order }],
    take: limit,
    select: interviewSummarySelect,
  });
  const views = rows.map((r) => toInterviewSummary(actor, r));
  return anonymized ? views.map(anonymousInterview) : views;
}
