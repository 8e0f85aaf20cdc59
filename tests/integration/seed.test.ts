// Runs against the fresh, migrated database the integration harness gives this file
// through DATABASE_URL (the seed runs in the process of its database: lib/seed/demo.ts).
import { afterAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/credentials";
import { DEMO_COMPLETED_INTERVIEW, DEMO_KIT, seedDemoData, type SeedSummary } from "@/lib/seed/demo";
import { QUESTION_BANK, QUESTION_BANK_SCALE } from "@/prisma/seed/question-bank";
import { exportQuestions } from "../helpers/boundary";

const criteriaInBank = QUESTION_BANK.reduce((n, q) => n + q.criteria.length, 0);

describe("seedDemoData", () => {
  let first: SeedSummary;
  let second: SeedSummary;

  afterAll(async () => {
    await db.$disconnect();
  });

  it("creates the demo organization, users, questions, kit, candidates and interviews", async () => {
    first = await seedDemoData();
    expect(first).toMatchObject({
      users: DEMO_USERS.length,
      memberships: DEMO_USERS.length,
      questions: 12,
      questionVersions: 12,
      rubricCriteria: criteriaInBank,
      kits: 1,
      kitItems: 4,
      candidates: 3, // Alex Kim (upcoming), Sam Rivera (completed, for the reports), Jordan Lee (feedback overdue)
      interviews: 3,
    });
  }, 60_000);

  it("creates no duplicates when run a second time", async () => {
    const events = await db.scoreEvent.count();
    const audits = await db.auditEvent.count();
    second = await seedDemoData();
    expect(second).toEqual(first);
    // Count whole tables too, so rows created outside the demo organization would show.
    expect(await db.organization.count({ where: { slug: "demo" } })).toBe(1);
    expect(await db.user.count({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } })).toBe(DEMO_USERS.length);
    expect(await db.question.count()).toBe(12);
    expect(await db.questionVersion.count()).toBe(12);
    expect(await db.rubricCriterion.count()).toBe(criteriaInBank);
    expect(await db.kitItem.count()).toBe(4);
    expect(await db.candidate.count({ where: { email: "alex.kim@example.com" } })).toBe(1);
    expect(await db.interview.count()).toBe(3);
    // The second run wrote nothing: no score replayed, no service's audit entry.
    expect(await db.scoreEvent.count()).toBe(events);
    expect(await db.auditEvent.count()).toBe(audits);
  }, 60_000);

  it("went through the services: each wrote its audit entry, as a user's click would", async () => {
    const actions = await db.auditEvent.groupBy({ by: ["action"], where: { organizationId: first.organizationId }, _count: true });
    const count = Object.fromEntries(actions.map((a) => [a.action, a._count]));
    expect(count).toMatchObject({
      "questions.imported": 1,
      "kit.created": 1,
      "candidate.created": 3,
      "interview.scheduled": 3,
      "interview.started": 2,
    });
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
});
