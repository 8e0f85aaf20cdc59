// Pure: time to feedback as CSV (RFC 4180, CRLF, UTF-8 with BOM), one row per interviewer and a
// last row for the organization; text cells are formula-escaped like the report CSV.
import { csvCell } from "@/lib/reports/render-report-csv";
import type { FeedbackFigures, TimeToFeedback } from "./time-to-feedback";

export const FEEDBACK_CSV_HEADER = [
  "period_from",
  "period_to",
  "time_zone",
  "interviewer",
  "scorecards",
  "submitted",
  "median_hours",
  "p90_hours",
  "due_or_submitted",
  "on_time_share",
] as const;

const round2 = (v: number | null) => (v === null ? null : Number(v.toFixed(2)));

export function renderFeedbackCsv(data: TimeToFeedback): string {
  const { from, to, timeZone } = data.period;
  const row = (name: string, f: FeedbackFigures) =>
    [from, to, timeZone, name, f.scorecards, f.submitted, round2(f.medianHours), round2(f.p90Hours), f.dueOrSubmitted, round2(f.onTimeShare)].map(csvCell).join(",");
  const lines = [FEEDBACK_CSV_HEADER.join(","), ...data.byInterviewer.map((i) => row(i.name, i)), row("Organization", data.organization)];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
