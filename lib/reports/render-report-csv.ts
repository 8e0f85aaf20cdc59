// Pure: an interview report as CSV (RFC 4180, CRLF, UTF-8 with BOM so spreadsheets pick the
// encoding). One row per panelist × criterion — unassessed ones with an empty level and "not
// assessed" — then each panelist's question and overall scores, overall attributes, each
// panelist's verdict (overall recommendation and summary), the panel's recommendation tally,
// the hiring decision, and the timestamped notes. Text cells that a spreadsheet would run as a formula are
// neutralized.
import { fold } from "@/lib/search/text";
import { DECISION_LABELS } from "@/lib/decisions/schemas";
import { RECOMMENDATIONS, RECOMMENDATION_LABELS, type InterviewReport } from "./types";

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

/** One CSV cell: quoted when needed; text starting like a formula is prefixed with '. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let s = value;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const round2 = (v: number) => Number(v.toFixed(2));

export const CSV_HEADER = [
  "interview_id",
  "candidate",
  "kind",
  "question_no",
  "question",
  "criterion_key",
  "criterion",
  "weight",
  "panelist",
  "scorecard",
  "level",
  "assessed",
  "question_scale",
  "score_on_org_scale",
  "org_scale",
  "recommendation",
  "text",
  "offset_seconds",
  "count",
] as const;

export function renderReportCsv(report: InterviewReport): string {
  const orgScale = `${report.scale.min}-${report.scale.max}`;
  const name = new Map(report.panelists.map((p) => [p.id, p.name]));
  const rows: (string | number | null)[][] = [[...CSV_HEADER]];
  const tail = (r: (string | number | null)[]) => [...r, ...Array<null>(CSV_HEADER.length - r.length).fill(null)];
  const base = (kind: string) => [report.interview.id, report.candidate.label, kind];
  for (const q of report.questions) {
    const qScale = `${q.scale.min}-${q.scale.max}`;
    for (const c of q.criteria) {
      for (const s of c.scores) {
        rows.push([...base("criterion"), q.position + 1, q.title, c.key, c.title, c.weight, name.get(s.panelistId) ?? "", "submitted", s.level, s.level === null ? "not assessed" : "yes", qScale, null, orgScale]);
      }
    }
    for (const s of q.perPanelist) {
      rows.push([...base("question_score"), q.position + 1, q.title, null, null, null, name.get(s.panelistId) ?? "", "submitted", null, s.score === null ? "not assessed" : "yes", qScale, s.score === null ? null : round2(s.score), orgScale]);
    }
    rows.push([...base("question_score_panel"), q.position + 1, q.title, null, null, null, "Panel", null, null, q.score === null ? "not assessed" : "yes", qScale, q.score === null ? null : round2(q.score), orgScale]);
  }
  for (const s of report.overall.perPanelist) {
    rows.push([...base("overall"), null, null, null, null, null, name.get(s.panelistId) ?? "", "submitted", null, s.score === null ? "not assessed" : "yes", null, s.score === null ? null : round2(s.score), orgScale]);
  }
  rows.push([...base("overall_panel"), null, null, null, null, null, "Panel", report.partial ? "partial" : "complete", null, report.overall.score === null ? "not assessed" : "yes", null, report.overall.score === null ? null : round2(report.overall.score), orgScale]);
  for (const a of report.attributes) {
    for (const s of a.scores) {
      rows.push([...base("attribute"), null, null, null, a.attribute, null, name.get(s.panelistId) ?? "", "submitted", s.level, s.level === null ? "not assessed" : "yes", null, null, orgScale]);
    }
  }
  for (const p of report.panelists) {
    if (p.status === "SUBMITTED") continue;
    const state = p.status === "DRAFT" ? "draft" : p.status === "NOT_COUNTED" ? "not counted (in training)" : "not started";
    rows.push([...base("pending_scorecard"), null, null, null, null, null, p.name, state, null, null, null, null, orgScale]);
  }
  // The verdicts: each submitted panelist's overall recommendation and summary.
  for (const p of report.panelists) {
    if (p.status !== "SUBMITTED") continue;
    const rec = p.recommendation ? RECOMMENDATION_LABELS[p.recommendation] : "none given";
    rows.push([...base("verdict"), null, null, null, null, null, p.name, "submitted", null, null, null, null, orgScale, rec, p.summary || null, null, null]);
  }
  for (const r of RECOMMENDATIONS) rows.push([...base("recommendation_tally"), null, null, null, null, null, "Panel", null, null, null, null, null, orgScale, RECOMMENDATION_LABELS[r], null, null, report.recommendations[r]]);
  rows.push([...base("recommendation_tally"), null, null, null, null, null, "Panel", null, null, null, null, null, orgScale, "none given", null, null, report.recommendations.NONE]);
  // The hiring decision: outcome in "recommendation", rationale in "text", who decided as the panelist.
  if (report.decision) {
    const d = report.decision;
    rows.push([...base("decision"), null, null, null, null, null, d.decidedBy ?? "former member", d.decidedAt, null, null, null, null, orgScale, DECISION_LABELS[d.outcome], d.rationale, null, null]);
  }
  for (const n of report.notes) {
    const q = report.questions.find((x) => x.title === n.questionTitle);
    rows.push([...base("note"), q ? q.position + 1 : null, n.questionTitle, null, null, null, n.panelistName, "submitted", null, null, null, null, orgScale, null, n.body, n.offsetSeconds, null]);
  }
  return `\uFEFF${rows.map((r) => tail(r).map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/**
 * The download's file name: "report-<candidate>-<date>.<ext>", without personal data when the
 * report is anonymized. `ascii` transliterates letters (Łukasiewicz → lukasiewicz) for old
 * clients; `utf8` keeps the name as written, for RFC 6266's filename* (reportDisposition).
 */
export function reportFileName(report: InterviewReport, ext: "pdf" | "csv"): string {
  return reportFileNames(report, ext).ascii;
}

export function reportFileNames(report: InterviewReport, ext: "pdf" | "csv"): { ascii: string; utf8: string } {
  const date = report.interview.startsAt.slice(0, 10);
  const ascii = `${fold(report.candidate.label)}-${date}`
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  const utf8 = `${report.candidate.label}-${date}`
    .normalize("NFC")
    .toLocaleLowerCase("en")
    .replace(/[\p{Cc}\p{Cf}"\\/:*?<>|]+/gu, "")
    .replace(/\s+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return { ascii: `report-${ascii || report.interview.id}.${ext}`, utf8: `report-${utf8 || report.interview.id}.${ext}` };
}

/** Content-Disposition for a report download: an ASCII filename and the UTF-8 one (RFC 6266, RFC 8187). */
export function reportDisposition(report: InterviewReport, ext: "pdf" | "csv"): string {
  const { ascii, utf8 } = reportFileNames(report, ext);
  const encoded = encodeURIComponent(utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
