import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { anonymousInterview, seesCandidatesAnonymized } from "@/lib/candidates/anonymize";
import { db } from "@/lib/db/client";
import { interviewAccessWhere } from "./interview-access";
import { interviewSummarySelect, toInterviewSummary } from "./interview-view";
import { canonicalTimeZone, dayBucket } from "./time-zones";
import type { MyInterviews } from "./types";

const PAST_DAYS = 90;

/**
 * The interviews the actor sits on, grouped by the actor's own calendar: today, upcoming,
 * and the last 90 days. Today's and upcoming lists run soonest first, the past most recent first.
 */
export async function listMyInterviews(actor: Actor, now: Date = new Date()): Promise<MyInterviews> {
  const zone = canonicalTimeZone(actor.timeZone) ?? "UTC";
  const since = new Date(now.getTime() - PAST_DAYS * 86_400_000);
  const rows = await db.interview.findMany({
    where: { AND: [interviewAccessWhere(actor), { panelists: { some: { userId: actor.userId } } }, { startsAt: { gte: since } }] },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 500,
    select: interviewSummarySelect,
  });
  const anonymized = await seesCandidatesAnonymized(actor);
  const out: MyInterviews = { timeZone: zone, today: [], upcoming: [], past: [] };
  for (const row of rows) {
    const summary = toInterviewSummary(actor, row);
    const view = anonymized ? anonymousInterview(summary) : summary;
    out[dayBucket(view.startsAt, view.endsAt, now, zone)].push(view);
  }
  out.past.reverse();
  return out;
}
