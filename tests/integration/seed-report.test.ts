// The demo seed's completed interview, as the reviewer sees its report: both scorecards in,
// disagreement flagged, one criterion nobody assessed, notes on the timeline — created once.
import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { getInterviewReportOrThrow } from "@/lib/reports/get-interview-report";
import { renderReportCsv } from "@/lib/reports/render-report-csv";
import { DEMO_COMPLETED_INTERVIEW, seedDemoData } from "@/lib/seed/demo";

describe("demo seed: Sam Rivera's completed interview", () => {
  it("is created once, with two submitted scorecards that disagree, and reads as a full report", async () => {
    await seedDemoData();
    await seedDemoData();
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
