// When the interview page offers "View report": the same rule the report services enforce.
import { describe, expect, it } from "vitest";
import { canOpenInterviewReport } from "@/lib/reports/report-access";

const panel = [
  { userId: "ivy", scorecard: "SUBMITTED" },
  { userId: "ian", scorecard: "DRAFT" },
  { userId: "pat", scorecard: "NONE" },
];

describe("canOpenInterviewReport", () => {
  it("offers the report to reports.read roles, and to interviewers once their own scorecard is submitted", () => {
    for (const role of ["OWNER", "ADMIN", "RECRUITER", "REVIEWER"] as const) expect(canOpenInterviewReport({ userId: "x", role }, panel)).toBe(true);
    expect(canOpenInterviewReport({ userId: "ivy", role: "INTERVIEWER" }, panel)).toBe(true);
    expect(canOpenInterviewReport({ userId: "ian", role: "INTERVIEWER" }, panel)).toBe(false);
    expect(canOpenInterviewReport({ userId: "pat", role: "INTERVIEWER" }, panel)).toBe(false);
    expect(canOpenInterviewReport({ userId: "zoe", role: "INTERVIEWER" }, panel)).toBe(false);
  });
});
