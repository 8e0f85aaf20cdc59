// The debrief (issue 16): when it opens (every scorecard in, or early by a role that decides —
// marked partial), who may read it (the report's rules), its discussion points from the real
// aggregation, a candidate's whole kit loop, and anonymized review leaking no name.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { InterviewDebriefView, LoopDebriefView } from "@/components/reports/debrief-view";
import { db } from "@/lib/db/client";
import { getInterviewDebriefOrThrow, getLoopDebriefOrThrow } from "@/lib/reports/get-debrief";
import { expectAppError } from "../helpers/app-errors";
import { makeOrg } from "../helpers/factories";
import { makeReportInterview, reportActor } from "../helpers/report-factories";

const NAME = "Zofia Brzęczyszczykiewicz";

describe("interview debrief", () => {
  it("waits for every scorecard; a recruiter may open it early (marked partial), an interviewer who submitted may not", async () => {
    const f = await makeReportInterview({
      candidate: { name: NAME },
      panel: [
        { status: "SUBMITTED", recommendation: "YES", levels: [[4, 3], [3, null]], summary: "Clear on batch norm." },
        { status: "SUBMITTED", recommendation: "NO", levels: [[1, 3], [3, null]] },
        { status: "DRAFT", levels: [[0, 0], [0, 0]] },
      ],
    });
    const recruiter = await reportActor({ organizationId: f.organizationId, role: "RECRUITER" });
    const waiting = await getInterviewDebriefOrThrow(recruiter, { interviewId: f.interviewId, early: false });
    expect(waiting).toMatchObject({ state: "waiting", mayDecide: true });
    const early = await getInterviewDebriefOrThrow(recruiter, { interviewId: f.interviewId, early: true });
    expect(early.state).toBe("early");
    expect(early.points.map((p) => p.kind)).toEqual(["missing", "recommendation-split", "disagreement", "gap"]);
    expect(early.points[0]!.detail).toContain(`${f.panel[2]!.name} (draft)`);
    // The draft's zeros are not evidence: the disagreement is P1's 4 against P2's 1.
    expect(early.points[2]!.headline).toMatch(/levels 1 to 4$/);

    const interviewer = await reportActor({ organizationId: f.organizationId, userId: f.panel[0]!.userId });
    const theirs = await getInterviewDebriefOrThrow(interviewer, { interviewId: f.interviewId, early: true });
    expect(theirs).toMatchObject({ state: "waiting", mayDecide: false });
    const drafter = await reportActor({ organizationId: f.organizationId, userId: f.panel[2]!.userId });
    await expectAppError(getInterviewDebriefOrThrow(drafter, { interviewId: f.interviewId, early: true }), "FORBIDDEN");
  });

  it("opens for everyone who may read the report once every scorecard is in", async () => {
    const f = await makeReportInterview({
      panel: [
        { status: "SUBMITTED", recommendation: "YES", levels: [[3, 3], [3, 3]] },
        { status: "SUBMITTED", recommendation: "STRONG_YES", levels: [[4, 3], [2, 3]] },
      ],
    });
    for (const role of ["OWNER", "ADMIN", "RECRUITER", "REVIEWER"] as const) {
      const d = await getInterviewDebriefOrThrow(await reportActor({ organizationId: f.organizationId, role }), { interviewId: f.interviewId, early: false });
      expect(d.state).toBe("open");
      expect(d.points).toEqual([]);
      expect(d.mayDecide).toBe(role !== "REVIEWER");
    }
  });

  it("is refused for an interview that did not take place, and is a 404 across organizations", async () => {
    const cancelled = await makeReportInterview({ status: "CANCELLED", panel: [{ status: null }] });
    const owner = await reportActor({ organizationId: cancelled.organizationId, role: "OWNER" });
    expect((await expectAppError(getInterviewDebriefOrThrow(owner, { interviewId: cancelled.interviewId, early: true }), "FORBIDDEN")).message).toMatch(/did not take place/);
    const other = await reportActor({ organizationId: (await makeOrg()).id, role: "OWNER" });
    await expectAppError(getInterviewDebriefOrThrow(other, { interviewId: cancelled.interviewId, early: true }), "NOT_FOUND");
  });
});

describe("loop debrief", () => {
  it("gathers a candidate's interviews with one kit (oldest first, cancelled ones left out) and records the decision on the latest", async () => {
    const org = await makeOrg({ anonymizedReview: true });
    const kit = await db.kit.create({ data: { organizationId: org.id, name: "ML loop" } });
    const first = await makeReportInterview({
      organizationId: org.id,
      kitId: kit.id,
      kitName: "ML loop",
      title: `${NAME} — technical`,
      candidate: { name: NAME, email: "zofia@example.com" },
      panel: [{ status: "SUBMITTED", recommendation: "STRONG_YES", levels: [[4, 4], [4, 4]], summary: `${NAME} nailed it; Zofia explained variance.` }],
    });
    const second = await makeReportInterview({
      organizationId: org.id,
      candidateId: first.candidateId,
      kitId: kit.id,
      kitName: "ML loop",
      title: `${NAME} — system design`,
      panel: [
        { status: "SUBMITTED", recommendation: "NO", levels: [[1, 1], [1, 1]], notes: [{ offsetSeconds: 60, body: "Zofia stalled on LSH.", question: 0 }] },
        { status: null },
      ],
    });
    await db.interview.update({ where: { id: second.interviewId }, data: { startsAt: new Date(Date.now() - 3_600_000) } });
    await makeReportInterview({ organizationId: org.id, candidateId: first.candidateId, kitId: kit.id, kitName: "ML loop", status: "CANCELLED" });
    await makeReportInterview({ organizationId: org.id, candidateId: first.candidateId, kitName: "Another kit", panel: [{ status: "SUBMITTED" }] });

    const recruiter = await reportActor({ organizationId: org.id, role: "RECRUITER" });
    const loop = await getLoopDebriefOrThrow(recruiter, { candidateId: first.candidateId, kitId: kit.id });
    expect(loop.interviews.map((i) => i.report.interview.id)).toEqual([first.interviewId, second.interviewId]);
    expect(loop.decisionInterviewId).toBe(second.interviewId);
    expect(loop.points.map((p) => p.kind)).toEqual(["recommendation-split", "missing"]);
    expect(loop.mayDecide).toBe(true);
    // Without a kit: the kit of the latest interview the viewer may read.
    expect((await getLoopDebriefOrThrow(recruiter, { candidateId: first.candidateId })).kitId).toBe(kit.id);

    // Anonymized review: a reviewer reads the loop without the candidate's name anywhere.
    const reviewer = await reportActor({ organizationId: org.id, role: "REVIEWER" });
    const anonymous = await getLoopDebriefOrThrow(reviewer, { candidateId: first.candidateId, kitId: kit.id });
    const text = JSON.stringify(anonymous);
    for (const part of ["Zofia", "Brzęczyszczykiewicz", "zofia@example.com"]) expect(text).not.toContain(part);
    expect(anonymous.candidate.anonymized).toBe(true);
    const singleDebrief = await getInterviewDebriefOrThrow(reviewer, { interviewId: first.interviewId, early: false });
    expect(JSON.stringify(singleDebrief)).not.toContain("Zofia");
    // The pages as Next server-renders them (markup and attributes too).
    const html = [
      renderToString(createElement(LoopDebriefView, { loop: anonymous, canOpenCandidate: true })),
      renderToString(createElement(InterviewDebriefView, { debrief: singleDebrief, canOpenCandidate: true })),
    ].join("\n");
    for (const part of ["Zofia", "Brzęczyszczykiewicz", "zofia@example.com"]) expect(html).not.toContain(part);
    expect(html).toContain(anonymous.candidate.label);
    expect(html).toContain("The interviews of this loop point different ways");

    // An interviewer sees only the interviews they submitted for; none → 404.
    const panelist = await reportActor({ organizationId: org.id, userId: first.panel[0]!.userId });
    expect((await getLoopDebriefOrThrow(panelist, { candidateId: first.candidateId, kitId: kit.id })).interviews).toHaveLength(1);
    const absent = await reportActor({ organizationId: org.id, userId: second.panel[1]!.userId });
    await expectAppError(getLoopDebriefOrThrow(absent, { candidateId: first.candidateId, kitId: kit.id }), "NOT_FOUND");
    const outsider = await reportActor({ organizationId: (await makeOrg()).id, role: "OWNER" });
    await expectAppError(getLoopDebriefOrThrow(outsider, { candidateId: first.candidateId, kitId: kit.id }), "NOT_FOUND");
  });
});
