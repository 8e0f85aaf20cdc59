import "server-only";
import { DateTime } from "luxon";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listInterviews } from "@/lib/interviews/list-interviews";
import { listMyInterviews } from "@/lib/interviews/list-my-interviews";
import { canonicalTimeZone } from "@/lib/interviews/time-zones";
import type { InterviewSummary } from "@/lib/interviews/types";
import { listPoolsOf } from "@/lib/pools/list-my-pools";
import type { MyPool } from "@/lib/pools/types";
import { listReportIndex, type ReportIndexInterview } from "@/lib/reports/list-report-index";

/** How far ahead "upcoming" and the recruiter's agenda look. */
export const AGENDA_DAYS = 7;
/** How many newly completed reports a reviewer sees. */
export const NEW_REPORTS = 6;

/** What each role starts the day with (sections the role has no business with are null). */
export interface Home {
  timeZone: string;
  /** Panelists: interviews today and in the next AGENDA_DAYS days, soonest first. */
  mine: { today: InterviewSummary[]; upcoming: InterviewSummary[] } | null;
  /** Panelists: interviews that have started where the actor's own scorecard is not submitted, oldest first. */
  toFinish: InterviewSummary[] | null;
  /** Schedulers: the organization's interviews from today through AGENDA_DAYS − 1 days ahead, by day. */
  agenda: { date: string; interviews: InterviewSummary[] }[] | null;
  /** Schedulers: interviews of the last 30 days whose time is over while a panelist's scorecard is still open, oldest first. */
  waitingOnFeedback: InterviewSummary[] | null;
  /** Report readers: the latest completed interviews. */
  newReports: ReportIndexInterview[] | null;
  /** Panelists in training: the kits whose pool has them as shadow or reverse shadow, with their progress. */
  training: MyPool[] | null;
}

const live = (i: InterviewSummary) => i.status === "SCHEDULED" || i.status === "IN_PROGRESS";

/** The home page's sections for the actor, in their own time zone. Reads only what the role may read. */
export async function getHome(actor: Actor, now: Date = new Date()): Promise<Home> {
  const zone = canonicalTimeZone(actor.timeZone) ?? "UTC";
  const sitsOnPanels = can(actor, "scoring.write");
  const schedules = can(actor, "interviews.readAll");
  const readsReports = can(actor, "reports.read");
  const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
  const lastDay = DateTime.fromJSDate(now, { zone }).plus({ days: AGENDA_DAYS - 1 }).toISODate()!;
  const horizon = now.getTime() + AGENDA_DAYS * 86_400_000;

  const [mine, week, overdue, reports, pools] = await Promise.all([
    sitsOnPanels ? listMyInterviews(actor, now) : null,
    schedules ? listInterviews(actor, { q: "", from: today, to: lastDay, order: "asc", limit: 500 }) : null,
    schedules ? listInterviews(actor, { q: "", from: DateTime.fromJSDate(now, { zone }).minus({ days: 30 }).toISODate()!, to: today, order: "asc", limit: 500 }) : null,
    readsReports ? listReportIndex(actor, { limit: 30 }) : null,
    sitsOnPanels ? listPoolsOf(actor, actor.userId, now) : null,
  ]);

  const started = (i: InterviewSummary) => new Date(i.startsAt).getTime() <= now.getTime();
  const ended = (i: InterviewSummary) => new Date(i.endsAt).getTime() <= now.getTime();
  const ownCard = (i: InterviewSummary) => i.panel.find((p) => p.userId === actor.userId)?.scorecard ?? "NONE";

  return {
    timeZone: zone,
    mine: mine
      ? {
          today: mine.today.filter((i) => i.status !== "CANCELLED"),
          upcoming: mine.upcoming.filter((i) => i.status !== "CANCELLED" && new Date(i.startsAt).getTime() < horizon),
        }
      : null,
    toFinish: mine ? [...mine.past, ...mine.today].filter((i) => live(i) && started(i) && ownCard(i) !== "SUBMITTED").sort((a, b) => a.startsAt.localeCompare(b.startsAt)) : null,
    agenda: week
      ? Array.from({ length: AGENDA_DAYS }, (_, d) => {
          const date = DateTime.fromJSDate(now, { zone }).plus({ days: d }).toISODate()!;
          return { date, interviews: week.filter((i) => i.status !== "CANCELLED" && DateTime.fromISO(i.startsAt, { zone }).toISODate() === date) };
        })
      : null,
    waitingOnFeedback: overdue ? overdue.filter((i) => live(i) && ended(i) && i.panel.some((p) => p.scorecard !== "SUBMITTED")) : null,
    newReports: reports ? reports.interviews.filter((i) => i.status === "COMPLETED").slice(0, NEW_REPORTS) : null,
    training: pools ? pools.filter((p) => p.stage !== "QUALIFIED") : null,
  };
}
