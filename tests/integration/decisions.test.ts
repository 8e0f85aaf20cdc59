// The hiring decision: recorded by a role that may decide, on an interview that took place;
// changes audited with the previous value; shown in the interview report (and its CSV), the
// candidate report and the kit comparison; anonymized review scrubs the candidate's name.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getCandidateOrThrow } from "@/lib/candidates/get-candidate";
import { db } from "@/lib/db/client";
import { recordHiringDecision } from "@/lib/decisions/record-decision";
import { decisionInputSchema } from "@/lib/decisions/schemas";
import { parseInput } from "@/lib/errors";
import { getCandidateReportOrThrow } from "@/lib/reports/get-candidate-report";
import { getInterviewReportOrThrow } from "@/lib/reports/get-interview-report";
import { renderReportCsv } from "@/lib/reports/render-report-csv";
import { expectAppError } from "../helpers/app-errors";
import { makeActor, makeRoomInterview } from "../helpers/room-factories";

const decide = async (a: Actor, id: string, input: unknown) => recordHiringDecision(a, id, parseInput(decisionInputSchema, input));

describe("hiring decision", () => {
  it("is recorded by owners, admins and recruiters with who and when, and a change keeps the previous value in the audit log", async () => {
    const f = await makeRoomInterview({ status: "COMPLETED" });
    const recruiter = await makeActor(f.organizationId, "RECRUITER");
    const admin = await makeActor(f.organizationId, "ADMIN");
    const first = await decide(recruiter, f.interviewId, { outcome: "ADVANCE", rationale: "Strong on metrics; a second technical round." });
    expect(first).toMatchObject({ outcome: "ADVANCE", rationale: "Strong on metrics; a second technical round." });
    const changed = await decide(admin, f.interviewId, { outcome: "HIRE", rationale: "The second round confirmed it." });
    expect(changed.outcome).toBe("HIRE");
    const audits = await db.auditEvent.findMany({ where: { targetId: f.interviewId, action: "interview.decision_recorded" }, orderBy: { createdAt: "asc" }, select: { actorId: true, data: true } });
    expect(audits.map((a) => a.actorId)).toEqual([recruiter.userId, admin.userId]);
    expect(audits[0]!.data).toMatchObject({ from: null, to: { outcome: "ADVANCE" } });
    expect(audits[1]!.data).toMatchObject({ from: { outcome: "ADVANCE", rationale: "Strong on metrics; a second technical round.", decidedById: recruiter.userId }, to: { outcome: "HIRE" } });

    const report = await getInterviewReportOrThrow(admin, { interviewId: f.interviewId });
    expect(report.decision).toMatchObject({ outcome: "HIRE", rationale: "The second round confirmed it.", decidedBy: expect.any(String) as string });
    expect(renderReportCsv(report)).toMatch(/,decision,.*,Hire,The second round confirmed it\./);
    const candidateId = (await db.interview.findUniqueOrThrow({ where: { id: f.interviewId }, select: { candidateId: true } })).candidateId;
    const candidateReport = await getCandidateReportOrThrow(admin, { candidateId });
    expect(candidateReport.interviews[0]!.decision).toMatchObject({ outcome: "HIRE" });
    // The candidate's own page: the outcome beside the interview.
    expect((await getCandidateOrThrow(recruiter, candidateId)).interviews[0]!.decision).toMatchObject({ outcome: "HIRE", decidedAt: expect.any(String) as string });
  });

  it("refuses roles that may not decide, interviews that did not take place, and bad input — changing nothing", async () => {
    const f = await makeRoomInterview({ status: "COMPLETED" });
    for (const role of ["INTERVIEWER", "REVIEWER"] as const) {
      await expectAppError(decide(await makeActor(f.organizationId, role), f.interviewId, { outcome: "HIRE", rationale: "Because." }), "FORBIDDEN");
    }
    const owner = await makeActor(f.organizationId, "OWNER");
    const cancelled = await makeRoomInterview({ organizationId: f.organizationId, status: "CANCELLED" });
    expect((await expectAppError(decide(owner, cancelled.interviewId, { outcome: "HIRE", rationale: "Because." }), "CONFLICT")).message).toMatch(/cancelled/);
    const upcoming = await makeRoomInterview({ organizationId: f.organizationId, startsAt: new Date(Date.now() + 86_400_000) });
    expect((await expectAppError(decide(owner, upcoming.interviewId, { outcome: "HOLD", rationale: "Wait." }), "CONFLICT")).message).toMatch(/taken place/);
    const other = await makeRoomInterview({ status: "COMPLETED" });
    await expectAppError(decide(owner, other.interviewId, { outcome: "HIRE", rationale: "Because." }), "NOT_FOUND");
    for (const bad of [{ outcome: "MAYBE", rationale: "x" }, { outcome: "HIRE", rationale: "  " }, { outcome: "HIRE" }, { outcome: "HIRE", rationale: "x".repeat(5_001) }]) {
      await expectAppError(decide(owner, f.interviewId, bad), "VALIDATION");
    }
    expect(await db.hiringDecision.count({ where: { interviewId: { in: [f.interviewId, cancelled.interviewId, upcoming.interviewId, other.interviewId] } } })).toBe(0);
  });

  it("scrubs the candidate's name from the rationale in anonymized review", async () => {
    const f = await makeRoomInterview({ status: "COMPLETED" });
    await db.organization.update({ where: { id: f.organizationId }, data: { anonymizedReview: true } });
    const { candidateId } = await db.interview.findUniqueOrThrow({ where: { id: f.interviewId }, select: { candidateId: true } });
    const interview = { candidate: await db.candidate.update({ where: { id: candidateId }, data: { name: "Dana Whitfield" }, select: { id: true, name: true } }) };
    await decide(await makeActor(f.organizationId, "OWNER"), f.interviewId, { outcome: "NO_HIRE", rationale: `${interview.candidate.name} struggled with the metrics question.` });
    const reviewer = await makeActor(f.organizationId, "REVIEWER");
    const report = await getInterviewReportOrThrow(reviewer, { interviewId: f.interviewId });
    expect(report.decision?.rationale).not.toContain(interview.candidate.name);
    expect(report.decision?.rationale).toMatch(/^Candidate \w+ struggled/);
    const candidateReport = await getCandidateReportOrThrow(reviewer, { candidateId: interview.candidate.id });
    expect(candidateReport.interviews[0]!.decision?.rationale).not.toContain(interview.candidate.name);
  });
});
