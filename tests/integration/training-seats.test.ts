// Panelists in training (issue 17): scheduling seats each panelist with their stage in the kit's
// pool — a reschedule stamps those it adds, and keeps the stage of those who stay — and the
// reports and analytics leave a shadow's scorecard out, and a reverse shadow's unless a qualified
// panelist submitted beside them.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { loadAnalyticsRaw } from "@/lib/analytics/collect";
import { instantToLocal } from "@/lib/interviews/time-zones";
import { getCandidateReportOrThrow } from "@/lib/reports/get-candidate-report";
import { getInterviewReportOrThrow } from "@/lib/reports/get-interview-report";
import { listReportIndex } from "@/lib/reports/list-report-index";
import { progressLabel } from "@/lib/pools/panel-rules";
import { listPoolsOf } from "@/lib/pools/list-my-pools";
import { makeOrg } from "../helpers/factories";
import { makeActor } from "../helpers/room-factories";
import { createCandidate, createKit, createQuestion, rescheduleInterview, scheduleInterview } from "../helpers/boundary";

delete process.env.SMTP_URL;

let orgId: string;
let recruiter: Actor, qualified: Actor, shadow: Actor, reverse: Actor, newcomer: Actor;
let kitId: string;
let candidateId: string;
let criterionId: string;

const day = (n: number) => `${instantToLocal(new Date(Date.now() + n * 86_400_000), "UTC").slice(0, 10)}T10:00`;

beforeAll(async () => {
  orgId = (await makeOrg()).id;
  recruiter = await makeActor(orgId, "RECRUITER");
  [qualified, shadow, reverse, newcomer] = [await makeActor(orgId), await makeActor(orgId), await makeActor(orgId), await makeActor(orgId)];
  const q = await createQuestion(recruiter, {
    title: "Bias and variance",
    prompt: "Explain.",
    difficulty: "MEDIUM",
    tags: [],
    minutes: 20,
    status: "ACTIVE",
    criteria: [{ title: "Diagnosis", description: "", weight: 1, levels: [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `Level ${level}` })) }],
  });
  criterionId = (await db.rubricCriterion.findFirstOrThrow({ where: { questionVersionId: q.latest.id }, select: { id: true } })).id;
  kitId = (await createKit(recruiter, { name: "Onsite", items: [{ questionVersionId: q.latest.id, minutes: 20 }] })).id;
  candidateId = (await createCandidate(recruiter, { name: "Dana Whitfield", email: null, links: [] })).id;
  await db.interviewerPoolMember.createMany({
    data: [
      { organizationId: orgId, kitId, userId: qualified.userId, stage: "QUALIFIED" },
      { organizationId: orgId, kitId, userId: shadow.userId, stage: "SHADOW" },
      { organizationId: orgId, kitId, userId: reverse.userId, stage: "REVERSE_SHADOW" },
      { organizationId: orgId, kitId, userId: newcomer.userId, stage: "SHADOW" },
    ],
  });
});

/** Submits each panelist's scorecard with one level (directly: the scoring write is tested elsewhere). */
async function submit(interviewId: string, levels: Map<string, { level: number; recommendation: "YES" | "NO" }>) {
  const iq = await db.interviewQuestion.findFirstOrThrow({ where: { interviewId }, select: { id: true } });
  const seats = await db.panelist.findMany({ where: { interviewId }, select: { id: true, userId: true } });
  for (const seat of seats) {
    const given = levels.get(seat.userId);
    if (!given) continue;
    const card = await db.scorecard.create({ data: { interviewId, panelistId: seat.id, status: "SUBMITTED", recommendation: given.recommendation, submittedAt: new Date() } });
    await db.criterionScore.create({ data: { scorecardId: card.id, interviewQuestionId: iq.id, criterionId, level: given.level, covered: true } });
  }
  await db.interview.update({ where: { id: interviewId }, data: { status: "COMPLETED", startsAt: new Date(Date.now() - 2 * 86_400_000) } });
}

describe("training seats", () => {
  it("scheduling stamps each seat with its pool stage; a reschedule stamps those it adds", async () => {
    const base = { candidateId, kitId, timeZone: "UTC", durationMinutes: 60, leadId: qualified.userId };
    const { interview } = await scheduleInterview(recruiter, { ...base, startLocal: day(2), panelistIds: [qualified.userId, shadow.userId, reverse.userId] });
    const stages = async () =>
      Object.fromEntries((await db.panelist.findMany({ where: { interviewId: interview.id }, select: { userId: true, trainingStage: true } })).map((p) => [p.userId, p.trainingStage]));
    expect(await stages()).toEqual({ [qualified.userId]: null, [shadow.userId]: "SHADOW", [reverse.userId]: "REVERSE_SHADOW" });
    // The shadow is promoted meanwhile; their seat keeps what it was given. The newcomer is added.
    await db.interviewerPoolMember.update({ where: { kitId_userId: { kitId, userId: shadow.userId } }, data: { stage: "QUALIFIED" } });
    await rescheduleInterview(recruiter, interview.id, { ...base, startLocal: day(3), panelistIds: [qualified.userId, shadow.userId, reverse.userId, newcomer.userId], sequence: 0 });
    expect(await stages()).toMatchObject({ [shadow.userId]: "SHADOW", [newcomer.userId]: "SHADOW" });
    await db.interviewerPoolMember.update({ where: { kitId_userId: { kitId, userId: shadow.userId } }, data: { stage: "SHADOW" } });
  });

  it("reports and analytics leave out a shadow's scorecard, and a reverse shadow's without a qualified panelist", async () => {
    const base = { candidateId, kitId, timeZone: "UTC", durationMinutes: 60 };
    const withQualified = (await scheduleInterview(recruiter, { ...base, startLocal: day(5), leadId: qualified.userId, panelistIds: [qualified.userId, shadow.userId, reverse.userId] })).interview.id;
    const traineesOnly = (await scheduleInterview(recruiter, { ...base, startLocal: day(6), leadId: reverse.userId, panelistIds: [reverse.userId, shadow.userId] })).interview.id;
    await submit(
      withQualified,
      new Map([
        [qualified.userId, { level: 3, recommendation: "YES" }],
        [shadow.userId, { level: 0, recommendation: "NO" }],
        [reverse.userId, { level: 4, recommendation: "YES" }],
      ]),
    );
    await submit(
      traineesOnly,
      new Map([
        [reverse.userId, { level: 1, recommendation: "NO" }],
        [shadow.userId, { level: 0, recommendation: "NO" }],
      ]),
    );

    const owner = await makeActor(orgId, "OWNER");
    const report = await getInterviewReportOrThrow(owner, { interviewId: withQualified });
    expect(report.panelists.map((p) => [p.training, p.status])).toEqual([
      [null, "SUBMITTED"],
      ["SHADOW", "NOT_COUNTED"],
      ["REVERSE_SHADOW", "SUBMITTED"],
    ]);
    expect(report.questions[0]!.criteria[0]!.scores.map((s) => s.level)).toEqual([3, 4]);
    expect(report.recommendations).toMatchObject({ YES: 2, NO: 0 });
    expect(report.partial).toBe(false);
    const alone = await getInterviewReportOrThrow(owner, { interviewId: traineesOnly });
    expect(alone.panelists.map((p) => p.status)).toEqual(["NOT_COUNTED", "NOT_COUNTED"]);
    expect(alone.empty).toBe(true);

    const raw = await loadAnalyticsRaw(db, orgId, { from: new Date(Date.now() - 30 * 86_400_000), to: new Date() });
    expect(raw.scorecards.map((s) => [s.interviewId, s.userId]).sort()).toEqual(
      [
        [withQualified, qualified.userId],
        [withQualified, reverse.userId],
      ].sort(),
    );
    expect(raw.ratings.map((r) => r.level).sort()).toEqual([3, 4]);
  });

  it("the reports list and the candidate's report count neither a shadow's submitted scorecard nor their seat", async () => {
    const candidate = (await createCandidate(recruiter, { name: "Robin Okafor", email: null, links: [] })).id;
    const base = { candidateId: candidate, kitId, timeZone: "UTC", durationMinutes: 60, leadId: qualified.userId };
    const complete = (await scheduleInterview(recruiter, { ...base, startLocal: day(8), panelistIds: [qualified.userId, shadow.userId] })).interview.id;
    const waiting = (await scheduleInterview(recruiter, { ...base, startLocal: day(9), panelistIds: [qualified.userId, shadow.userId, reverse.userId] })).interview.id;
    const qualifiedAndShadow = new Map([
      [qualified.userId, { level: 3, recommendation: "YES" as const }],
      [shadow.userId, { level: 1, recommendation: "NO" as const }],
    ]);
    await submit(complete, qualifiedAndShadow);
    // The reverse shadow has not submitted: the report waits for them, not for the shadow.
    await submit(waiting, qualifiedAndShadow);

    const owner = await makeActor(orgId, "OWNER");
    const index = await listReportIndex(owner);
    const row = (id: string) => index.interviews.find((i) => i.id === id);
    expect(row(complete)).toMatchObject({ submitted: 1, panelSize: 1, partial: false });
    expect(row(waiting)).toMatchObject({ submitted: 1, panelSize: 2, partial: true });
    // The same figures the interview's own report shows.
    expect((await getInterviewReportOrThrow(owner, { interviewId: complete })).partial).toBe(false);
    expect((await getInterviewReportOrThrow(owner, { interviewId: waiting })).partial).toBe(true);

    const byCandidate = await getCandidateReportOrThrow(owner, { candidateId: candidate });
    const line = (id: string) => byCandidate.interviews.find((i) => i.id === id);
    expect(line(complete)).toMatchObject({ submitted: 1, panelSize: 1, partial: false });
    expect(line(waiting)).toMatchObject({ submitted: 1, panelSize: 2, partial: true });
  });

  it("a reverse shadow's progress, on their own calibration page, counts only the interviews where their scorecard counted", async () => {
    const trainee = await makeActor(orgId);
    await db.interviewerPoolMember.create({ data: { organizationId: orgId, kitId, userId: trainee.userId, stage: "REVERSE_SHADOW" } });
    const base = { candidateId, kitId, timeZone: "UTC", durationMinutes: 60 };
    const schedule = async (n: number, panel: Actor[]) =>
      (await scheduleInterview(recruiter, { ...base, startLocal: day(n), leadId: panel[0]!.userId, panelistIds: panel.map((a) => a.userId) })).interview.id;
    const beside = await schedule(11, [qualified, trainee]);
    const withoutQualified = await schedule(12, [trainee, shadow]);
    const notSubmitted = await schedule(13, [qualified, trainee]);
    const yes = { level: 3, recommendation: "YES" as const };
    await submit(beside, new Map([[qualified.userId, yes], [trainee.userId, yes]]));
    await submit(withoutQualified, new Map([[trainee.userId, yes], [shadow.userId, yes]]));
    await submit(notSubmitted, new Map([[qualified.userId, yes]]));
    await db.interview.updateMany({ where: { id: { in: [beside, withoutQualified, notSubmitted] } }, data: { completedAt: new Date() } });

    const [mine] = await listPoolsOf(trainee, trainee.userId);
    expect(mine).toMatchObject({ kitId, stage: "REVERSE_SHADOW", progress: { done: 1, required: 2, ready: false } });
    expect(progressLabel(mine!.stage, mine!.progress)).toBe("1 of 2 counted interviews");
    // A shadow's progress still counts every completed interview of the kit they sat in.
    const shadowed = (await listPoolsOf(shadow, shadow.userId))[0]!;
    expect(shadowed.progress.done).toBeGreaterThanOrEqual(1);
  });
});
