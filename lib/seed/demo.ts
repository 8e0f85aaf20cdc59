// Demo data for a fresh install: one organization, five users (one per role), the starter
// question bank, one interview kit, one candidate and one scheduled panel interview.
//
// Idempotent: every row is found or upserted by a stable key (org slug, user email,
// question externalKey, kit name, candidate email), so seeding twice creates nothing new.
// Existing question versions are never rewritten — versions are immutable and interviews
// may already point at them.
//
// No "server-only" here: `scripts/db-seed.ts` runs this under tsx, outside Next.

import { DateTime } from "luxon";
import type { Db, Tx } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { QUESTION_BANK, type SeedQuestion } from "@/prisma/seed/question-bank";
import { DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_USERS } from "./credentials";

export const DEMO_KIT = {
  name: "ML Engineer — onsite deep learning",
  role: "ML Engineer",
  description: "Four deep-learning questions for the onsite loop: normalization, generalization, retrieval at scale and evaluation.",
  overallAttributes: ["Communication", "Problem solving"],
  questionKeys: ["dl-batch-norm", "ml-bias-variance", "dl-face-search-10m", "ml-classification-metrics"],
} as const;

export const DEMO_CANDIDATE = { name: "Alex Kim", email: "alex.kim@example.com", roleApplied: "ML Engineer" } as const;

/**
 * What the steps share. Each step records the ids it creates so later steps can use them;
 * read them with `requireId`, which fails loudly when a step ran out of order.
 */
export interface SeedContext {
  tx: Tx;
  organizationId: string;
  /** Argon2id hash of DEMO_PASSWORD per email, computed before the transaction opens. */
  passwordHashes: ReadonlyMap<string, string>;
  userIds: Map<string, string>; // email → user id
  questionIds: Map<string, string>; // question key → question id
  questionVersionIds: Map<string, string>; // question key → id of version 1
  kitIds: Map<string, string>; // kit name → kit id
  candidateIds: Map<string, string>; // candidate email → candidate id
}

export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}

export function requireId(ids: ReadonlyMap<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`Demo seed: no ${what} "${key}" — check the order of DEMO_SEED_STEPS.`);
  return id;
}

const seedUsers: SeedStep = {
  name: "users",
  async run(ctx) {
    for (const u of DEMO_USERS) {
      const passwordHash = requireId(ctx.passwordHashes, u.email, "password hash");
      // Re-seeding restores the documented password so the printed credentials always work.
      const user = await ctx.tx.user.upsert({
        where: { email: u.email },
        create: { email: u.email, name: u.name, passwordHash },
        update: { name: u.name, passwordHash, deactivatedAt: null },
        select: { id: true },
      });
      await ctx.tx.membership.upsert({
        where: { organizationId_userId: { organizationId: ctx.organizationId, userId: user.id } },
        create: { organizationId: ctx.organizationId, userId: user.id, role: u.role },
        update: { role: u.role },
      });
      ctx.userIds.set(u.email, user.id);
    }
  },
};

function levelsJson(levels: SeedQuestion["criteria"][number]["levels"]) {
  return levels.map((descriptor, level) => ({ level, descriptor }));
}

const seedQuestions: SeedStep = {
  name: "questions",
  async run(ctx) {
    const ownerId = ctx.userIds.get(DEMO_USERS[0]?.email ?? "") ?? null;
    for (const q of QUESTION_BANK) {
      const question = await ctx.tx.question.upsert({
        where: { organizationId_externalKey: { organizationId: ctx.organizationId, externalKey: q.key } },
        create: {
          organizationId: ctx.organizationId,
          externalKey: q.key,
          status: "ACTIVE",
          lockVersion: 0,
          latestVersionNo: 1,
          title: q.title,
          difficulty: q.difficulty,
          tags: q.tags,
          minutes: q.minutes,
          createdById: ownerId,
        },
        update: {},
        select: { id: true },
      });
      const version = await ctx.tx.questionVersion.upsert({
        where: { questionId_number: { questionId: question.id, number: 1 } },
        create: {
          questionId: question.id,
          organizationId: ctx.organizationId,
          number: 1,
          title: q.title,
          prompt: q.prompt,
          difficulty: q.difficulty,
          tags: q.tags,
          minutes: q.minutes,
          followUps: q.followUps,
          redFlags: q.redFlags,
          modelAnswer: q.modelAnswer,
          lab: q.lab ?? null,
          scaleMin: 0,
          scaleMax: 4,
          createdById: ownerId,
          criteria: {
            create: q.criteria.map((c, position) => ({
              key: c.key,
              position,
              title: c.title,
              description: c.description,
              weight: c.weight,
              levels: levelsJson(c.levels),
            })),
          },
        },
        update: {},
        select: { id: true },
      });
      ctx.questionIds.set(q.key, question.id);
      ctx.questionVersionIds.set(q.key, version.id);
    }
  },
};

const seedKit: SeedStep = {
  name: "kit",
  async run(ctx) {
    const existing = await ctx.tx.kit.findFirst({
      where: { organizationId: ctx.organizationId, name: DEMO_KIT.name },
      select: { id: true },
    });
    if (existing) {
      ctx.kitIds.set(DEMO_KIT.name, existing.id);
      return;
    }
    const minutesByKey = new Map(QUESTION_BANK.map((q) => [q.key, q.minutes]));
    const kit = await ctx.tx.kit.create({
      data: {
        organizationId: ctx.organizationId,
        name: DEMO_KIT.name,
        role: DEMO_KIT.role,
        description: DEMO_KIT.description,
        overallAttributes: [...DEMO_KIT.overallAttributes],
        items: {
          create: DEMO_KIT.questionKeys.map((key, position) => ({
            questionVersionId: requireId(ctx.questionVersionIds, key, "question version"),
            position,
            minutes: minutesByKey.get(key) ?? 10,
          })),
        },
      },
      select: { id: true },
    });
    ctx.kitIds.set(DEMO_KIT.name, kit.id);
  },
};

const seedCandidate: SeedStep = {
  name: "candidates",
  async run(ctx) {
    const existing = await ctx.tx.candidate.findFirst({
      where: { organizationId: ctx.organizationId, email: DEMO_CANDIDATE.email },
      select: { id: true },
    });
    const candidate =
      existing ??
      (await ctx.tx.candidate.create({
        data: { organizationId: ctx.organizationId, ...DEMO_CANDIDATE },
        select: { id: true },
      }));
    ctx.candidateIds.set(DEMO_CANDIDATE.email, candidate.id);
  },
};

/**
 * A panel interview for Alex Kim with the demo kit, tomorrow at 10:00 Berlin time: Ivy (in
 * Berlin) leads, Ian (in New York) joins, so the dashboards show one instant in two zones.
 * Found by its stable calendar UID, so re-seeding never adds a second one; a demo interview
 * left in the past by an old seed is moved to tomorrow again (a reschedule: SEQUENCE + 1).
 */
export const DEMO_INTERVIEW = {
  icsUid: "demo-interview-alex-kim@panelist",
  timeZone: "Europe/Berlin",
  localTime: { hour: 10, minute: 0 },
  durationMinutes: 60,
  meetingUrl: "https://meet.example.com/demo-alex-kim",
  leadEmail: "ivy@panelist.dev",
  panelEmails: ["ivy@panelist.dev", "ian@panelist.dev"],
  schedulerEmail: "recruiter@panelist.dev",
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

const seedInterview: SeedStep = {
  name: "interview",
  async run(ctx) {
    for (const [email, timeZone] of Object.entries(DEMO_INTERVIEW.userTimeZones)) {
      await ctx.tx.user.update({ where: { id: requireId(ctx.userIds, email, "user") }, data: { timeZone } });
    }
    const now = new Date();
    const existing = await ctx.tx.interview.findUnique({
      where: { icsUid: DEMO_INTERVIEW.icsUid },
      select: { id: true, status: true, startsAt: true },
    });
    if (existing) {
      if (existing.status === "SCHEDULED" && existing.startsAt.getTime() < now.getTime()) {
        await ctx.tx.interview.update({ where: { id: existing.id }, data: { startsAt: demoInterviewStart(now), icsSequence: { increment: 1 } } });
      }
      return;
    }
    const kitId = requireId(ctx.kitIds, DEMO_KIT.name, "kit");
    const kit = await ctx.tx.kit.findUniqueOrThrow({
      where: { id: kitId },
      select: { name: true, overallAttributes: true, items: { orderBy: { position: "asc" }, select: { questionVersionId: true, minutes: true } } },
    });
    await ctx.tx.interview.create({
      data: {
        organizationId: ctx.organizationId,
        candidateId: requireId(ctx.candidateIds, DEMO_CANDIDATE.email, "candidate"),
        kitId,
        kitName: kit.name,
        overallAttributes: kit.overallAttributes,
        title: `${DEMO_CANDIDATE.name} — ${kit.name}`,
        startsAt: demoInterviewStart(now),
        timeZone: DEMO_INTERVIEW.timeZone,
        durationMinutes: DEMO_INTERVIEW.durationMinutes,
        meetingUrl: DEMO_INTERVIEW.meetingUrl,
        icsUid: DEMO_INTERVIEW.icsUid,
        createdById: requireId(ctx.userIds, DEMO_INTERVIEW.schedulerEmail, "user"),
        questions: { create: kit.items.map((i, position) => ({ questionVersionId: i.questionVersionId, minutes: i.minutes, position })) },
        panelists: {
          create: DEMO_INTERVIEW.panelEmails.map((email) => ({
            userId: requireId(ctx.userIds, email, "user"),
            isLead: email === DEMO_INTERVIEW.leadEmail,
          })),
        },
      },
    });
  },
};

/**
 * A finished interview for the reports: Sam Rivera with the demo kit, two weeks ago, Ivy and
 * Ian on the panel, both scorecards submitted. They disagree by two levels or more on two
 * criteria (so the report flags them), nobody assessed one criterion (shown as not assessed,
 * never zero), and both took a few notes. Found by its calendar UID, so re-seeding adds nothing.
 */
export const DEMO_COMPLETED_INTERVIEW = {
  icsUid: "demo-interview-sam-rivera-completed@panelist",
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
  } as Record<
    string,
    {
      recommendation: "STRONG_NO" | "NO" | "YES" | "STRONG_YES";
      summary: string;
      attributes: Record<string, number>;
      levels: Record<string, Record<string, number | null>>;
      notes: { offsetSeconds: number; question: string; body: string }[];
    }
  >,
} as const;

const seedCompletedInterview: SeedStep = {
  name: "completed-interview",
  async run(ctx) {
    const spec = DEMO_COMPLETED_INTERVIEW;
    const existing = await ctx.tx.interview.findUnique({ where: { icsUid: spec.icsUid }, select: { id: true } });
    const candidate =
      (await ctx.tx.candidate.findFirst({ where: { organizationId: ctx.organizationId, email: spec.candidate.email }, select: { id: true } })) ??
      (await ctx.tx.candidate.create({ data: { organizationId: ctx.organizationId, ...spec.candidate, links: [...spec.candidate.links] }, select: { id: true } }));
    ctx.candidateIds.set(spec.candidate.email, candidate.id);
    if (existing) return;

    const kitId = requireId(ctx.kitIds, DEMO_KIT.name, "kit");
    const kit = await ctx.tx.kit.findUniqueOrThrow({
      where: { id: kitId },
      select: {
        name: true,
        overallAttributes: true,
        items: {
          orderBy: { position: "asc" },
          select: { minutes: true, questionVersion: { select: { id: true, question: { select: { externalKey: true } }, criteria: { select: { id: true, key: true } } } } },
        },
      },
    });
    const startsAt = DateTime.now().setZone(spec.timeZone).minus({ days: spec.daysAgo }).set({ hour: 14, minute: 0, second: 0, millisecond: 0 }).toUTC().toJSDate();
    const completedAt = new Date(startsAt.getTime() + spec.durationMinutes * 60_000);
    const interview = await ctx.tx.interview.create({
      data: {
        organizationId: ctx.organizationId,
        candidateId: candidate.id,
        kitId,
        kitName: kit.name,
        overallAttributes: kit.overallAttributes,
        title: `${spec.candidate.name} — ${kit.name}`,
        startsAt,
        timeZone: spec.timeZone,
        durationMinutes: spec.durationMinutes,
        status: "COMPLETED",
        startedAt: startsAt,
        completedAt,
        icsUid: spec.icsUid,
        createdById: requireId(ctx.userIds, DEMO_INTERVIEW.schedulerEmail, "user"),
        questions: { create: kit.items.map((i, position) => ({ questionVersionId: i.questionVersion.id, minutes: i.minutes, position })) },
      },
      select: { id: true, questions: { orderBy: { position: "asc" }, select: { id: true, questionVersionId: true } } },
    });
    const questionIdByKey = new Map(
      kit.items.map((item, i) => [item.questionVersion.question.externalKey ?? "", { interviewQuestionId: interview.questions[i]!.id, criteria: item.questionVersion.criteria }]),
    );
    for (const [email, card] of Object.entries(spec.panel)) {
      const panelist = await ctx.tx.panelist.create({
        data: { interviewId: interview.id, userId: requireId(ctx.userIds, email, "user"), isLead: email === DEMO_INTERVIEW.leadEmail },
        select: { id: true },
      });
      const scorecard = await ctx.tx.scorecard.create({
        data: { interviewId: interview.id, panelistId: panelist.id, status: "SUBMITTED", recommendation: card.recommendation, summary: card.summary, submittedAt: completedAt, version: 1 },
        select: { id: true },
      });
      const scores = Object.entries(card.levels).flatMap(([questionKey, levels]) => {
        const q = questionIdByKey.get(questionKey);
        if (!q) return [];
        return q.criteria.flatMap((c) =>
          c.key in levels ? [{ scorecardId: scorecard.id, interviewQuestionId: q.interviewQuestionId, criterionId: c.id, level: levels[c.key] ?? null, covered: levels[c.key] != null, version: 1 }] : [],
        );
      });
      await ctx.tx.criterionScore.createMany({ data: scores });
      await ctx.tx.attributeScore.createMany({ data: Object.entries(card.attributes).map(([attribute, level]) => ({ scorecardId: scorecard.id, attribute, level, version: 1 })) });
      await ctx.tx.note.createMany({
        data: card.notes.map((n) => ({
          scorecardId: scorecard.id,
          interviewQuestionId: questionIdByKey.get(n.question)?.interviewQuestionId ?? null,
          body: n.body,
          offsetSeconds: n.offsetSeconds,
          version: 1,
        })),
      });
    }
  },
};

/**
 * Run in order, inside one transaction, after the demo organization exists. To seed more
 * (e.g. interviews), append a step that reads the ids earlier steps recorded in the context.
 */
export const DEMO_SEED_STEPS: SeedStep[] = [seedUsers, seedQuestions, seedKit, seedCandidate, seedInterview, seedCompletedInterview];

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
}

async function summarize(tx: Tx, organizationId: string): Promise<SeedSummary> {
  const org = { organizationId };
  const [users, memberships, questions, questionVersions, rubricCriteria, kits, kitItems, candidates] = await Promise.all([
    tx.user.count({ where: { memberships: { some: org } } }),
    tx.membership.count({ where: org }),
    tx.question.count({ where: org }),
    tx.questionVersion.count({ where: org }),
    tx.rubricCriterion.count({ where: { questionVersion: org } }),
    tx.kit.count({ where: org }),
    tx.kitItem.count({ where: { kit: org } }),
    tx.candidate.count({ where: org }),
  ]);
  return { organizationId, users, memberships, questions, questionVersions, rubricCriteria, kits, kitItems, candidates };
}

export async function seedDemoData(db: Db): Promise<SeedSummary> {
  // Hash outside the transaction: argon2id is deliberately slow and must not hold it open.
  const passwordHashes = new Map<string, string>();
  for (const u of DEMO_USERS) passwordHashes.set(u.email, await hashPassword(DEMO_PASSWORD));

  return db.$transaction(
    async (tx) => {
      const org = await tx.organization.upsert({
        where: { slug: DEMO_ORGANIZATION.slug },
        create: { name: DEMO_ORGANIZATION.name, slug: DEMO_ORGANIZATION.slug },
        update: { name: DEMO_ORGANIZATION.name },
        select: { id: true },
      });
      const ctx: SeedContext = {
        tx,
        organizationId: org.id,
        passwordHashes,
        userIds: new Map(),
        questionIds: new Map(),
        questionVersionIds: new Map(),
        kitIds: new Map(),
        candidateIds: new Map(),
      };
      for (const step of DEMO_SEED_STEPS) await step.run(ctx);
      return summarize(tx, org.id);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
