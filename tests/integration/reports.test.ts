// Reports over the real services, route handlers and database: the numbers of a real panel,
// the PDF parsed back, the CSV, anonymized review leaking nothing personal, tenant 404s, the
// interviewer-after-submitting rule, reviewers only on completed interviews, empty reports,
// the candidate report and kit comparison.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { NextRequest } from "next/server";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { makeOrg } from "../helpers/factories";
import { makeReportInterview, reportActor, type ReportInterviewFixture } from "../helpers/report-factories";
import { session } from "../helpers/fixed-session";
import { rejection } from "../helpers/app-errors";

vi.mock("@/lib/auth/actor", async (importOriginal) => (await import("../helpers/fixed-session")).withFixedSession(importOriginal));

const { InterviewReportView } = await import("@/components/reports/interview-report-view");
const { CandidateReportView } = await import("@/components/reports/candidate-report-view");
const { getInterviewReportOrThrow } = await import("@/lib/reports/get-interview-report");
const { getCandidateReportOrThrow } = await import("@/lib/reports/get-candidate-report");
const { compareKitCandidates } = await import("@/lib/reports/compare-kit-candidates");
const { setAnonymizedReview } = await import("@/lib/reports/set-anonymized-review");
const { renderReportPdf } = await import("@/lib/reports/render-report-pdf");
const { listReportIndex } = await import("@/lib/reports/list-report-index");
const reportRoute = await import("@/app/api/reports/interviews/[id]/route");
const pdfRoute = await import("@/app/api/reports/interviews/[id]/pdf/route");
const csvRoute = await import("@/app/api/reports/interviews/[id]/csv/route");
const candidateRoute = await import("@/app/api/reports/candidates/[id]/route");
const comparisonRoute = await import("@/app/api/reports/kits/[id]/comparison/route");
const anonymizedRoute = await import("@/app/api/reports/anonymized-review/route");

const STANDARD_FONTS = `${dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"))}/standard_fonts/`;
const get = (url: string) => new NextRequest(new URL(url, "http://localhost"));
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number; width: number; height: number }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const content = await page.getTextContent();
    parts.push(content.items.map((it) => ("str" in it ? it.str : "")).join(" "));
  }
  const first = await pdf.getPage(1);
  const [, , width, height] = first.view as [number, number, number, number];
  return { text: parts.join("\n"), pages: pdf.numPages, width, height };
}

const CANDIDATE = { name: "Dana Whitfield", email: "dana.whitfield@example.com", links: ["https://github.com/dana-w"] };
let fx: ReportInterviewFixture;
let reviewer: Actor;

beforeAll(async () => {
  const org = await makeOrg({ name: "Reports Org" });
  fx = await makeReportInterview({
    organizationId: org.id,
    candidate: CANDIDATE,
    title: "Dana Whitfield — ML onsite",
    attributes: ["Communication"],
    panel: [
      {
        name: "Ivy Panel",
        status: "SUBMITTED",
        recommendation: "STRONG_YES",
        summary: "Dana was excellent; see https://github.com/dana-w for her repo.",
        levels: [
          [4, 3],
          [3, null],
        ],
        attributes: { Communication: 4 },
        notes: [
          { offsetSeconds: 600, body: "Dana derived the BN backward pass", question: 0 },
          { offsetSeconds: 30, body: "Intro, mail dana.whitfield@example.com" },
          { offsetSeconds: 700, body: "deleted note", deleted: true },
        ],
      },
      {
        name: "Ian Panel",
        status: "SUBMITTED",
        recommendation: "NO",
        levels: [
          [1, 3],
          [2, null],
        ],
        attributes: { Communication: 2 },
        notes: [{ offsetSeconds: 1200, body: "Whitfield hesitated on remedies", question: 1 }],
      },
      { name: "Pat Draft", status: "DRAFT", levels: [[0, 0]], notes: [{ offsetSeconds: 10, body: "draft note must not show" }] },
    ],
    labRuns: [
      {
        lab: "bias-variance",
        output: { lab: "bias-variance", backend: "cpu", noiseVariance: 0.25, bestDegree: 3, degrees: [{ degree: 3, trainMse: 0.2, validationMse: 0.31, fit: "good" }], train: [], curves: [] },
      },
    ],
  });
  reviewer = await reportActor({ organizationId: org.id, role: "REVIEWER" });
});

describe("interview report", () => {
  it("puts each panelist's levels side by side with weighted scores, coverage, tally and flags", async () => {
    const r = await getInterviewReportOrThrow(reviewer, { interviewId: fx.interviewId });
    expect(r.partial).toBe(true);
    expect(r.panelists.map((p) => [p.name, p.status])).toEqual([
      ["Ivy Panel", "SUBMITTED"],
      ["Ian Panel", "SUBMITTED"],
      ["Pat Draft", "DRAFT"],
    ]);
    const [q1, q2] = r.questions;
    // Ivy Q1: (2·4 + 1·3)/3 = 3.667; Ian Q1: (2·1 + 3)/3 = 1.667 → panel 2.667
    expect(q1!.perPanelist.map((s) => s.score)).toEqual([expect.closeTo(11 / 3, 6), expect.closeTo(5 / 3, 6)]);
    expect(q1!.score).toBeCloseTo(8 / 3);
    // Q2 "remedies" was assessed by nobody: excluded, not zero. Ivy 3, Ian 2 → 2.5
    expect(q2!.score).toBeCloseTo(2.5);
    expect(q2!.criteria[1]).toMatchObject({ key: "remedies", assessedBy: 0, mean: null });
    expect(r.coverage).toMatchObject({ assessed: 3, total: 4, unassessed: [{ criterionKey: "remedies" }] });
    // Overall: Ivy (11/3 + 3)/2 = 3.333, Ian (5/3 + 2)/2 = 1.833 → 2.583, spread 1.5
    expect(r.overall.score).toBeCloseTo((10 / 3 + 11 / 6) / 2);
    expect(r.overall.spread).toBeCloseTo(1.5);
    expect(r.recommendations).toEqual({ STRONG_NO: 0, NO: 1, YES: 0, STRONG_YES: 1, NO_DECISION: 0, NONE: 0 });
    expect(r.disagreements.map((d) => [d.criterionKey, d.low, d.high])).toEqual([["concept", 1, 4]]);
    expect(r.attributes).toEqual([{ attribute: "Communication", scores: [expect.objectContaining({ level: 4 }), expect.objectContaining({ level: 2 })] }]);
    // Notes of submitted scorecards only, live ones, on a timeline.
    expect(r.notes.map((n) => [n.offsetSeconds, n.panelistName])).toEqual([
      [30, "Ivy Panel"],
      [600, "Ivy Panel"],
      [1200, "Ian Panel"],
    ]);
    expect(r.notes[1]!.questionTitle).toBe("Batch normalization");
    expect(r.labRuns).toEqual([
      expect.objectContaining({ lab: "bias-variance", title: "Bias and variance", summary: expect.arrayContaining([{ label: "Best polynomial degree", value: "3" }]) }),
    ]);
    expect(r.candidate).toMatchObject({ name: CANDIDATE.name, email: CANDIDATE.email, anonymized: false });
  });

  it("the PDF, parsed back, is text with the candidate's totals, on A4 or Letter", async () => {
    session.actor = reviewer;
    const res = await pdfRoute.GET(get(`/api/reports/interviews/${fx.interviewId}/pdf`), ctx({ id: fx.interviewId }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="report-dana-whitfield-\d{4}-\d{2}-\d{2}\.pdf"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe("%PDF-");
    const { text, width, height } = await pdfText(bytes);
    expect(Math.round(width)).toBe(595);
    expect(Math.round(height)).toBe(842);
    expect(text).toContain("Dana Whitfield");
    expect(text).toContain("Overall score: 2.6 on the 0–4 scale");
    expect(text).toContain("spread between panelists 1.5");
    expect(text).toContain("PARTIAL: 2 of 3 scorecards submitted");
    expect(text).toContain("1 of 2 criteria assessed"); // Q2's coverage
    expect(text).toContain("not assessed");
    expect(text).toMatch(/Batch normalization \/ Criterion concept: levels 1 to 4/);
    expect(text).toContain("Best polynomial degree");
    expect(text).not.toContain("draft note must not show");

    const letter = await pdfRoute.GET(get(`/api/reports/interviews/${fx.interviewId}/pdf?paper=letter`), ctx({ id: fx.interviewId }));
    const l = await pdfText(new Uint8Array(await letter.arrayBuffer()));
    expect([Math.round(l.width), Math.round(l.height)]).toEqual([612, 792]);
    const bad = await pdfRoute.GET(get(`/api/reports/interviews/${fx.interviewId}/pdf?paper=a3`), ctx({ id: fx.interviewId }));
    expect(bad.status).toBe(400);
  });

  it("the CSV holds every score, unassessed ones empty and named so", async () => {
    session.actor = reviewer;
    const res = await csvRoute.GET(get(`/api/reports/interviews/${fx.interviewId}/csv`), ctx({ id: fx.interviewId }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const csv = await res.text();
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe(
      "interview_id,candidate,kind,question_no,question,criterion_key,criterion,weight,panelist,scorecard,level,assessed,question_scale,score_on_org_scale,org_scale,recommendation,text,offset_seconds,count",
    );
    expect(lines.every((l) => l.split(",").length >= 19)).toBe(true);
    // 2 submitted panelists × 4 criteria
    expect(lines.filter((l) => l.split(",")[2] === "criterion")).toHaveLength(8);
    expect(lines).toContain(`${fx.interviewId},Dana Whitfield,criterion,2,Bias and variance,remedies,Criterion remedies,1,Ivy Panel,submitted,,not assessed,0-4,,0-4,,,,`);
    expect(lines.some((l) => l.startsWith(`${fx.interviewId},Dana Whitfield,overall_panel,`) && l.includes(",partial,") && l.includes(",2.58,"))).toBe(true);
    expect(lines.some((l) => l.includes("pending_scorecard") && l.includes("Pat Draft,draft"))).toBe(true);
  });

  it("the CSV holds the panel's verdict: recommendations, summaries, the tally, attributes and notes", async () => {
    const org = await makeOrg();
    const v = await makeReportInterview({
      organizationId: org.id,
      attributes: ["Communication"],
      panel: [
        { name: "Ivy Verdict", status: "SUBMITTED", levels: [[3]], recommendation: "STRONG_YES", summary: "Clear, careful reasoning.\nWould hire.", attributes: { Communication: 4 }, notes: [{ offsetSeconds: 95, body: "Derived the BN transform, unprompted", question: 0 }] },
        { name: "Ian Verdict", status: "SUBMITTED", levels: [[2]], recommendation: null, summary: "" },
      ],
    });
    session.actor = await reportActor({ organizationId: org.id, role: "RECRUITER" });
    const csv = await (await csvRoute.GET(get(`/x`), ctx({ id: v.interviewId }))).text();
    const rows = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(csv).toContain(`,verdict,,,,,,Ivy Verdict,submitted,,,,,0-4,Strong yes,"Clear, careful reasoning.\nWould hire.",,`);
    expect(rows.some((l) => l.includes(",verdict,") && l.includes("Ian Verdict") && l.includes(",none given,"))).toBe(true);
    expect(rows.some((l) => l.includes(",recommendation_tally,") && l.includes(",Strong yes,,,1"))).toBe(true);
    expect(rows.some((l) => l.includes(",recommendation_tally,") && l.includes(",none given,,,1"))).toBe(true);
    expect(rows.some((l) => l.includes(",attribute,") && l.includes("Communication") && l.includes("Ivy Verdict,submitted,4,"))).toBe(true);
    expect(csv).toMatch(/,note,1,[^\r\n]*Ivy Verdict,submitted,,,,,0-4,,"Derived the BN transform, unprompted",95,/);
  });

  it("neutralizes formula-leading text from the data in the CSV", async () => {
    const org = await makeOrg();
    const evil = await makeReportInterview({
      organizationId: org.id,
      candidate: { name: "=HYPERLINK(\"http://evil\",\"x\")" },
      questions: [{ title: "+cmd|' /C calc'!A0", criteria: [{ key: "@k" }] }],
      panel: [{ name: "-2+3", status: "SUBMITTED", levels: [[2]], summary: "=SUM(A1:A9)", notes: [{ offsetSeconds: 1, body: "@evil", question: 0 }] }],
    });
    session.actor = await reportActor({ organizationId: org.id, role: "RECRUITER" });
    const csv = await (await csvRoute.GET(get(`/x`), ctx({ id: evil.interviewId }))).text();
    const cells = csv.replace(/^\uFEFF/, "").split(/,|\r\n/).map((c) => c.replace(/^"/, ""));
    expect(cells.some((c) => /^[=+\-@]/.test(c))).toBe(false);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv).toContain(`'+cmd|' /C calc'!A0`);
    expect(csv).toContain(`'-2+3`);
    expect(csv).toContain(`'=SUM(A1:A9)`);
    expect(csv).toContain(`'@evil`);
  });

  it("prints names in every script as written: Latin with diacritics, Polish, Chinese, Korean, Cyrillic, Arabic, Hebrew; the file name keeps them too", async () => {
    const org = await makeOrg();
    const names = { candidate: "Zoë Łukasiewicz-Åström 李雷", ru: "Иван Петров", ar: "محمد علي", he: "דוד כהן", ko: "김민준" };
    const f = await makeReportInterview({
      organizationId: org.id,
      candidate: { name: names.candidate },
      panel: [
        { name: names.ru, status: "SUBMITTED", levels: [[3, 2]], recommendation: "YES", summary: "Хорошо объясняет. 很好。" },
        { name: names.ar, status: "SUBMITTED", levels: [[2, 2]], notes: [{ offsetSeconds: 60, body: "שאלה טובה", question: 0 }] },
        { name: names.he, status: "SUBMITTED", levels: [[1, 3]] },
        { name: names.ko, status: "SUBMITTED", levels: [[2, 3]], summary: "설명이 명확합니다." },
      ],
    });
    session.actor = await reportActor({ organizationId: org.id, role: "RECRUITER" });
    const res = await pdfRoute.GET(get("/x"), ctx({ id: f.interviewId }));
    expect(res.status).toBe(200);
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="report-zoe-lukasiewicz-astrom-\d{4}-\d{2}-\d{2}\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^report-zoë-łukasiewicz-åström-李雷-\d{4}-\d{2}-\d{2}\.pdf$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const { text } = await pdfText(bytes);
    const squash = (s: string) => s.replace(/\s+/g, "");
    for (const n of [names.candidate, names.ru, "Хорошо объясняет", "很好", names.ko, "설명이 명확합니다"]) expect(squash(text), n).toContain(squash(n));
    // Right-to-left names: extracted in reading order (pdf.js reorders by bidi), or at worst as glyphs in visual order.
    // Right-to-left names are drawn right to left (fontkit shapes and orders each run); pdf.js
    // gives their words back in visual order, so each word is looked for on its own.
    const plain = squash(text.replace(/\p{Cc}/gu, ""));
    for (const n of [names.ar, names.he, "שאלה טובה"]) for (const word of n.split(" ")) expect(plain, `${word} (of ${n})`).toContain(word);
    expect(text).not.toContain("??");
    // Subset fonts keep the file small even with a CJK name.
    expect(bytes.length).toBeLessThan(400_000);
    const pdf = Buffer.from(bytes).toString("latin1");
    expect(pdf).toMatch(/\/FontFile2/); // embedded TrueType fonts
  });

  it("an interview with no scores is a clear empty report, in JSON, PDF and CSV", async () => {
    const org = await makeOrg();
    const empty = await makeReportInterview({ organizationId: org.id, status: "SCHEDULED", panel: [{ status: null }, { status: null }] });
    session.actor = await reportActor({ organizationId: org.id, role: "OWNER" });
    const res = await reportRoute.GET(get("/x"), ctx({ id: empty.interviewId }));
    expect(res.status).toBe(200);
    expect(res.headers.get("server-timing")).toMatch(/^report;dur=\d/);
    const { report } = (await res.json()) as { report: { empty: boolean; partial: boolean; overall: { score: null } } };
    expect(report).toMatchObject({ empty: true, partial: true, overall: { score: null } });
    const pdf = await pdfRoute.GET(get("/x"), ctx({ id: empty.interviewId }));
    expect(pdf.status).toBe(200);
    const { text } = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain("No scores yet");
    expect(text).toContain("Overall score: — on the 0–4 scale");
    const csv = await csvRoute.GET(get("/x"), ctx({ id: empty.interviewId }));
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain("overall_panel");
  });
});

describe("who may read reports", () => {
  it("another organization's interview, and an unknown id, are 404s everywhere", async () => {
    const other = await reportActor({ organizationId: (await makeOrg()).id, role: "OWNER" });
    session.actor = other;
    for (const route of [reportRoute, pdfRoute, csvRoute]) {
      expect((await route.GET(get("/x"), ctx({ id: fx.interviewId }))).status).toBe(404);
      expect((await route.GET(get("/x"), ctx({ id: "does-not-exist" }))).status).toBe(404);
    }
    expect((await candidateRoute.GET(get("/x"), ctx({ id: fx.candidateId }))).status).toBe(404);
    const kit = await db.kit.create({ data: { organizationId: fx.organizationId, name: "Their kit" } });
    expect((await comparisonRoute.GET(get("/x"), ctx({ id: kit.id }))).status).toBe(404);
    session.actor = null;
    expect((await reportRoute.GET(get("/x"), ctx({ id: fx.interviewId }))).status).toBe(401);
  });

  it("an interviewer reads the report only after submitting their own scorecard", async () => {
    const org = await makeOrg();
    const f = await makeReportInterview({
      organizationId: org.id,
      panel: [
        { status: "SUBMITTED", levels: [[3, 3]] },
        { status: "DRAFT", levels: [[1, 1]] },
        { status: null },
      ],
    });
    const submitted = await reportActor({ organizationId: org.id, userId: f.panel[0]!.userId });
    const drafting = await reportActor({ organizationId: org.id, userId: f.panel[1]!.userId });
    const notStarted = await reportActor({ organizationId: org.id, userId: f.panel[2]!.userId });
    const outsider = await reportActor({ organizationId: org.id, role: "INTERVIEWER" });

    expect((await getInterviewReportOrThrow(submitted, { interviewId: f.interviewId })).overall.score).toBeCloseTo(3);
    expect((await rejection(getInterviewReportOrThrow(drafting, { interviewId: f.interviewId }))).code).toBe("FORBIDDEN");
    expect((await rejection(getInterviewReportOrThrow(notStarted, { interviewId: f.interviewId }))).code).toBe("FORBIDDEN");
    expect((await rejection(getInterviewReportOrThrow(outsider, { interviewId: f.interviewId }))).code).toBe("NOT_FOUND");

    session.actor = drafting;
    const res = await pdfRoute.GET(get("/x"), ctx({ id: f.interviewId }));
    expect(res.status).toBe(403);
    // Once submitted, it opens.
    await db.scorecard.update({ where: { id: f.panel[1]!.scorecardId! }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    expect((await pdfRoute.GET(get("/x"), ctx({ id: f.interviewId }))).status).toBe(200);

    // Across interviews, interviewers see only those they submitted; comparisons not at all.
    expect((await getCandidateReportOrThrow(submitted, { candidateId: f.candidateId })).interviews).toHaveLength(1);
    expect((await rejection(getCandidateReportOrThrow(notStarted, { candidateId: f.candidateId }))).code).toBe("NOT_FOUND");
    expect((await rejection(compareKitCandidates(submitted, { kitId: "any" }))).code).toBe("FORBIDDEN");
    expect((await listReportIndex(notStarted)).interviews).toEqual([]);
    expect((await listReportIndex(submitted)).interviews.map((i) => i.id)).toEqual([f.interviewId]);
  });
});

describe("reviewers and unfinished interviews", () => {
  it("reviewers read reports of completed interviews only: others are refused with the reason, unknown ids are 404s; owners read all", async () => {
    const org = await makeOrg();
    const kit = await db.kit.create({ data: { organizationId: org.id, name: "Loop kit" } });
    const finished = await makeReportInterview({ organizationId: org.id, kitId: kit.id, status: "COMPLETED", panel: [{ status: "SUBMITTED", levels: [[3, 3]] }] });
    const running = await makeReportInterview({
      organizationId: org.id,
      kitId: kit.id,
      candidateId: finished.candidateId,
      status: "IN_PROGRESS",
      panel: [{ status: "SUBMITTED", levels: [[1, 1]] }, { status: "DRAFT" }],
    });
    const other = await makeReportInterview({ organizationId: org.id, kitId: kit.id, status: "IN_PROGRESS", panel: [{ status: "SUBMITTED", levels: [[2, 2]] }] });
    const rev = await reportActor({ organizationId: org.id, role: "REVIEWER" });
    const owner = await reportActor({ organizationId: org.id, role: "OWNER" });

    expect((await getInterviewReportOrThrow(rev, { interviewId: finished.interviewId })).overall.score).toBeCloseTo(3);
    const refused = await rejection(getInterviewReportOrThrow(rev, { interviewId: running.interviewId }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toMatch(/available once the interview is completed/);
    // The reason says nothing about the interview beyond its being unfinished.
    expect(refused.message).not.toMatch(new RegExp(running.interviewId));
    expect((await rejection(getInterviewReportOrThrow(rev, { interviewId: "no-such-interview" }))).code).toBe("NOT_FOUND");
    // Another organization's unfinished interview stays a plain 404.
    const otherOrg = await makeOrg();
    const otherKit = await db.kit.create({ data: { organizationId: otherOrg.id, name: "Other kit" } });
    const elsewhere = await makeReportInterview({ organizationId: otherOrg.id, kitId: otherKit.id, status: "IN_PROGRESS", panel: [{ status: "DRAFT" }] });
    expect((await rejection(getInterviewReportOrThrow(rev, { interviewId: elsewhere.interviewId }))).code).toBe("NOT_FOUND");
    session.actor = rev;
    for (const route of [reportRoute, pdfRoute, csvRoute]) expect((await route.GET(get("/x"), ctx({ id: running.interviewId }))).status).toBe(403);
    // Across interviews: the candidate report, the comparison and the index leave them out.
    expect((await getCandidateReportOrThrow(rev, { candidateId: finished.candidateId })).interviews.map((i) => i.id)).toEqual([finished.interviewId]);
    expect((await getCandidateReportOrThrow(rev, { candidateId: other.candidateId })).interviews).toEqual([]);
    expect((await compareKitCandidates(rev, { kitId: kit.id })).rows.flatMap((r) => r.interviews.map((i) => i.id))).toEqual([finished.interviewId]);
    const index = await listReportIndex(rev);
    expect(index.interviews.map((i) => i.id)).toEqual([finished.interviewId]);
    expect(index.kits).toEqual([{ id: kit.id, name: "Loop kit", interviews: 1 }]);

    expect((await getInterviewReportOrThrow(owner, { interviewId: running.interviewId })).partial).toBe(true);
    expect((await getCandidateReportOrThrow(owner, { candidateId: finished.candidateId })).interviews).toHaveLength(2);
    expect((await compareKitCandidates(owner, { kitId: kit.id })).rows).toHaveLength(2);
    expect((await listReportIndex(owner)).kits).toEqual([{ id: kit.id, name: "Loop kit", interviews: 3 }]);
  });
});

describe("anonymized review", () => {
  it("reviewers see no name, email or links in page data, PDF or CSV; owners still do", async () => {
    const org = await makeOrg();
    const person = { name: "Marisol Quintero", email: "marisol.q@example.org", links: ["https://linkedin.com/in/marisol-q", "https://marisol.dev"] };
    const f = await makeReportInterview({
      organizationId: org.id,
      candidate: person,
      title: "Marisol Quintero — Backend loop",
      panel: [
        { status: "SUBMITTED", recommendation: "YES", summary: "Marisol knows her stuff (marisol.q@example.org).", levels: [[4, 2], [1, 1]], notes: [{ offsetSeconds: 60, body: "quintero mentioned https://marisol.dev" }] },
        { status: "SUBMITTED", recommendation: "NO", levels: [[1, 2], [1, 1]] },
      ],
    });
    const owner = await reportActor({ organizationId: org.id, role: "OWNER" });
    const rev = await reportActor({ organizationId: org.id, role: "REVIEWER" });

    // Only owners/admins toggle it, through the route.
    session.actor = rev;
    const denied = await anonymizedRoute.PUT(new NextRequest("http://localhost/x", { method: "PUT", body: JSON.stringify({ anonymizedReview: true }) }), ctx({}));
    expect(denied.status).toBe(403);
    session.actor = owner;
    const on = await anonymizedRoute.PUT(new NextRequest("http://localhost/x", { method: "PUT", body: JSON.stringify({ anonymizedReview: true }) }), ctx({}));
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({ anonymizedReview: true });
    expect(await db.auditEvent.count({ where: { organizationId: org.id, action: "organization.anonymized_review_changed" } })).toBe(1);

    const leaks = (s: string) => {
      const lower = s.toLowerCase();
      return ["marisol", "quintero", "example.org", "linkedin.com/in/marisol-q", "marisol.dev"].filter((w) => lower.includes(w));
    };
    session.actor = rev;
    const json = await (await reportRoute.GET(get("/x"), ctx({ id: f.interviewId }))).text();
    expect(leaks(json)).toEqual([]);
    const parsed = JSON.parse(json) as { report: { candidate: { label: string; anonymized: boolean }; disagreements: unknown[] } };
    expect(parsed.report.candidate.anonymized).toBe(true);
    expect(parsed.report.candidate.label).toMatch(/^Candidate [0-9A-Z]{6}$/);
    expect(parsed.report.disagreements).toHaveLength(1); // the numbers are all still there

    const pdfRes = await pdfRoute.GET(get("/x"), ctx({ id: f.interviewId }));
    expect(leaks(pdfRes.headers.get("content-disposition") ?? "")).toEqual([]);
    const pdfBytes = new Uint8Array(await pdfRes.arrayBuffer());
    const { text } = await pdfText(pdfBytes);
    expect(leaks(text)).toEqual([]);
    expect(text).toContain(parsed.report.candidate.label);
    // Not in the raw bytes either (metadata, uncompressed strings).
    expect(leaks(Buffer.from(pdfBytes).toString("latin1"))).toEqual([]);

    const csvRes = await csvRoute.GET(get("/x"), ctx({ id: f.interviewId }));
    expect(leaks(csvRes.headers.get("content-disposition") ?? "")).toEqual([]);
    expect(leaks(await csvRes.text())).toEqual([]);

    const candidateJson = await (await candidateRoute.GET(get("/x"), ctx({ id: f.candidateId }))).text();
    expect(leaks(candidateJson)).toEqual([]);
    // The pages as Next server-renders them (markup and attributes, not just visible text).
    const pageHtml = renderToString(createElement(InterviewReportView, { report: parsed.report as never, canOpenCandidate: false })).replace(/<!-- -->/g, "");
    expect(pageHtml).toContain(parsed.report.candidate.label);
    expect(pageHtml).toContain("Disagreement: 3 levels apart");
    expect(leaks(pageHtml)).toEqual([]);
    const candidatePage = renderToString(createElement(CandidateReportView, { report: await getCandidateReportOrThrow(rev, { candidateId: f.candidateId }) }));
    expect(leaks(candidatePage)).toEqual([]);
    expect(leaks(JSON.stringify(await listReportIndex(rev)))).toEqual([]);

    // Owners keep seeing who it is.
    const ownerView = await getInterviewReportOrThrow(owner, { interviewId: f.interviewId });
    expect(ownerView.candidate).toMatchObject({ name: person.name, email: person.email, links: person.links, anonymized: false });
    await setAnonymizedReview(owner, { anonymizedReview: false });
    expect((await getInterviewReportOrThrow(rev, { interviewId: f.interviewId })).candidate.name).toBe(person.name);
  });
});

describe("across interviews", () => {
  it("the candidate report lists every interview with its score; the kit comparison sorts by score with the panel spread", async () => {
    const org = await makeOrg();
    const kit = await db.kit.create({ data: { organizationId: org.id, name: "Onsite kit" } });
    const strong = await makeReportInterview({
      organizationId: org.id,
      kitId: kit.id,
      candidate: { name: "Strong Sam" },
      panel: [
        { status: "SUBMITTED", recommendation: "STRONG_YES", levels: [[4, 4], [4, 4]] },
        { status: "SUBMITTED", recommendation: "YES", levels: [[3, 3], [3, 3]] },
      ],
    });
    await makeReportInterview({
      organizationId: org.id,
      kitId: kit.id,
      candidateId: strong.candidateId,
      panel: [{ status: "SUBMITTED", levels: [[2, 2], [2, 2]] }],
    });
    await makeReportInterview({
      organizationId: org.id,
      kitId: kit.id,
      candidate: { name: "Weak Wes" },
      panel: [
        { status: "SUBMITTED", recommendation: "NO", levels: [[1, 1], [1, 1]] },
        { status: "DRAFT", levels: [[4, 4], [4, 4]] },
      ],
    });
    await makeReportInterview({ organizationId: org.id, kitId: kit.id, candidate: { name: "Cancelled Cat" }, status: "CANCELLED", panel: [{ status: null }] });
    const recruiter = await reportActor({ organizationId: org.id, role: "RECRUITER" });

    const candidate = await getCandidateReportOrThrow(recruiter, { candidateId: strong.candidateId });
    expect(candidate.interviews).toHaveLength(2);
    expect(candidate.interviews.map((i) => i.score).sort()).toEqual([2, 3.5]);
    expect(candidate.score).toBeCloseTo(2.75);

    session.actor = recruiter;
    const res = await comparisonRoute.GET(get("/x"), ctx({ id: kit.id }));
    expect(res.status).toBe(200);
    const { comparison } = (await res.json()) as { comparison: { rows: { candidate: { label: string }; score: number; spread: number | null; partial: boolean; panelists: number }[] } };
    expect(comparison.rows.map((r) => r.candidate.label)).toEqual(["Strong Sam", "Weak Wes"]);
    expect(comparison.rows[0]).toMatchObject({ score: 3, spread: 2, partial: false, panelists: 3 });
    expect(comparison.rows[1]).toMatchObject({ score: 1, spread: null, partial: true, panelists: 1 });
  });
});

describe("PDF at scale", () => {
  it("lays out a 5 × 12 × 5 panel over several pages with every question", async () => {
    const org = await makeOrg();
    const questions = Array.from({ length: 12 }, (_, i) => ({ title: `Question number ${i + 1}`, criteria: Array.from({ length: 5 }, (_, c) => ({ key: `k${c}`, weight: c + 1 })) }));
    const f = await makeReportInterview({
      organizationId: org.id,
      questions,
      panel: Array.from({ length: 5 }, (_, p) => ({ status: "SUBMITTED" as const, levels: questions.map((_, q) => Array.from({ length: 5 }, (_, c) => ((p + q + c) % 6 === 5 ? null : (p + q + c) % 5))) })),
    });
    const owner = await reportActor({ organizationId: org.id, role: "OWNER" });
    const report = await getInterviewReportOrThrow(owner, { interviewId: f.interviewId });
    const { text, pages } = await pdfText(new Uint8Array(await renderReportPdf(report, { paper: "a4" })));
    expect(pages).toBeGreaterThan(1);
    for (let i = 1; i <= 12; i++) expect(text).toContain(`Q${i}. Question number ${i}`);
    expect(text).toContain(`page ${pages} of ${pages}`);
  });
});
