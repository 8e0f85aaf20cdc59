// The demo history (lib/seed/history-plan.ts plans it; lib/seed/README.md tables what it
// plants): 240 candidates interviewed over the last six months by ten interviewers with the
// three demo kits, every scorecard submitted, most interviews decided — entered through the same
// services as a user's clicks: the candidate service, the scheduler (with `mail: false`), "Start
// interview" and the scoring write (one mutation per level, attribute, recommendation and
// submit, each with a fixed id, so a re-run replays instead of writing), and the decision
// service (given the day it was decided).
//
// Written directly, as for the walk-through's completed interview, and only because the services
// stamp the real clock: one batched pass moves each finished interview's timestamps to when it
// took place (started at its scheduled time, each scorecard submitted some hours after the end,
// the interview completed with the last submit; scores, score events and audit entries keep
// their distance from the start), and each candidate's creation to before their interview — so
// the walk-through's candidates stay the newest (the schedule form lists the 200 newest).
//
// Idempotent and quick to re-run: one query finds every history candidate's interview; an
// interview that completed and was moved back in time (its start stamped at the scheduled time)
// with its planned decision recorded is done, and the rest resume where a cut-short run stopped.
import { DateTime } from "luxon";
import type { Actor } from "@/lib/auth/actor-query";
import { createCandidate } from "@/lib/candidates/create-candidate";
import { candidateInputSchema } from "@/lib/candidates/schemas";
import { db } from "@/lib/db/client";
import { recordHiringDecision } from "@/lib/decisions/record-decision";
import { AppError, parseInput } from "@/lib/errors";
import { scheduleInterview } from "@/lib/interviews/schedule-interview";
import { scheduleInterviewSchema } from "@/lib/interviews/schemas";
import { instantToLocal } from "@/lib/interviews/time-zones";
import { updateTimeZoneSchema } from "@/lib/profile/schemas";
import { updateMyTimeZone } from "@/lib/profile/update-time-zone";
import { applyMutation } from "@/lib/scoring/apply-mutation";
import type { Mutation } from "@/lib/scoring/schemas";
import { takeSeat } from "@/lib/scoring/start-interview";
import { DEMO_USERS } from "./credentials";
import { HISTORY_DURATION_MINUTES, PLANTED_INTERVIEWERS, planDemoHistory, type PlanKit, type PlannedCard, type PlannedInterview } from "./history-plan";
import { DEMO_KITS } from "./kits";
import { requireId, type SeedContext, type SeedStep } from "./seed-step";

/**
 * Interviews entered at once: enough for the scoring write's group commit to batch, few enough
 * not to queue on two cores (on the shared 2-core machine 6 and 8 were level, about 9–11 s for
 * the history; 4 and 12 slower).
 */
const CONCURRENCY = 6;
/** A score write that failed inside its batch (a deadlock, a lock timeout) is retried, as the room's queue retries a 5xx. */
const WRITE_ATTEMPTS = 5;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const emailOf = (role: "RECRUITER" | "OWNER") => DEMO_USERS.find((u) => u.role === role)!.email;

/** What the database already holds of one planned interview. */
interface Existing {
  candidateId: string;
  interview: { id: string; status: string; startsAt: Date; startedAt: Date | null; decided: boolean } | null;
}

/** Completed, moved to when it took place, and decided as planned — or cancelled since (someone's click: left alone). */
function isDone(p: PlannedInterview, e: Existing | undefined): boolean {
  const i = e?.interview;
  if (!i) return false;
  if (i.status === "CANCELLED" || i.status === "NO_SHOW") return true;
  return i.status === "COMPLETED" && i.startedAt?.getTime() === i.startsAt.getTime() && (!p.decision || i.decided);
}

export const seedHistory: SeedStep = {
  name: "history",
  async run(ctx) {
    await setTimeZones(ctx);
    const { kits, versions } = await loadPlanKits(ctx);
    const org = await db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { scaleMin: true, scaleMax: true } });
    const plan = planDemoHistory({ now: new Date(), kits, attributeScale: { min: org.scaleMin, max: org.scaleMax } });
    const existing = await loadExisting(ctx, plan);
    const todo = plan.filter((p) => !isDone(p, existing.get(p.candidate.email)));
    if (todo.length === 0) return;
    await forEachConcurrently(todo, CONCURRENCY, (p) => enterInterview(ctx, versions, p, existing.get(p.candidate.email)));
    await backdateHistory(ctx, todo);
  },
};

/** Each interviewer in their own zone, as they would set it on their profile. */
async function setTimeZones(ctx: SeedContext): Promise<void> {
  for (const p of PLANTED_INTERVIEWERS) {
    const actor = requireId(ctx.actors, p.email, "user");
    if (actor.timeZone === p.timeZone) continue;
    await updateMyTimeZone(actor, parseInput(updateTimeZoneSchema, { timeZone: p.timeZone }));
    ctx.actors.set(p.email, { ...actor, timeZone: p.timeZone });
  }
}

/** The kits as the plan needs them (each item's question version, with its own scale and rubric in order), and those versions' criterion ids. */
async function loadPlanKits(ctx: SeedContext): Promise<{ kits: PlanKit[]; versions: Versions }> {
  const versions: Versions = new Map();
  const kits = await Promise.all(
    DEMO_KITS.map(async (k) => {
      const kit = await db.kit.findUniqueOrThrow({
        where: { id: requireId(ctx.kitIds, k.name, "kit") },
        select: {
          name: true,
          overallAttributes: true,
          items: {
            orderBy: { position: "asc" },
            select: {
              questionVersion: {
                select: {
                  id: true,
                  scaleMin: true,
                  scaleMax: true,
                  question: { select: { externalKey: true } },
                  criteria: { orderBy: { position: "asc" }, select: { id: true, key: true } },
                },
              },
            },
          },
        },
      });
      return {
        name: kit.name,
        overallAttributes: kit.overallAttributes,
        questions: kit.items.map(({ questionVersion: v }) => {
          const key = v.question.externalKey ?? "";
          versions.set(v.id, { key, criteria: new Map(v.criteria.map((c) => [c.key, c.id])) });
          return { key, scale: { min: v.scaleMin, max: v.scaleMax }, criteria: v.criteria.map((c) => c.key) };
        }),
      };
    }),
  );
  return { kits, versions };
}

async function loadExisting(ctx: SeedContext, plan: readonly PlannedInterview[]): Promise<Map<string, Existing>> {
  const rows = await db.candidate.findMany({
    where: { organizationId: ctx.organizationId, email: { in: plan.map((p) => p.candidate.email) } },
    select: {
      id: true,
      email: true,
      interviews: {
        orderBy: { createdAt: "asc" },
        take: 1,
        select: { id: true, status: true, startsAt: true, startedAt: true, hiringDecision: { select: { interviewId: true } } },
      },
    },
  });
  return new Map(
    rows.map((r) => {
      const i = r.interviews[0];
      return [r.email ?? "", { candidateId: r.id, interview: i ? { id: i.id, status: i.status, startsAt: i.startsAt, startedAt: i.startedAt, decided: !!i.hiringDecision } : null }];
    }),
  );
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The candidate, the interview, every panelist's scorecard and the decision — whichever of them is not there yet. */
async function enterInterview(ctx: SeedContext, versions: Versions, p: PlannedInterview, e: Existing | undefined): Promise<void> {
  const recruiter = requireId(ctx.actors, emailOf("RECRUITER"), "user");
  const actorOf = (email: string) => requireId(ctx.actors, email, "user");
  const candidateId = e?.candidateId ?? (await createCandidate(recruiter, parseInput(candidateInputSchema, { ...p.candidate, links: [] }))).id;
  let interview = e?.interview ?? null;
  let questionRows: { id: string; questionVersionId: string }[] | null = null;
  if (!interview) {
    const panelistIds = p.panel.map((c) => actorOf(c.email).userId);
    const input = {
      candidateId,
      kitId: requireId(ctx.kitIds, p.kitName, "kit"),
      timeZone: p.timeZone,
      startLocal: instantToLocal(p.startsAt, p.timeZone),
      durationMinutes: HISTORY_DURATION_MINUTES,
      panelistIds,
      leadId: panelistIds[0],
    };
    const scheduledAt = new Date(p.startsAt.getTime() - p.scheduledDaysBefore * DAY);
    const created = await scheduleInterview(recruiter, parseInput(scheduleInterviewSchema, input), scheduledAt, { mail: false });
    interview = { id: created.interview.id, status: "SCHEDULED", startsAt: p.startsAt, startedAt: null, decided: false };
    questionRows = created.interview.questions;
  }
  const interviewId = interview.id;
  if (interview.status !== "COMPLETED") {
    const questions = interviewQuestions(versions, questionRows ?? (await db.interviewQuestion.findMany({ where: { interviewId }, select: { id: true, questionVersionId: true } })));
    // "Start interview" by the lead (long past its time: confirmed), then the others take their
    // seats: startInterview's write (takeSeat), without reading the room back for a page.
    await takeSeat(actorOf(p.panel[0]!.email), interviewId, "start", () => true);
    await Promise.all(p.panel.slice(1).map((c) => takeSeat(actorOf(c.email), interviewId, "start", () => true)));
    await Promise.all(p.panel.map((c) => enterCard(actorOf(c.email), interviewId, c, questions)));
  }
  if (p.decision && !interview.decided) {
    const decider = requireId(ctx.actors, emailOf(p.decision.by === "owner" ? "OWNER" : "RECRUITER"), "user");
    const lastSubmit = Math.max(...p.panel.map((c) => c.submitHoursAfterEnd));
    const decidedAt = DateTime.fromJSDate(new Date(scheduledEnd(interview.startsAt).getTime() + lastSubmit * HOUR))
      .plus({ days: p.decision.daysAfterEnd })
      .toJSDate();
    await recordHiringDecision(decider, interviewId, { outcome: p.decision.outcome, rationale: p.decision.rationale }, decidedAt);
  }
}

const scheduledEnd = (startsAt: Date) => new Date(startsAt.getTime() + HISTORY_DURATION_MINUTES * 60_000);

/** question version id → its question's key and its criteria (key → id) */
type Versions = Map<string, { key: string; criteria: Map<string, string> }>;
type InterviewQuestions = Map<string, { id: string; criteria: Map<string, string> }>;

/** question key → the interview's question id and its criteria (key → id). */
function interviewQuestions(versions: Versions, questions: readonly { id: string; questionVersionId: string }[]): InterviewQuestions {
  return new Map(
    questions.map((q) => {
      const v = requireId(versions, q.questionVersionId, "question version of the demo kits");
      return [v.key, { id: q.id, criteria: v.criteria }];
    }),
  );
}

/**
 * One panelist's card through the scoring write, as the room sends it: every level and attribute
 * (independent fields, so at once — the group commit batches them), then the recommendation with
 * the summary, then the submit. Fixed ids: a re-run's writes are replays.
 */
async function enterCard(actor: Actor, interviewId: string, card: PlannedCard, questions: InterviewQuestions): Promise<void> {
  const write = async (mutation: Mutation) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await applyMutation(actor, { interviewId, mutation });
      } catch (err) {
        // A refusal (AppError) is final; anything else failed in transit and the same id is safe to send again.
        if (err instanceof AppError || attempt >= WRITE_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, 20 * attempt));
      }
    }
  };
  const fields: Mutation[] = [];
  for (const [questionKey, levels] of Object.entries(card.levels)) {
    const q = requireId(questions, questionKey, "interview question");
    for (const [criterionKey, level] of Object.entries(levels)) {
      if (level === null) continue; // not assessed: nothing entered, as in the room
      const criterionId = requireId(q.criteria, criterionKey, "criterion");
      fields.push({ kind: "criterion", mutationId: `seed-c-${questionKey}-${criterionKey}`.slice(0, 64), baseVersion: 0, interviewQuestionId: q.id, criterionId, level, covered: true });
    }
  }
  for (const [attribute, level] of Object.entries(card.attributes)) {
    fields.push({ kind: "attribute", mutationId: `seed-a-${attribute.replace(/[^A-Za-z0-9]+/g, "-")}`, baseVersion: 0, attribute, level });
  }
  await Promise.all(fields.map(write));
  await write({ kind: "scorecard", mutationId: "seed-recommendation", baseVersion: 0, recommendation: card.recommendation, summary: card.summary });
  await write({ kind: "submit", mutationId: "seed-submit", baseVersion: 1 });
}

/**
 * Moves the finished history interviews to when they took place, in one transaction (see the
 * header for why this is written directly). Per interview: created (scheduled) `scheduledDaysBefore`
 * days before its start, panel seats and invitation records with it; started at its scheduled
 * time; each scorecard submitted `submitHoursAfterEnd` after the scheduled end; completed with the
 * last submit. Scores, score events and audit entries move by the interview's own shift (start
 * stamped → scheduled start), except the submits and recommendations (at their submit), the
 * scheduling (when scheduled) and the decision (when decided). The candidate was added the day
 * before the interview was scheduled.
 */
async function backdateHistory(ctx: SeedContext, todo: readonly PlannedInterview[]): Promise<void> {
  const byEmail = new Map(todo.map((p) => [p.candidate.email, p]));
  const rows = await db.interview.findMany({
    where: { organizationId: ctx.organizationId, status: "COMPLETED", candidate: { email: { in: [...byEmail.keys()] } } },
    select: { id: true, candidateId: true, startsAt: true, startedAt: true, candidate: { select: { email: true } }, scorecards: { select: { id: true, panelist: { select: { user: { select: { email: true } } } } } } },
  });
  const interviews: { id: string; candidateId: string; startsAt: string; completedAt: string; createdAt: string; shiftMs: number }[] = [];
  const cards: { id: string; submittedAt: string }[] = [];
  for (const r of rows) {
    const p = byEmail.get(r.candidate.email ?? "");
    if (!p || !r.startedAt || r.startedAt.getTime() === r.startsAt.getTime()) continue;
    const end = scheduledEnd(r.startsAt).getTime();
    let completedAt = end;
    for (const sc of r.scorecards) {
      const card = p.panel.find((c) => c.email === sc.panelist.user.email);
      if (!card) throw new Error(`Demo history: ${sc.panelist.user.email} is not on ${p.candidate.name}'s planned panel.`);
      const submittedAt = end + card.submitHoursAfterEnd * HOUR;
      completedAt = Math.max(completedAt, submittedAt);
      cards.push({ id: sc.id, submittedAt: new Date(submittedAt).toISOString() });
    }
    interviews.push({
      id: r.id,
      candidateId: r.candidateId,
      startsAt: r.startsAt.toISOString(),
      completedAt: new Date(completedAt).toISOString(),
      createdAt: new Date(r.startsAt.getTime() - p.scheduledDaysBefore * DAY).toISOString(),
      shiftMs: r.startsAt.getTime() - r.startedAt.getTime(),
    });
  }
  if (interviews.length === 0) return;
  const col = <K extends keyof (typeof interviews)[number]>(k: K) => interviews.map((i) => i[k]);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`CREATE TEMP TABLE seed_history_interviews ON COMMIT DROP AS
      SELECT * FROM unnest(${col("id")}::text[], ${col("candidateId")}::text[], ${col("startsAt")}::timestamptz[], ${col("completedAt")}::timestamptz[], ${col("createdAt")}::timestamptz[], ${col("shiftMs")}::float8[])
        AS t(id, candidate_id, starts_at, completed_at, created_at, shift_ms)`;
    await tx.$executeRaw`CREATE TEMP TABLE seed_history_cards ON COMMIT DROP AS
      SELECT * FROM unnest(${cards.map((c) => c.id)}::text[], ${cards.map((c) => c.submittedAt)}::timestamptz[]) AS t(id, submitted_at)`;
    await tx.$executeRaw`UPDATE interviews i SET started_at = h.starts_at, completed_at = h.completed_at, created_at = h.created_at, updated_at = h.completed_at
      FROM seed_history_interviews h WHERE i.id = h.id`;
    await tx.$executeRaw`UPDATE panelists p SET created_at = h.created_at FROM seed_history_interviews h WHERE p.interview_id = h.id`;
    await tx.$executeRaw`UPDATE interview_mails m SET created_at = h.created_at FROM seed_history_interviews h WHERE m.interview_id = h.id`;
    await tx.$executeRaw`UPDATE scorecards s SET created_at = h.starts_at, submitted_at = c.submitted_at, updated_at = c.submitted_at
      FROM seed_history_cards c, seed_history_interviews h WHERE s.id = c.id AND s.interview_id = h.id`;
    await tx.$executeRaw`UPDATE criterion_scores cs SET updated_at = cs.updated_at + make_interval(secs => h.shift_ms / 1000)
      FROM scorecards s, seed_history_interviews h WHERE cs.scorecard_id = s.id AND s.interview_id = h.id`;
    await tx.$executeRaw`UPDATE attribute_scores a SET updated_at = a.updated_at + make_interval(secs => h.shift_ms / 1000)
      FROM scorecards s, seed_history_interviews h WHERE a.scorecard_id = s.id AND s.interview_id = h.id`;
    await tx.$executeRaw`UPDATE score_events e SET created_at = CASE WHEN e.kind IN ('scorecard', 'submit') THEN c.submitted_at ELSE e.created_at + make_interval(secs => h.shift_ms / 1000) END
      FROM seed_history_cards c, seed_history_interviews h WHERE e.scorecard_id = c.id AND e.interview_id = h.id`;
    await tx.$executeRaw`UPDATE audit_events a SET created_at = CASE
        WHEN a.action = 'interview.scheduled' THEN h.created_at
        WHEN a.action = 'interview.decision_recorded' THEN coalesce((SELECT d.decided_at FROM hiring_decisions d WHERE d.interview_id = h.id), a.created_at)
        ELSE a.created_at + make_interval(secs => h.shift_ms / 1000) END
      FROM seed_history_interviews h WHERE a.target_type = 'interview' AND a.target_id = h.id AND a.organization_id = ${ctx.organizationId}`;
    await tx.$executeRaw`UPDATE candidates c SET created_at = h.created_at - interval '1 day', updated_at = h.created_at - interval '1 day'
      FROM seed_history_interviews h WHERE c.id = h.candidate_id`;
    await tx.$executeRaw`UPDATE audit_events a SET created_at = h.created_at - interval '1 day'
      FROM seed_history_interviews h WHERE a.target_type = 'candidate' AND a.target_id = h.candidate_id AND a.action = 'candidate.created' AND a.organization_id = ${ctx.organizationId}`;
  });
}
