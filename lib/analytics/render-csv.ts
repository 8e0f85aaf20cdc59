// Pure: every analytics table as CSV (RFC 4180, CRLF, UTF-8 with BOM; text cells formula-escaped
// like the report CSV). One function per table the pages show.
import { csvCell } from "@/lib/reports/render-report-csv";
import type { AnalyticsFigures, QuestionRow, ReliabilityFigures } from "./compute";

const r3 = (v: number | null) => (v === null ? null : Number(v.toFixed(3)));
const csv = (header: readonly string[], rows: (string | number | null)[][]) => `\uFEFF${[header.join(","), ...rows.map((r) => r.map(csvCell).join(","))].join("\r\n")}\r\n`;

export const ANALYTICS_CSV_TABLES = ["reliability", "interviewers", "questions", "criteria"] as const;
export type AnalyticsCsvTable = (typeof ANALYTICS_CSV_TABLES)[number];

const reliabilityCells = (r: ReliabilityFigures) => [r3(r.alpha), r3(r.low), r3(r.high), r.units, r.pairable, r.reading, r3(r.icc21), r3(r.iccLow), r3(r.iccHigh), r3(r.icc2k), r.iccRows];

export function renderReliabilityCsv(f: AnalyticsFigures): string {
  return csv(
    ["scope", "interviews", "alpha_ordinal", "alpha_low95", "alpha_high95", "units", "pairable_values", "reading", "icc_2_1", "icc_2_1_low95", "icc_2_1_high95", "icc_2_k", "icc_rows"],
    [["Organization", f.counts.interviews, ...reliabilityCells(f.organization)], ...f.kits.map((k) => [`Kit: ${k.kitName}`, k.interviews, ...reliabilityCells(k)])],
  );
}

export function renderInterviewersCsv(f: AnalyticsFigures): string {
  return csv(
    ["interviewer", "scorecards", "ratings", "severity_levels", "severity_low95", "severity_high95", "flagged", "severity_note", "alpha_with_copanelists", "alpha_units", "matched_panel", "panel_comparisons", "matched_decision", "decision_comparisons", "strong_no", "no", "no_decision", "yes", "strong_yes", "none_given"],
    f.interviewers.map((p) => [
      p.name,
      p.scorecards,
      p.ratings,
      r3(p.severity),
      r3(p.low),
      r3(p.high),
      p.flagged ? "yes" : "no",
      p.reason,
      r3(p.alpha),
      p.alphaUnits,
      p.panelMatch.matched,
      p.panelMatch.of,
      p.decisionMatch.matched,
      p.decisionMatch.of,
      p.recommendations.STRONG_NO ?? 0,
      p.recommendations.NO ?? 0,
      p.recommendations.NO_DECISION ?? 0,
      p.recommendations.YES ?? 0,
      p.recommendations.STRONG_YES ?? 0,
      p.recommendations.NONE ?? 0,
    ]),
  );
}

const flagList = (flags: Record<string, boolean>) => Object.entries(flags).filter(([, on]) => on).map(([k]) => k).join(" ") || null;

export function renderQuestionsCsv(questions: readonly QuestionRow[]): string {
  return csv(
    ["question", "version", "interviews", "difficulty", "discrimination", "discrimination_n", "decision_correlation", "decision_n", "alpha_ordinal", "alpha_low95", "alpha_high95", "alpha_units", "flags"],
    questions.map((q) => [q.title, q.versionNumber, q.interviews, r3(q.difficulty), r3(q.discrimination.r), q.discrimination.n, r3(q.decisionCorrelation.r), q.decisionCorrelation.n, r3(q.alpha), r3(q.alphaLow), r3(q.alphaHigh), q.alphaUnits, flagList(q.flags)]),
  );
}

export function renderCriteriaCsv(questions: readonly QuestionRow[]): string {
  return csv(
    ["question", "version", "criterion", "scale", "distribution", "difficulty", "coverage", "alpha_ordinal", "alpha_units", "flags"],
    questions.flatMap((q) =>
      q.criteria.map((c) => [q.title, q.versionNumber, c.title, `${c.scale.min}-${c.scale.max}`, c.distribution.map((d) => `${d.level}:${d.count}`).join(" "), r3(c.difficulty), r3(c.coverage), r3(c.alpha), c.alphaUnits, flagList(c.flags)]),
    ),
  );
}
