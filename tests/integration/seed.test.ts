// Runs against the fresh, migrated database the integration harness gives this file
// through DATABASE_URL (the seed runs in the process of its database: lib/seed/demo.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateRaterSeverity } from "@/lib/analytics/severity";
import { pearson } from "@/lib/analytics/stats/correlation";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { listCandidates } from "@/lib/candidates/list-candidates";
import { listReportIndex } from "@/lib/reports/list-report-index";
import { getInterviewInvite } from "@/lib/interviews/get-interview-invite";
import { listMyInterviews } from "@/lib/interviews/list-my-interviews";
import { instantToLocal } from "@/lib/interviews/time-zones";
import { getInterviewReportOrThrow } from "@/lib/reports/get-interview-report";
import { renderReportCsv } from "@/lib/reports/render-report-csv";
import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { ALL_DEMO_USERS, DEMO_HISTORY_INTERVIEWERS, DEMO_PASSWORD } from "@/lib/seed/credentials";
import { DEMO_AWAITING_INTERVIEW, DEMO_COMPLETED_INTERVIEW, DEMO_KIT, DEMO_POOL, demoInterviewStart, seedDemoData, type SeedSummary } from "@/lib/seed/demo";
import { HISTORY_EMAIL_DOMAIN, HISTORY_INTERVIEW_COUNT, PLANTED_INTERVIEWERS, PLANTED_QUESTIONS } from "@/lib/seed/history-plan";
import { DEMO_KITS } from "@/lib/seed/kits";
import { QUESTION_BANK, QUESTION_BANK_SCALE } from "@/prisma/seed/question-bank";
import { exportQuestions } from "../helpers/boundary";

const criteriaInBank = QUESTION_BANK.reduce((n, q) => n + q.criteria.length, 0);
const kitItems = DEMO_KITS.reduce((n, k) => n + k.questionKeys.length, 0);
const walkThroughCards = Object.keys(DEMO_COMPLETED_INTERVIEW.panel).length + Object.keys(DEMO_AWAITING_INTERVIEW.panel).length;

afterAll(async () => {
  await db.$disconnect();
});

describe("seedDemoData", () => {
  let first: SeedSummary;
  let second: SeedSummary;

  it("creates the demo organization, users, questions, kits, candidates and interviews", async () => {
    first = await seedDemoData();
    expect(first).toMatchObject({
      users: ALL_DEMO_USERS.length, // the five of the walk-through and the history's eight interviewers
      memberships: ALL_DEMO_USERS.length,
      questions: 12,
      questionVersions: 12,
      rubricCriteria: criteriaInBank,
      kits: 3, // the onsite kit and the history's two
      kitItems,
      // Alex Kim (upcoming), Sam Rivera (completed, for the reports), Jordan Lee (feedback overdue), and the history's
      candidates: 3 + HISTORY_INTERVIEW_COUNT,
      interviews: 3 + HISTORY_INTERVIEW_COUNT,
    });
    expect(first.scorecards).toBeGreaterThan(walkThroughCards + 2 * HISTORY_INTERVIEW_COUNT);
    expect(first.hiringDecisions).toBeGreaterThan(0.8 * HISTORY_INTERVIEW_COUNT);
  }, 180_000);

  it("creates no duplicates when run a second time, writes nothing, and is quick", async () => {
    const events = await db.scoreEvent.count();
    const audits = await db.auditEvent.count();
    const moved = await db.interview.aggregate({ _max: { updatedAt: true } });
    const started = Date.now();
    second = await seedDemoData();
    const seconds = (Date.now() - started) / 1000;
    expect(second).toEqual(first);
    // Count whole tables too, so rows created outside the demo organization would show.
    expect(await db.organization.count({ where: { slug: "demo" } })).toBe(1);
    expect(await db.user.count({ where: { email: { in: ALL_DEMO_USERS.map((u) => u.email) } } })).toBe(ALL_DEMO_USERS.length);
    expect(await db.question.count()).toBe(12);
    expect(await db.questionVersion.count()).toBe(12);
    expect(await db.rubricCriterion.count()).toBe(criteriaInBank);
    expect(await db.kitItem.count()).toBe(kitItems);
    expect(await db.candidate.count({ where: { email: "alex.kim@example.com" } })).toBe(1);
    expect(await db.interview.count()).toBe(3 + HISTORY_INTERVIEW_COUNT);
    expect(await db.scorecard.count()).toBe(first.scorecards);
    expect(await db.hiringDecision.count()).toBe(first.hiringDecisions);
    // The second run wrote nothing: no score replayed, no service's audit entry, no interview moved again.
    expect(await db.scoreEvent.count()).toBe(events);
    expect(await db.auditEvent.count()).toBe(audits);
    expect(await db.interview.aggregate({ _max: { updatedAt: true } })).toEqual(moved);
    // The history is found with one query and skipped (about 0.1 s of the run; the rest is hashing the passwords).
    expect(seconds).toBeLessThan(15);
  }, 60_000);

  it("went through the services: each wrote its audit entry, as a user's click would", async () => {
    const actions = await db.auditEvent.groupBy({ by: ["action"], where: { organizationId: first.organizationId }, _count: true });
    const count = Object.fromEntries(actions.map((a) => [a.action, a._count]));
    expect(count).toMatchObject({
      "questions.imported": 1,
      "kit.created": 3,
      "candidate.created": 3 + HISTORY_INTERVIEW_COUNT,
      "interview.scheduled": 3 + HISTORY_INTERVIEW_COUNT,
      "interview.started": 2 + HISTORY_INTERVIEW_COUNT, // Alex Kim's is tomorrow
      "interview.decision_recorded": first.hiringDecisions,
      "pool.member_added": DEMO_POOL.length,
    });
    // The onsite kit's pool, once, at the stages the seed gives.
    const pool = await db.interviewerPoolMember.findMany({ where: { organizationId: first.organizationId }, select: { stage: true, user: { select: { email: true } } } });
    expect(pool.map((m) => [m.user.email, m.stage]).sort()).toEqual(DEMO_POOL.map((m) => [m.email, m.stage]).sort());
  });

  it("holds exactly the bank file: exporting the seeded bank gives back prisma/seed/question-bank.json's questions", async () => {
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@panelist.dev" }, select: { id: true } });
    const actor = (await loadActor(owner.id, first.organizationId))!;
    const file = JSON.parse((await exportQuestions(actor, { format: "json" })).body) as { scale: unknown; questions: unknown[] };
    expect(file.scale).toEqual(QUESTION_BANK_SCALE);
    expect(file.questions).toEqual(QUESTION_BANK);
  });

  it("scored the completed interview through the scoring write: one event per entry, the interview complete at its scheduled end", async () => {
    const interview = await db.interview.findFirstOrThrow({
      where: { candidate: { email: DEMO_COMPLETED_INTERVIEW.candidate.email } },
      select: { id: true, status: true, startsAt: true, startedAt: true, completedAt: true, scorecards: { select: { status: true, submittedAt: true } } },
    });
    const panel = Object.values(DEMO_COMPLETED_INTERVIEW.panel);
    const entries = panel.reduce(
      (n, card) =>
        n +
        Object.values(card.levels).reduce((m, levels) => m + Object.values(levels).filter((l) => l !== null).length, 0) +
        Object.keys(card.attributes).length +
        card.notes.length +
        2, // the recommendation with its summary, and the submit
      0,
    );
    expect(await db.scoreEvent.count({ where: { interviewId: interview.id } })).toBe(entries);
    expect(interview.status).toBe("COMPLETED");
    expect(interview.startedAt).toEqual(interview.startsAt);
    expect(interview.completedAt!.getTime() - interview.startsAt.getTime()).toBe(DEMO_COMPLETED_INTERVIEW.durationMinutes * 60_000);
    expect(Date.now() - interview.startsAt.getTime()).toBeGreaterThan((DEMO_COMPLETED_INTERVIEW.daysAgo - 1) * 86_400_000);
    expect(interview.scorecards.map((c) => c.status)).toEqual(["SUBMITTED", "SUBMITTED"]);
    for (const c of interview.scorecards) expect(c.submittedAt!.getTime()).toBeLessThanOrEqual(interview.completedAt!.getTime());
  });

  it("makes owner@panelist.dev an OWNER of the demo organization with the demo password", async () => {
    const owner = await db.user.findUniqueOrThrow({
      where: { email: "owner@panelist.dev" },
      select: { name: true, passwordHash: true, memberships: { select: { role: true, organization: { select: { slug: true, name: true } } } } },
    });
    expect(owner.name).toBe("Olivia Owner");
    expect(owner.memberships).toEqual([{ role: "OWNER", organization: { slug: "demo", name: "Acme Robotics (demo)" } }]);
    expect(await verifyPassword(owner.passwordHash, DEMO_PASSWORD)).toBe(true);
  });

  it("stores each rubric with five anchored levels in position order", async () => {
    const version = await db.questionVersion.findFirstOrThrow({
      where: { question: { externalKey: "dl-batch-norm" } },
      select: { scaleMin: true, scaleMax: true, criteria: { orderBy: { position: "asc" }, select: { key: true, levels: true } } },
    });
    const bank = QUESTION_BANK.find((q) => q.key === "dl-batch-norm")!;
    expect(version).toMatchObject({ scaleMin: 0, scaleMax: 4 });
    expect(version.criteria.map((c) => c.key)).toEqual(bank.criteria.map((c) => c.key));
    expect(version.criteria[0]?.levels).toEqual(bank.criteria[0]!.levels);
  });

  it("makes each history interviewer an INTERVIEWER with the demo password", async () => {
    const users = await db.user.findMany({
      where: { email: { in: DEMO_HISTORY_INTERVIEWERS.map((u) => u.email) } },
      select: { email: true, passwordHash: true, memberships: { select: { role: true, organizationId: true } } },
    });
    expect(users).toHaveLength(DEMO_HISTORY_INTERVIEWERS.length);
    for (const u of users) expect(u.memberships).toEqual([{ role: "INTERVIEWER", organizationId: first.organizationId }]);
    expect(await verifyPassword(users[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
  });

  it("builds the onsite kit from version 1 of the four article questions", async () => {
    const kit = await db.kit.findFirstOrThrow({
      where: { name: DEMO_KIT.name },
      select: {
        overallAttributes: true,
        items: { orderBy: { position: "asc" }, select: { questionVersion: { select: { number: true, question: { select: { externalKey: true } } } } } },
      },
    });
    expect(kit.overallAttributes).toEqual(["Communication", "Problem solving"]);
    expect(kit.items.map((i) => [i.questionVersion.question.externalKey, i.questionVersion.number])).toEqual(
      DEMO_KIT.questionKeys.map((k) => [k, 1]),
    );
  });

  it("gives each article question's version the demo lab the room offers with it", async () => {
    const versions = await db.questionVersion.findMany({
      where: { question: { organizationId: first.organizationId } },
      select: { lab: true, question: { select: { externalKey: true } } },
    });
    const labs = Object.fromEntries(versions.filter((v) => v.lab).map((v) => [v.question.externalKey, v.lab]));
    expect(labs).toEqual({
      "dl-batch-norm": "batch-norm",
      "ml-bias-variance": "bias-variance",
      "dl-face-search-10m": "nearest-face",
      "ml-classification-metrics": "roc-imbalanced",
    });
  });

  it("ranks the batch-normalization question first for a full-text search on 'batch normalization'", async () => {
    const rows = await db.$queryRaw<Array<{ external_key: string }>>`
      SELECT external_key FROM questions
      WHERE search_vector @@ plainto_tsquery('english', 'batch normalization')
      ORDER BY ts_rank(search_vector, plainto_tsquery('english', 'batch normalization')) DESC`;
    expect(rows[0]?.external_key).toBe("dl-batch-norm");
  });

  it("indexes every seeded question for search", async () => {
    expect(await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM questions WHERE search_vector IS NULL`).toEqual([{ n: 0 }]);
  });

  describe("the history behind the analytics", () => {
    const historyWhere = { candidate: { email: { endsWith: `@${HISTORY_EMAIL_DOMAIN}` } } };

    it(`holds ${HISTORY_INTERVIEW_COUNT} candidates over five months and more, all interviewed before the walk-through's and over 30 days ago`, async () => {
      const interviews = await db.interview.findMany({ where: historyWhere, select: { startsAt: true, status: true, candidateId: true } });
      expect(interviews).toHaveLength(HISTORY_INTERVIEW_COUNT);
      expect(new Set(interviews.map((i) => i.candidateId)).size).toBe(HISTORY_INTERVIEW_COUNT);
      expect(new Set(interviews.map((i) => i.status))).toEqual(new Set(["COMPLETED"]));
      const starts = interviews.map((i) => i.startsAt.getTime());
      expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(5 * 30 * DAY);
      const sam = await db.interview.findFirstOrThrow({ where: { candidate: { email: DEMO_COMPLETED_INTERVIEW.candidate.email } }, select: { startsAt: true } });
      expect(Math.max(...starts)).toBeLessThan(sam.startsAt.getTime());
      expect(Math.max(...starts)).toBeLessThan(Date.now() - 31 * DAY);
      // No history candidate shares a name with the walk-through's (e2e finds theirs by name).
      const names = await db.candidate.findMany({ where: { email: { endsWith: `@${HISTORY_EMAIL_DOMAIN}` } }, select: { name: true } });
      for (const { name } of names) expect(name).not.toMatch(/\b(Alex|Kim|Sam|Rivera|Jordan|Lee)\b/);
    });

    it("leaves the walk-through first: the newest candidates and the latest reports are still its own, and only Ian's scorecard is open", async () => {
      const recruiter = await actorFor("recruiter@panelist.dev", first.organizationId);
      const candidates = await listCandidates(recruiter);
      expect(candidates.slice(0, 3).map((c) => c.name).sort()).toEqual(["Alex Kim", "Jordan Lee", "Sam Rivera"]);
      // Newest first: the recruiter's list starts with Jordan Lee's and Sam Rivera's; a reviewer's (completed only) with Sam Rivera's.
      expect((await listReportIndex(recruiter)).interviews.slice(0, 2).map((i) => i.candidate.label)).toEqual(["Jordan Lee", "Sam Rivera"]);
      const reviewer = await actorFor("rita@panelist.dev", first.organizationId);
      expect((await listReportIndex(reviewer)).interviews[0]?.candidate.label).toBe("Sam Rivera");
      const open = await db.scorecard.findMany({ where: { status: { not: "SUBMITTED" } }, select: { panelist: { select: { user: { select: { email: true } } } }, interview: { select: { candidate: { select: { name: true } } } } } });
      expect(open).toEqual([{ panelist: { user: { email: "ian@panelist.dev" } }, interview: { candidate: { name: "Jordan Lee" } } }]);
    });

    it("submitted every history scorecard after its interview, with a recommendation and a summary; the interview completed with the last", async () => {
      const interviews = await db.interview.findMany({
        where: historyWhere,
        select: { startsAt: true, startedAt: true, completedAt: true, durationMinutes: true, scorecards: { select: { status: true, submittedAt: true, recommendation: true, summary: true } } },
      });
      const recommendations = new Map<string, number>();
      for (const i of interviews) {
        expect(i.startedAt).toEqual(i.startsAt);
        expect([2, 3]).toContain(i.scorecards.length);
        const end = i.startsAt.getTime() + i.durationMinutes * 60_000;
        for (const c of i.scorecards) {
          expect(c.status).toBe("SUBMITTED");
          expect(c.summary).not.toBe("");
          expect(c.submittedAt!.getTime()).toBeGreaterThan(end);
          recommendations.set(c.recommendation!, (recommendations.get(c.recommendation!) ?? 0) + 1);
        }
        expect(i.completedAt!.getTime()).toBe(Math.max(...i.scorecards.map((c) => c.submittedAt!.getTime())));
      }
      // Every recommendation is used, "No decision" a few times.
      expect([...recommendations.keys()].sort()).toEqual(["NO", "NO_DECISION", "STRONG_NO", "STRONG_YES", "YES"]);
      const cards = [...recommendations.values()].reduce((a, b) => a + b, 0);
      expect(recommendations.get("NO_DECISION")! / cards).toBeGreaterThan(0.02);
      expect(recommendations.get("NO_DECISION")! / cards).toBeLessThan(0.15);
    });

    it("leaves about a tenth of the criteria unassessed", async () => {
      const [row] = await db.$queryRaw<{ assessed: number; possible: number }[]>`
        SELECT (SELECT count(*)::int FROM criterion_scores cs JOIN scorecards sc ON sc.id = cs.scorecard_id JOIN interviews i ON i.id = sc.interview_id JOIN candidates c ON c.id = i.candidate_id
                 WHERE c.email LIKE ${`%@${HISTORY_EMAIL_DOMAIN}`} AND cs.level IS NOT NULL) AS assessed,
               (SELECT count(*)::int FROM scorecards sc JOIN interviews i ON i.id = sc.interview_id JOIN candidates c ON c.id = i.candidate_id
                  JOIN interview_questions iq ON iq.interview_id = i.id JOIN rubric_criteria rc ON rc.question_version_id = iq.question_version_id
                 WHERE c.email LIKE ${`%@${HISTORY_EMAIL_DOMAIN}`}) AS possible`;
      const missing = 1 - row!.assessed / row!.possible;
      expect(missing).toBeGreaterThan(0.05);
      expect(missing).toBeLessThan(0.15);
    });

    it("recorded a decision with a rationale on most interviews, all four outcomes, after the feedback was in", async () => {
      const interviews = await db.interview.findMany({ where: historyWhere, select: { completedAt: true, hiringDecision: { select: { outcome: true, rationale: true, decidedAt: true } } } });
      const decided = interviews.filter((i) => i.hiringDecision);
      expect(decided.length / interviews.length).toBeGreaterThan(0.8);
      expect(decided.length).toBeLessThan(interviews.length); // some still undecided
      expect(new Set(decided.map((i) => i.hiringDecision!.outcome))).toEqual(new Set(["ADVANCE", "HIRE", "NO_HIRE", "HOLD"]));
      for (const i of decided) {
        expect(i.hiringDecision!.rationale.length).toBeGreaterThan(10);
        expect(i.hiringDecision!.decidedAt.getTime()).toBeGreaterThan(i.completedAt!.getTime());
      }
    });

    describe("the planted structure is recoverable from the stored levels", () => {
      let ratings: StoredRating[];

      beforeAll(async () => {
        ratings = await loadHistoryRatings();
      });

      it("interviewers: the most lenient scores above the harshest on the same answers, and the severity fit ranks all ten as planted", () => {
        const planted = new Map(PLANTED_INTERVIEWERS.map((p) => [p.email, p.severity]));
        const lenient = PLANTED_INTERVIEWERS.reduce((a, b) => (b.severity > a.severity ? b : a)).email;
        const harsh = PLANTED_INTERVIEWERS.reduce((a, b) => (b.severity < a.severity ? b : a)).email;
        // Raw data, no model: each level against the mean of the co-panelists' levels on the same criterion of the same answer.
        const deviation = meanDeviationFromCoPanelists(ratings);
        expect(deviation.get(lenient)!.n).toBeGreaterThan(100);
        expect(deviation.get(harsh)!.n).toBeGreaterThan(100);
        expect(deviation.get(lenient)!.mean).toBeGreaterThan(0.3);
        expect(deviation.get(harsh)!.mean).toBeLessThan(-0.3);
        // The analytics' own model (lib/analytics/severity.ts) on the stored levels.
        const fit = estimateRaterSeverity(ratings.map((r) => ({ rater: r.email, unit: r.interviewQuestionId, criterion: r.criterion, level: r.level })));
        const estimated = fit.raters.filter((r) => r.raw !== null);
        expect(estimated).toHaveLength(PLANTED_INTERVIEWERS.length);
        expect(spearman(estimated.map((r) => planted.get(r.rater)!), estimated.map((r) => r.raw!))).toBeGreaterThanOrEqual(0.9);
      });

      it("questions: the two planted near-useless ones discriminate least, the planted ceiling sits at the top of its scale", () => {
        const r = itemTotalCorrelations(ratings);
        expect([...r.keys()].sort()).toEqual(Object.keys(PLANTED_QUESTIONS).sort());
        const useless = Object.entries(PLANTED_QUESTIONS).filter(([, q]) => q.discrimination < 0.2).map(([k]) => k);
        expect(useless).toHaveLength(2);
        const ranked = [...r.entries()].sort((a, b) => a[1] - b[1]).map(([k]) => k);
        expect(ranked.slice(0, 2).sort()).toEqual(useless.sort());
        for (const [key, q] of Object.entries(PLANTED_QUESTIONS)) if (q.discrimination >= 0.8) expect(r.get(key), key).toBeGreaterThan(0.5);

        const ceiling = Object.entries(PLANTED_QUESTIONS).filter(([, q]) => q.center > 4).map(([k]) => k);
        expect(ceiling).toEqual(["ml-classification-metrics"]);
        const topShare = (key: string) => {
          const mine = ratings.filter((x) => x.question === key);
          return mine.filter((x) => x.level === x.scaleMax).length / mine.length;
        };
        expect(topShare(ceiling[0]!)).toBeGreaterThan(0.8);
        for (const key of Object.keys(PLANTED_QUESTIONS)) if (key !== ceiling[0]) expect(topShare(key), key).toBeLessThan(0.4);
      });

      it("decisions follow the panel: hired candidates scored above those not hired", () => {
        expect(ratings.length).toBeGreaterThan(0);
        const byInterview = new Map<string, { sum: number; n: number; decision: string | null }>();
        for (const x of ratings) {
          const e = byInterview.get(x.interviewId) ?? { sum: 0, n: 0, decision: x.decision };
          e.sum += (x.level - x.scaleMin) / (x.scaleMax - x.scaleMin);
          e.n++;
          byInterview.set(x.interviewId, e);
        }
        const mean = (outcome: string) => {
          const xs = [...byInterview.values()].filter((e) => e.decision === outcome).map((e) => e.sum / e.n);
          return xs.reduce((a, b) => a + b, 0) / xs.length;
        };
        expect(mean("HIRE")).toBeGreaterThan(mean("ADVANCE"));
        expect(mean("ADVANCE")).toBeGreaterThan(mean("NO_HIRE"));
        expect(mean("HIRE") - mean("NO_HIRE")).toBeGreaterThan(0.15);
      });
    });
  });
});

const DAY = 86_400_000;

async function actorFor(email: string, organizationId: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id, organizationId))!;
}

interface StoredRating {
  interviewId: string;
  interviewQuestionId: string;
  question: string;
  criterion: string;
  email: string;
  level: number;
  scaleMin: number;
  scaleMax: number;
  decision: string | null;
}

/** Every level on a submitted history scorecard, as stored. */
function loadHistoryRatings(): Promise<StoredRating[]> {
  return db.$queryRaw<StoredRating[]>`
    SELECT i.id AS "interviewId", iq.id AS "interviewQuestionId", q.external_key AS question, rc.key AS criterion, u.email, cs.level,
           qv.scale_min AS "scaleMin", qv.scale_max AS "scaleMax", hd.outcome::text AS decision
      FROM criterion_scores cs
      JOIN scorecards sc ON sc.id = cs.scorecard_id AND sc.status = 'SUBMITTED'
      JOIN panelists p ON p.id = sc.panelist_id
      JOIN users u ON u.id = p.user_id
      JOIN interviews i ON i.id = sc.interview_id
      JOIN candidates c ON c.id = i.candidate_id
      JOIN interview_questions iq ON iq.id = cs.interview_question_id
      JOIN question_versions qv ON qv.id = iq.question_version_id
      JOIN questions q ON q.id = qv.question_id
      JOIN rubric_criteria rc ON rc.id = cs.criterion_id
      LEFT JOIN hiring_decisions hd ON hd.interview_id = i.id
     WHERE c.email LIKE ${`%@${HISTORY_EMAIL_DOMAIN}`} AND cs.level IS NOT NULL`;
}

/** Per interviewer: the mean of (their level − the mean of the others' levels) over criteria of answers someone else also rated. */
function meanDeviationFromCoPanelists(ratings: readonly StoredRating[]): Map<string, { mean: number; n: number }> {
  const units = new Map<string, StoredRating[]>();
  for (const r of ratings) {
    const key = `${r.interviewQuestionId}/${r.criterion}`;
    units.set(key, [...(units.get(key) ?? []), r]);
  }
  const sums = new Map<string, { sum: number; n: number }>();
  for (const unit of units.values()) {
    if (unit.length < 2) continue;
    const total = unit.reduce((s, r) => s + r.level, 0);
    for (const r of unit) {
      const e = sums.get(r.email) ?? { sum: 0, n: 0 };
      e.sum += r.level - (total - r.level) / (unit.length - 1);
      e.n++;
      sums.set(r.email, e);
    }
  }
  return new Map([...sums].map(([email, e]) => [email, { mean: e.sum / e.n, n: e.n }]));
}

/** Per question: Pearson's r between its score in an interview (mean normalized level) and the mean of that interview's other questions. */
function itemTotalCorrelations(ratings: readonly StoredRating[]): Map<string, number> {
  const scores = new Map<string, Map<string, { sum: number; n: number }>>(); // interview → question → sum
  for (const r of ratings) {
    const byQuestion = scores.get(r.interviewId) ?? new Map<string, { sum: number; n: number }>();
    const e = byQuestion.get(r.question) ?? { sum: 0, n: 0 };
    e.sum += (r.level - r.scaleMin) / (r.scaleMax - r.scaleMin);
    e.n++;
    byQuestion.set(r.question, e);
    scores.set(r.interviewId, byQuestion);
  }
  const pairs = new Map<string, { item: number[]; rest: number[] }>();
  for (const byQuestion of scores.values()) {
    const means = new Map([...byQuestion].map(([q, e]) => [q, e.sum / e.n]));
    for (const [q, m] of means) {
      const others = [...means].filter(([k]) => k !== q).map(([, v]) => v);
      if (!others.length) continue;
      const p = pairs.get(q) ?? { item: [], rest: [] };
      p.item.push(m);
      p.rest.push(others.reduce((a, b) => a + b, 0) / others.length);
      pairs.set(q, p);
    }
  }
  return new Map([...pairs].map(([q, p]) => [q, pearson(p.item, p.rest).r!]));
}

function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}

function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y)).r!;
}

// The walk-through's two interviews, on the database seeded (twice) above: one seeding for the
// whole file, since each costs seconds. The reschedule case re-seeds, so it comes last.
describe("demo seed: Sam Rivera's completed interview", () => {
  it("is created once (the seed above ran twice), with two submitted scorecards that disagree, and reads as a full report", async () => {
    const rows = await db.interview.findMany({ where: { candidate: { email: DEMO_COMPLETED_INTERVIEW.candidate.email } }, select: { id: true, status: true } });
    expect(rows).toEqual([{ id: expect.any(String) as string, status: "COMPLETED" }]);
    expect(await db.candidate.count({ where: { email: DEMO_COMPLETED_INTERVIEW.candidate.email } })).toBe(1);
    expect(await db.scorecard.count({ where: { interviewId: rows[0]!.id } })).toBe(2);

    const rita = await db.user.findUniqueOrThrow({ where: { email: "rita@panelist.dev" }, select: { id: true } });
    const reviewer = (await loadActor(rita.id))!;
    const report = await getInterviewReportOrThrow(reviewer, { interviewId: rows[0]!.id });
    expect(report.partial).toBe(false);
    expect(report.empty).toBe(false);
    expect(report.panelists.map((p) => [p.name, p.status, p.isLead])).toEqual([
      ["Ivy Interviewer", "SUBMITTED", true],
      ["Ian Interviewer", "SUBMITTED", false],
    ]);
    expect(report.disagreements.map((d) => d.criterionKey).sort()).toEqual(["roc-pr", "why-it-helps"]);
    expect(report.coverage.unassessed.map((u) => u.criterionKey)).toEqual(["recall-latency"]);
    expect(report.recommendations).toMatchObject({ YES: 1, NO: 1 });
    expect(report.notes).toHaveLength(5);
    expect(report.overall.score).not.toBeNull();
    expect(report.attributes.map((a) => a.attribute)).toEqual(["Communication", "Problem solving"]);
    expect(renderReportCsv(report)).toContain("Sam Rivera");
  }, 60_000);
});

describe("demo seed: Alex Kim's panel interview", () => {
  it("schedules it tomorrow at 10:00 Berlin with Ivy leading and Ian on the panel, once (the seed above ran twice)", async () => {
    const rows = await db.interview.findMany({
      where: { candidate: { email: "alex.kim@example.com" } },
      select: {
        id: true,
        startsAt: true,
        timeZone: true,
        status: true,
        icsUid: true,
        kitName: true,
        questions: { select: { id: true } },
        panelists: { orderBy: { isLead: "desc" }, select: { isLead: true, user: { select: { email: true } } } },
      },
    });
    expect(rows).toHaveLength(1);
    const i = rows[0]!;
    expect(i).toMatchObject({ timeZone: "Europe/Berlin", status: "SCHEDULED", kitName: DEMO_KIT.name });
    expect(i.questions).toHaveLength(4);
    expect(i.panelists.map((p) => [p.user.email, p.isLead])).toEqual([
      ["ivy@panelist.dev", true],
      ["ian@panelist.dev", false],
    ]);
    expect(instantToLocal(i.startsAt, "Europe/Berlin").slice(11)).toBe("10:00");
    expect(Math.abs(i.startsAt.getTime() - demoInterviewStart().getTime())).toBeLessThan(60_000);
  }, 60_000);

  it("shows up on Ivy's and Ian's dashboards in their own zones, with a downloadable invite", async () => {
    const ivyUser = await db.user.findUniqueOrThrow({ where: { email: "ivy@panelist.dev" }, select: { id: true } });
    const ian = await db.user.findUniqueOrThrow({ where: { email: "ian@panelist.dev" }, select: { id: true, timeZone: true } });
    const ivy = (await loadActor(ivyUser.id))!;
    expect(ivy.timeZone).toBe("Europe/Berlin");
    expect(ian.timeZone).toBe("America/New_York");
    const mine = await listMyInterviews(ivy);
    const all = [...mine.today, ...mine.upcoming];
    expect(all.map((x) => x.title)).toContain("Alex Kim — ML Engineer — onsite deep learning");
    const alex = all.find((x) => x.title.startsWith("Alex Kim"))!;
    const { icsUid } = await db.interview.findUniqueOrThrow({ where: { id: alex.id }, select: { icsUid: true } });
    const invite = await getInterviewInvite(ivy, alex.id);
    expect(invite.content).toContain(`UID:${icsUid}`);
  });

  it("moves a demo interview left in the past to tomorrow, as a reschedule through the service", async () => {
    const alex = { candidate: { email: "alex.kim@example.com" } };
    const { id } = await db.interview.findFirstOrThrow({ where: alex, select: { id: true } });
    await db.interview.update({ where: { id }, data: { startsAt: new Date("2020-01-01T09:00:00Z") } });
    await seedDemoData();
    const i = await db.interview.findUniqueOrThrow({ where: { id }, select: { startsAt: true, icsSequence: true, status: true } });
    expect(i.startsAt.getTime()).toBeGreaterThan(Date.now());
    expect(Math.abs(i.startsAt.getTime() - demoInterviewStart().getTime())).toBeLessThan(60_000);
    expect(i.icsSequence).toBe(1);
    expect(i.status).toBe("SCHEDULED");
    expect(await db.auditEvent.count({ where: { action: "interview.rescheduled", targetId: id } })).toBe(1);
  }, 60_000);
});
