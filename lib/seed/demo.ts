// Demo data for a fresh install: one organization, five users (one per role), the starter
// question bank, one interview kit, three candidates, a scheduled panel interview, a completed
// one with both scorecards submitted (for the reports), and one from two days ago whose second
// scorecard is overdue (for "Scorecards due") — the walk-through. Behind it, a history for the
// analytics (lib/seed/history.ts; its model and planted values in history-plan.ts and README.md):
// eight more interviewers, two more kits, and 240 candidates interviewed over the last six
// months, all older than the walk-through's. The onsite kit's interviewer pool (DEMO_POOL).
//
// Everything a service owns goes through that service, as a user's click would: the question
// bank (prisma/seed/question-bank.json, in the export format) through the import, the kit,
// candidates, time zones and interviews through theirs, the completed interview's scores,
// notes, recommendations and submits through the scoring write — which also completes the
// interview. The seed writes directly only what no service creates (the demo organization
// with its fixed slug, and users with the published demo password), and moves the completed
// interview's timestamps back two weeks (services stamp the real clock); the history moves its
// interviews and candidates back the same way (history.ts says what and why).
//
// Idempotent: every step finds its rows by a stable key first (org slug, user email, kit name,
// candidate email, the candidate's interview), the import leaves identical questions alone, and
// the scoring mutations carry fixed ids, so a second run replays them without writing. A run
// cut short resumes where it stopped.
//
// Runs in the process of its database: the services use the shared client of lib/db/client.ts
// (DATABASE_URL). Outside Next, `scripts/seed-demo.ts` is that process (with the react-server
// condition, so the services' "server-only" marker resolves to its empty module);
// scripts/lib/database.ts starts it.

import { DateTime } from "luxon";
import { loadActorWith, type Actor } from "@/lib/auth/actor-query";
import { hashPassword } from "@/lib/auth/password";
import { createCandidate } from "@/lib/candidates/create-candidate";
import { candidateInputSchema } from "@/lib/candidates/schemas";
import { db, getPgPool, type Db, type Tx } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { scheduledEnd } from "@/lib/feedback/due";
import { sweepReminders } from "@/lib/feedback/reminders";
import { poolRunner } from "@/lib/db/sql-runner";
import { rescheduleInterview } from "@/lib/interviews/reschedule-interview";
import { scheduleInterview } from "@/lib/interviews/schedule-interview";
import { rescheduleInterviewSchema, scheduleInterviewSchema } from "@/lib/interviews/schemas";
import { instantToLocal } from "@/lib/interviews/time-zones";
import { createKit } from "@/lib/kits/create-kit";
import { createKitSchema } from "@/lib/kits/schemas";
import { updateTimeZoneSchema } from "@/lib/profile/schemas";
import { updateMyTimeZone } from "@/lib/profile/update-time-zone";
import { importQuestions } from "@/lib/questions/import-questions";
import { applyMutation } from "@/lib/scoring/apply-mutation";
import type { RecommendationName } from "@/lib/scoring/protocol";
import type { Mutation } from "@/lib/scoring/schemas";
import { startInterview } from "@/lib/scoring/start-interview";
import { QUESTION_BANK_FILE } from "@/prisma/seed/question-bank";
import { ALL_DEMO_USERS, DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_USERS } from "./credentials";
import { seedHistory } from "./history";
import { DEMO_KIT, DEMO_KITS } from "./kits";
import { addPoolMember } from "@/lib/pools/manage-pool";
import { addPoolMemberSchema } from "@/lib/pools/schemas";
import { requireId, type SeedContext, type SeedStep } from "./seed-step";

export { DEMO_KIT, HISTORY_KITS } from "./kits";
export { requireId, type SeedContext, type SeedStep } from "./seed-step";

export const DEMO_CANDIDATE = { name: "Alex Kim", email: "alex.kim@example.com", roleApplied: "ML Engineer" } as const;

const OWNER_EMAIL = DEMO_USERS.find((u) => u.role === "OWNER")!.email;
const RECRUITER_EMAIL = "recruiter@panelist.dev";

/**
 * The demo users and their memberships, written directly: no service creates a member with a
 * known password (people join through invitations), and a re-seed restores the published
 * password so the printed credentials always work.
 */
const seedUsers: SeedStep = {
  name: "users",
  async run(ctx) {
    for (const u of ALL_DEMO_USERS) {
      const passwordHash = requireId(ctx.passwordHashes, u.email, "password hash");
      const user = await db.user.upsert({
        where: { email: u.email },
        create: { email: u.email, name: u.name, passwordHash },
        update: { name: u.name, passwordHash, deactivatedAt: null },
        select: { id: true },
      });
      await db.membership.upsert({
        where: { organizationId_userId: { organizationId: ctx.organizationId, userId: user.id } },
        create: { organizationId: ctx.organizationId, userId: user.id, role: u.role },
        update: { role: u.role },
      });
      const actor = await loadActorWith(poolRunner(getPgPool), user.id, ctx.organizationId);
      if (!actor || actor.organizationId !== ctx.organizationId) throw new Error(`Demo seed: ${u.email} is not a member of the demo organization.`);
      ctx.actors.set(u.email, actor);
    }
  },
};

/** The starter bank, through the import: identical questions are left alone on a re-run. */
const seedQuestions: SeedStep = {
  name: "questions",
  async run(ctx) {
    const owner = requireId(ctx.actors, OWNER_EMAIL, "user");
    // The import's own dry run says whether the bank is already there as it is in the file; a
    // re-seed then imports nothing (and leaves no "imported nothing" entry in the audit log).
    const preview = await importQuestions(owner, QUESTION_BANK_FILE, { dryRun: true });
    if (preview.created + preview.updated > 0) await importQuestions(owner, QUESTION_BANK_FILE);
  },
};

/** The onsite kit and the history's two (lib/seed/kits.ts), through the kit service; found by name on a re-run. */
const seedKit: SeedStep = {
  name: "kit",
  async run(ctx) {
    for (const spec of DEMO_KITS) {
      const existing = await db.kit.findFirst({ where: { organizationId: ctx.organizationId, name: spec.name }, select: { id: true } });
      if (existing) {
        ctx.kitIds.set(spec.name, existing.id);
        continue;
      }
      // Each question's current version, as the kit editor's "Add questions" offers it.
      const questions = await db.question.findMany({
        where: { organizationId: ctx.organizationId, externalKey: { in: [...spec.questionKeys] } },
        select: { externalKey: true, minutes: true, versions: { orderBy: { number: "desc" }, take: 1, select: { id: true } } },
      });
      const byKey = new Map(questions.map((q) => [q.externalKey ?? "", q]));
      const kit = await createKit(
        requireId(ctx.actors, RECRUITER_EMAIL, "user"),
        parseInput(createKitSchema, {
          name: spec.name,
          role: spec.role,
          description: spec.description,
          overallAttributes: [...spec.overallAttributes],
          items: spec.questionKeys.map((key) => {
            const q = requireId(byKey, key, "question");
            return { questionVersionId: q.versions[0]!.id, minutes: q.minutes };
          }),
        }),
      );
      ctx.kitIds.set(spec.name, kit.id);
    }
  },
};

async function findOrCreateCandidate(ctx: SeedContext, candidate: { name: string; email: string; roleApplied: string; links?: readonly string[] }): Promise<string> {
  const existing = await db.candidate.findFirst({ where: { organizationId: ctx.organizationId, email: candidate.email }, select: { id: true } });
  const id = existing?.id ?? (await createCandidate(requireId(ctx.actors, RECRUITER_EMAIL, "user"), parseInput(candidateInputSchema, { ...candidate, links: [...(candidate.links ?? [])] }))).id;
  ctx.candidateIds.set(candidate.email, id);
  return id;
}

const seedCandidate: SeedStep = {
  name: "candidates",
  async run(ctx) {
    await findOrCreateCandidate(ctx, DEMO_CANDIDATE);
  },
};

/**
 * A panel interview for Alex Kim with the demo kit, tomorrow at 10:00 Berlin time: Ivy (in
 * Berlin) leads, Ian (in New York) joins, so the dashboards show one instant in two zones.
 * Found by its candidate, so re-seeding never adds a second one; a demo interview left in the
 * past by an old seed is moved to tomorrow again (a reschedule: SEQUENCE + 1).
 */
export const DEMO_INTERVIEW = {
  timeZone: "Europe/Berlin",
  localTime: { hour: 10, minute: 0 },
  durationMinutes: 60,
  meetingUrl: "https://meet.example.com/demo-alex-kim",
  leadEmail: "ivy@panelist.dev",
  panelEmails: ["ivy@panelist.dev", "ian@panelist.dev"],
  schedulerEmail: RECRUITER_EMAIL,
  /** The interviewers' own zones, set on their accounts. */
  userTimeZones: { "ivy@panelist.dev": "Europe/Berlin", "ian@panelist.dev": "America/New_York" } as Record<string, string>,
} as const;

/** Tomorrow at 10:00 on the Berlin wall clock, as an instant. */
export function demoInterviewStart(now: Date = new Date()): Date {
  return DateTime.fromJSDate(now)
    .setZone(DEMO_INTERVIEW.timeZone)
    .plus({ days: 1 })
    .set({ ...DEMO_INTERVIEW.localTime, second: 0, millisecond: 0 })
    .toUTC()
    .toJSDate();
}

/** The timing fields of the schedule form, for the demo panel at `startsAt`. */
function demoTiming(ctx: SeedContext, startsAt: Date, timeZone: string, durationMinutes: number) {
  const panelistIds = DEMO_INTERVIEW.panelEmails.map((email) => requireId(ctx.actors, email, "user").userId);
  return {
    timeZone,
    startLocal: instantToLocal(startsAt, timeZone),
    durationMinutes,
    panelistIds,
    leadId: requireId(ctx.actors, DEMO_INTERVIEW.leadEmail, "user").userId,
  };
}

const seedInterview: SeedStep = {
  name: "interview",
  async run(ctx) {
    for (const [email, timeZone] of Object.entries(DEMO_INTERVIEW.userTimeZones)) {
      const actor = await updateTimeZone(ctx, email, timeZone);
      ctx.actors.set(email, actor);
    }
    const recruiter = requireId(ctx.actors, DEMO_INTERVIEW.schedulerEmail, "user");
    const candidateId = requireId(ctx.candidateIds, DEMO_CANDIDATE.email, "candidate");
    const now = new Date();
    const existing = await db.interview.findFirst({
      where: { organizationId: ctx.organizationId, candidateId },
      orderBy: { createdAt: "desc" },
      select: { id: true, status: true, startsAt: true, icsSequence: true },
    });
    const timing = demoTiming(ctx, demoInterviewStart(now), DEMO_INTERVIEW.timeZone, DEMO_INTERVIEW.durationMinutes);
    if (!existing) {
      const input = { ...timing, candidateId, kitId: requireId(ctx.kitIds, DEMO_KIT.name, "kit"), meetingUrl: DEMO_INTERVIEW.meetingUrl };
      await scheduleInterview(recruiter, parseInput(scheduleInterviewSchema, input), now, { mail: false });
    } else if (existing.status === "SCHEDULED" && existing.startsAt.getTime() < now.getTime()) {
      const input = { ...timing, meetingUrl: DEMO_INTERVIEW.meetingUrl, sequence: existing.icsSequence };
      await rescheduleInterview(recruiter, existing.id, parseInput(rescheduleInterviewSchema, input), now, { mail: false });
    }
  },
};

async function updateTimeZone(ctx: SeedContext, email: string, timeZone: string): Promise<Actor> {
  const actor = requireId(ctx.actors, email, "user");
  if (actor.timeZone !== timeZone) await updateMyTimeZone(actor, parseInput(updateTimeZoneSchema, { timeZone }));
  return { ...actor, timeZone };
}

/**
 * A finished interview for the reports: Sam Rivera with the demo kit, two weeks ago, Ivy and
 * Ian on the panel, both scorecards submitted. They disagree by two levels or more on two
 * criteria (so the report flags them), nobody assessed one criterion (shown as not assessed,
 * never zero), and both took a few notes. Found by its candidate, so re-seeding adds nothing.
 */
export const DEMO_COMPLETED_INTERVIEW = {
  candidate: { name: "Sam Rivera", email: "sam.rivera@example.com", roleApplied: "ML Engineer", links: ["https://github.com/sam-rivera-ml"] },
  timeZone: "Europe/Berlin",
  durationMinutes: 60,
  daysAgo: 14,
  panel: {
    "ivy@panelist.dev": {
      recommendation: "YES",
      summary: "Solid fundamentals: clear on why batch norm helps and on ROC vs PR under imbalance. Hand-waved the latency side of ANN search.",
      attributes: { Communication: 4, "Problem solving": 3 },
      levels: {
        "dl-batch-norm": { mechanics: 3, "why-it-helps": 4, "train-vs-inference": 3, "limits-alternatives": 2 },
        "ml-bias-variance": { definitions: 3, diagnosis: 3, remedies: 2, tradeoff: 3 },
        "dl-face-search-10m": { embeddings: 3, "exact-cost": 2, "ann-indexing": 3, "recall-latency": null },
        "ml-classification-metrics": { "accuracy-pitfall": 4, "confusion-metrics": 3, "roc-pr": 3, "metric-choice": 3 },
      },
      notes: [
        { offsetSeconds: 240, question: "dl-batch-norm", body: "Derived the normalization step and the learned scale/shift without prompting." },
        { offsetSeconds: 1500, question: "dl-face-search-10m", body: "Proposed IVF-PQ; did not get to recall vs latency before time ran out." },
        { offsetSeconds: 2900, question: "ml-classification-metrics", body: "Immediately spotted that 99.5% accuracy is the always-negative baseline." },
      ],
    },
    "ian@panelist.dev": {
      recommendation: "NO",
      summary: "Good vocabulary, but the batch-norm explanation was the internal-covariate-shift story only, and PR curves were unfamiliar.",
      attributes: { Communication: 3, "Problem solving": 2 },
      levels: {
        "dl-batch-norm": { mechanics: 3, "why-it-helps": 1, "train-vs-inference": 2, "limits-alternatives": 2 },
        "ml-bias-variance": { definitions: 3, diagnosis: 2, remedies: 2, tradeoff: 2 },
        "dl-face-search-10m": { embeddings: 3, "exact-cost": 2, "ann-indexing": 2, "recall-latency": null },
        "ml-classification-metrics": { "accuracy-pitfall": 3, "confusion-metrics": 3, "roc-pr": 1, "metric-choice": 2 },
      },
      notes: [
        { offsetSeconds: 420, question: "dl-batch-norm", body: "Why it helps: only internal covariate shift; no mention of smoother loss landscape." },
        { offsetSeconds: 3100, question: "ml-classification-metrics", body: "Could not say when PR beats ROC." },
      ],
    },
  } as Record<string, DemoCard>,
} as const;

/** One panelist's card in a demo interview: what they entered in the room, and whether they submitted. */
interface DemoCard {
  recommendation: RecommendationName | null;
  summary: string;
  attributes: Record<string, number>;
  levels: Record<string, Record<string, number | null>>;
  notes: { offsetSeconds: number; question: string; body: string }[];
  /** Default true. */
  submit?: boolean;
}

/**
 * An interview from two days ago whose feedback is late: Jordan Lee with the demo kit, Ivy
 * submitted two hours after the end, Ian scored a little in the room and never submitted — so
 * his scorecard is overdue on "Scorecards due" (due 24 hours after the end, the default).
 */
export const DEMO_AWAITING_INTERVIEW = {
  candidate: { name: "Jordan Lee", email: "jordan.lee@example.com", roleApplied: "ML Engineer", links: [] as string[] },
  timeZone: "Europe/Berlin",
  durationMinutes: 60,
  daysAgo: 2,
  submittedHoursAfterEnd: 2,
  panel: {
    "ivy@panelist.dev": {
      recommendation: "NO_DECISION",
      summary: "Strong on evaluation metrics, shaky on normalization; I would want a second technical round before leaning either way.",
      attributes: { Communication: 3, "Problem solving": 3 },
      levels: {
        "dl-batch-norm": { mechanics: 2, "why-it-helps": 2 },
        "ml-classification-metrics": { "accuracy-pitfall": 4, "confusion-metrics": 3, "roc-pr": 3 },
      },
      notes: [{ offsetSeconds: 2700, question: "ml-classification-metrics", body: "Chose PR-AUC for the rare class without prompting." }],
    },
    "ian@panelist.dev": {
      recommendation: null,
      summary: "",
      attributes: {},
      levels: { "dl-batch-norm": { mechanics: 2 }, "ml-bias-variance": { definitions: 3 } },
      notes: [],
      submit: false,
    },
  } as Record<string, DemoCard>,
} as const;

/** The scoring room's mutations for one panelist's card, with fixed ids (a re-run replays them). */
function cardMutations(card: DemoCard, plan: InterviewPlan, noteIdPrefix: string): Mutation[] {
  const out: Mutation[] = [];
  for (const [questionKey, levels] of Object.entries(card.levels)) {
    const q = requireId(plan.byKey, questionKey, "interview question");
    for (const [criterionKey, level] of Object.entries(levels)) {
      // null: not assessed — nothing is entered, exactly as in the room.
      if (level === null) continue;
      const criterionId = requireId(q.criteria, criterionKey, "criterion");
      out.push({ kind: "criterion", mutationId: `seed-c-${questionKey}-${criterionKey}`.slice(0, 64), baseVersion: 0, interviewQuestionId: q.id, criterionId, level, covered: true });
    }
  }
  for (const [attribute, level] of Object.entries(card.attributes)) {
    out.push({ kind: "attribute", mutationId: `seed-a-${attribute.replace(/[^A-Za-z0-9]+/g, "-")}`, baseVersion: 0, attribute, level });
  }
  card.notes.forEach((n, i) => {
    out.push({
      kind: "note.create",
      mutationId: `seed-n-${i}`,
      noteId: `${noteIdPrefix}${i}`,
      interviewQuestionId: requireId(plan.byKey, n.question, "interview question").id,
      body: n.body,
      offsetSeconds: n.offsetSeconds,
    });
  });
  if (card.recommendation || card.summary) {
    out.push({ kind: "scorecard", mutationId: "seed-recommendation", baseVersion: 0, recommendation: card.recommendation, summary: card.summary });
  }
  if (card.submit !== false) out.push({ kind: "submit", mutationId: "seed-submit", baseVersion: 1 });
  return out;
}

interface InterviewPlan {
  /** question key → the interview's question id and its criteria (key → id) */
  byKey: Map<string, { id: string; criteria: Map<string, string> }>;
}

async function interviewPlan(interviewId: string): Promise<InterviewPlan> {
  const questions = await db.interviewQuestion.findMany({
    where: { interviewId },
    select: { id: true, questionVersion: { select: { question: { select: { externalKey: true } }, criteria: { select: { id: true, key: true } } } } },
  });
  return {
    byKey: new Map(
      questions.map((q) => [q.questionVersion.question.externalKey ?? "", { id: q.id, criteria: new Map(q.questionVersion.criteria.map((c) => [c.key, c.id])) }]),
    ),
  };
}

/**
 * Each panelist takes their seat (the first starts the interview, long past its time:
 * confirmed) and enters their card through the scoring write.
 */
async function scorePanel(ctx: SeedContext, interviewId: string, panel: Record<string, DemoCard>): Promise<void> {
  const plan = await interviewPlan(interviewId);
  for (const [email, card] of Object.entries(panel)) {
    const actor = requireId(ctx.actors, email, "user");
    await startInterview(actor, { interviewId, confirm: true });
    for (const mutation of cardMutations(card, plan, `n_${interviewId.slice(-16)}${email[1]}`)) {
      await applyMutation(actor, { interviewId, mutation });
    }
  }
}

const seedCompletedInterview: SeedStep = {
  name: "completed-interview",
  async run(ctx) {
    const spec = DEMO_COMPLETED_INTERVIEW;
    const candidateId = await findOrCreateCandidate(ctx, spec.candidate);
    const startsAt = DateTime.now().setZone(spec.timeZone).minus({ days: spec.daysAgo }).set({ hour: 14, minute: 0, second: 0, millisecond: 0 }).toUTC().toJSDate();
    const existing = await db.interview.findFirst({ where: { organizationId: ctx.organizationId, candidateId }, orderBy: { createdAt: "asc" }, select: { id: true, status: true } });
    if (existing?.status === "COMPLETED") return;
    const interviewId =
      existing?.id ??
      (
        await scheduleInterview(
          requireId(ctx.actors, DEMO_INTERVIEW.schedulerEmail, "user"),
          parseInput(scheduleInterviewSchema, { ...demoTiming(ctx, startsAt, spec.timeZone, spec.durationMinutes), candidateId, kitId: requireId(ctx.kitIds, DEMO_KIT.name, "kit") }),
          // Scheduled the day before it took place.
          new Date(startsAt.getTime() - 24 * 3600_000),
          { mail: false },
        )
      ).interview.id;
    await scorePanel(ctx, interviewId, spec.panel);
    // The last submit completed the interview (the scoring write's own rule); the services
    // stamped today's clock, so the interview's record moves to when it took place.
    await backdateInterview(interviewId, startsAt, scheduledEnd(startsAt, spec.durationMinutes));
  },
};

const seedAwaitingInterview: SeedStep = {
  name: "awaiting-interview",
  async run(ctx) {
    const spec = DEMO_AWAITING_INTERVIEW;
    const candidateId = await findOrCreateCandidate(ctx, spec.candidate);
    const existing = await db.interview.findFirst({ where: { organizationId: ctx.organizationId, candidateId }, orderBy: { createdAt: "asc" }, select: { id: true, startsAt: true } });
    const startsAt =
      existing?.startsAt ?? DateTime.now().setZone(spec.timeZone).minus({ days: spec.daysAgo }).set({ hour: 11, minute: 0, second: 0, millisecond: 0 }).toUTC().toJSDate();
    const interviewId =
      existing?.id ??
      (
        await scheduleInterview(
          requireId(ctx.actors, DEMO_INTERVIEW.schedulerEmail, "user"),
          parseInput(scheduleInterviewSchema, { ...demoTiming(ctx, startsAt, spec.timeZone, spec.durationMinutes), candidateId, kitId: requireId(ctx.kitIds, DEMO_KIT.name, "kit") }),
          new Date(startsAt.getTime() - 3 * 24 * 3600_000),
          { mail: false },
        )
      ).interview.id;
    await scorePanel(ctx, interviewId, spec.panel);
    const endsAt = scheduledEnd(startsAt, spec.durationMinutes);
    await backdateOpenInterview(interviewId, startsAt, new Date(endsAt.getTime() + spec.submittedHoursAfterEnd * 3_600_000));
  },
};

/**
 * Moves a demo interview that is still open to when it took place: every write keeps its
 * distance from the room's opening, which moves to the scheduled start (a second run finds it
 * there and shifts nothing), and submitted scorecards were submitted at `submittedAt`.
 */
async function backdateOpenInterview(interviewId: string, startsAt: Date, submittedAt: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { startedAt: true } });
    if (!row.startedAt) throw new Error("Demo seed: the interview did not start.");
    const shift = `${startsAt.getTime() - row.startedAt.getTime()} milliseconds`;
    await tx.$executeRaw`UPDATE interviews SET started_at = ${startsAt}, created_at = LEAST(created_at, ${startsAt}::timestamptz - interval '3 days'), updated_at = updated_at + ${shift}::interval WHERE id = ${interviewId}`;
    await tx.$executeRaw`UPDATE scorecards SET created_at = created_at + ${shift}::interval, updated_at = updated_at + ${shift}::interval WHERE interview_id = ${interviewId}`;
    await tx.$executeRaw`UPDATE scorecards SET submitted_at = ${submittedAt}, updated_at = ${submittedAt} WHERE interview_id = ${interviewId} AND status = 'SUBMITTED'`;
    await shiftScoringRows(tx, interviewId, startsAt, shift);
  });
}

/** Notes to their offsets from `startedAt`; scores, score events and the interview's audit entries by `shift`. */
async function shiftScoringRows(tx: Tx, interviewId: string, startedAt: Date, shift: string): Promise<void> {
  await tx.$executeRaw`UPDATE notes SET created_at = ${startedAt}::timestamptz + make_interval(secs => offset_seconds), updated_at = ${startedAt}::timestamptz + make_interval(secs => offset_seconds) WHERE scorecard_id IN (SELECT id FROM scorecards WHERE interview_id = ${interviewId})`;
  await tx.$executeRaw`UPDATE criterion_scores SET updated_at = updated_at + ${shift}::interval WHERE scorecard_id IN (SELECT id FROM scorecards WHERE interview_id = ${interviewId})`;
  await tx.$executeRaw`UPDATE attribute_scores SET updated_at = updated_at + ${shift}::interval WHERE scorecard_id IN (SELECT id FROM scorecards WHERE interview_id = ${interviewId})`;
  await tx.$executeRaw`UPDATE score_events SET created_at = created_at + ${shift}::interval WHERE interview_id = ${interviewId}`;
  await tx.$executeRaw`UPDATE audit_events SET created_at = created_at + ${shift}::interval WHERE target_type = 'interview' AND target_id = ${interviewId}`;
}

/**
 * Moves a finished demo interview's timestamps to when it took place: it started at its
 * scheduled time, ended with its last submit at the scheduled end, each note was taken at its
 * offset into the interview, and every other write keeps its distance from the end.
 */
async function backdateInterview(interviewId: string, startedAt: Date, completedAt: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { status: true, completedAt: true } });
    if (row.status !== "COMPLETED" || !row.completedAt) throw new Error("Demo seed: the completed interview did not complete.");
    const shift = `${completedAt.getTime() - row.completedAt.getTime()} milliseconds`;
    await tx.$executeRaw`UPDATE interviews SET started_at = ${startedAt}, completed_at = ${completedAt}, created_at = created_at + ${shift}::interval, updated_at = ${completedAt} WHERE id = ${interviewId}`;
    await tx.$executeRaw`UPDATE scorecards SET created_at = ${startedAt}, submitted_at = submitted_at + ${shift}::interval, updated_at = updated_at + ${shift}::interval WHERE interview_id = ${interviewId}`;
    await shiftScoringRows(tx, interviewId, startedAt, shift);
  });
}

/**
 * Run in order, after the demo organization exists; each step's services commit their own
 * transactions. To seed more, append a step that reads what earlier steps recorded in the context.
 */
/** The reminders the demo's late scorecard has earned by now, as the job queue's sweep would record them. */
const seedReminders: SeedStep = {
  name: "reminders",
  async run() {
    // In the app only: the demo accounts' addresses are not real.
    await sweepReminders(new Date(), { mail: false });
  },
};

/**
 * The onsite kit's interviewer pool, through the pool service: the two demo interviewers
 * qualified, and two of the history's colleagues in training (a shadow and a reverse shadow), so
 * the kit page and the schedule form's suggestions have something to show. Added once.
 */
export const DEMO_POOL = [
  { email: "ivy@panelist.dev", stage: "QUALIFIED" },
  { email: "ian@panelist.dev", stage: "QUALIFIED" },
  { email: "priya@panelist.dev", stage: "QUALIFIED" },
  { email: "hana@panelist.dev", stage: "REVERSE_SHADOW" },
  { email: "marco@panelist.dev", stage: "SHADOW" },
] as const;

const seedPool: SeedStep = {
  name: "pool",
  async run(ctx) {
    const kitId = requireId(ctx.kitIds, DEMO_KIT.name, "kit");
    const recruiter = requireId(ctx.actors, RECRUITER_EMAIL, "user");
    const present = new Set((await db.interviewerPoolMember.findMany({ where: { kitId }, select: { userId: true } })).map((m) => m.userId));
    for (const member of DEMO_POOL) {
      const userId = requireId(ctx.actors, member.email, "user").userId;
      if (present.has(userId)) continue;
      await addPoolMember(recruiter, kitId, parseInput(addPoolMemberSchema, { userId, stage: member.stage }));
    }
  },
};

export const DEMO_SEED_STEPS: SeedStep[] = [
  seedUsers,
  seedQuestions,
  seedKit,
  seedCandidate,
  seedInterview,
  seedCompletedInterview,
  seedAwaitingInterview,
  seedHistory,
  seedPool,
  seedReminders,
];

export interface SeedSummary {
  organizationId: string;
  /** Totals in the demo organization after seeding — equal on every re-run. */
  users: number;
  memberships: number;
  questions: number;
  questionVersions: number;
  rubricCriteria: number;
  kits: number;
  kitItems: number;
  candidates: number;
  interviews: number;
  scorecards: number;
  hiringDecisions: number;
}

async function summarize(client: Db, organizationId: string): Promise<SeedSummary> {
  const org = { organizationId };
  const [users, memberships, questions, questionVersions, rubricCriteria, kits, kitItems, candidates, interviews, scorecards, hiringDecisions] = await Promise.all([
    client.user.count({ where: { memberships: { some: org } } }),
    client.membership.count({ where: org }),
    client.question.count({ where: org }),
    client.questionVersion.count({ where: org }),
    client.rubricCriterion.count({ where: { questionVersion: org } }),
    client.kit.count({ where: org }),
    client.kitItem.count({ where: { kit: org } }),
    client.candidate.count({ where: org }),
    client.interview.count({ where: org }),
    client.scorecard.count({ where: { interview: org } }),
    client.hiringDecision.count({ where: org }),
  ]);
  return { organizationId, users, memberships, questions, questionVersions, rubricCriteria, kits, kitItems, candidates, interviews, scorecards, hiringDecisions };
}

/** Seeds the demo organization into this process's database (DATABASE_URL). */
export async function seedDemoData(): Promise<SeedSummary> {
  // Hashed before anything is written: argon2id is deliberately slow (so, on both cores at once).
  const passwordHashes = new Map(await Promise.all(ALL_DEMO_USERS.map(async (u) => [u.email, await hashPassword(DEMO_PASSWORD)] as const)));

  const org = await db.organization.upsert({
    where: { slug: DEMO_ORGANIZATION.slug },
    create: { name: DEMO_ORGANIZATION.name, slug: DEMO_ORGANIZATION.slug },
    update: { name: DEMO_ORGANIZATION.name },
    select: { id: true },
  });
  const ctx: SeedContext = { organizationId: org.id, passwordHashes, actors: new Map(), kitIds: new Map(), candidateIds: new Map() };
  for (const step of DEMO_SEED_STEPS) await step.run(ctx);
  return summarize(db, org.id);
}
