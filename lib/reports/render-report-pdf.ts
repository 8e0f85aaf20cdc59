import "server-only";
import PDFDocument from "pdfkit";
import { formatCoverage, formatOffset, formatScore } from "./format";
import { fontBytes, fontName, fontRuns, type FontScript, type FontWeight, measuringScript } from "./pdf-fonts";
import type { PaperSize } from "./schemas";
import { DECISION_LABELS } from "@/lib/decisions/schemas";
import { RECOMMENDATIONS, RECOMMENDATION_LABELS, type InterviewReport } from "./types";

// A real, text-selectable PDF of an interview report, drawn with embedded open-licence fonts
// (Noto Sans, with Noto Sans SC, Arabic and Hebrew for names and notes in those scripts;
// lib/reports/pdf-fonts.ts): every name prints as written. Each string is split into runs that
// one font draws; Arabic and Hebrew runs are shaped and laid out right to left by fontkit.

const MARGIN = 48;
const INK = "#0f172a";
const MUTED = "#475569";
const WARN = "#9a3412";
const RULE = "#cbd5e1";

type Weight = FontWeight;
const REGULAR: Weight = "regular";
const BOLD: Weight = "bold";

interface Column {
  header: string;
  width: number;
  align?: "left" | "right" | "center";
}

export async function renderReportPdf(report: InterviewReport, opts: { paper: PaperSize }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: opts.paper === "letter" ? "LETTER" : "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: "en",
    displayTitle: true,
    info: {
      Title: `Interview report — ${report.candidate.label}`,
      Subject: report.interview.kitName,
      Creator: "Panelist",
      Producer: "Panelist",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 14; // room for the footer
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  // Fonts are registered on first use, so a report without CJK text never reads that font.
  const registered = new Set<string>();
  const font = (script: FontScript, weight: Weight) => {
    const name = fontName(script, weight);
    if (!registered.has(name)) {
      doc.registerFont(name, fontBytes(script, weight));
      registered.add(name);
    }
    return name;
  };
  const clean = (s: string) => s.replace(/[\t\r]/g, " ");
  /** Height of a string at the current size, measured with the font that has its widest glyphs. */
  const measure = (s: string, weight: Weight, o: PDFKit.Mixins.TextOptions) => {
    doc.font(font(measuringScript(s), weight));
    return doc.heightOfString(clean(s) || " ", o);
  };
  /** Draws a string as runs of one font each (pdfkit's continued text), starting at x, y. */
  const draw = (s: string, weight: Weight, x: number, y: number, o: PDFKit.Mixins.TextOptions) => {
    const runs = fontRuns(clean(s));
    if (runs.length === 0) runs.push({ script: "latin", text: "" });
    runs.forEach((r, i) => {
      doc.font(font(r.script, weight));
      const opts = { ...o, continued: i < runs.length - 1 };
      if (i === 0) doc.text(r.text, x, y, opts);
      else doc.text(r.text, opts);
    });
  };
  const text = (s: string, o: { font?: Weight; size?: number; color?: string; gap?: number } = {}) => {
    const weight = o.font ?? REGULAR;
    doc.fontSize(o.size ?? 10).fillColor(o.color ?? INK);
    ensure(measure(s, weight, { width }));
    draw(s, weight, left, doc.y, { width });
    if (o.gap) doc.moveDown(o.gap);
  };
  const heading = (s: string, size = 13) => {
    doc.moveDown(0.6);
    ensure(size * 3);
    text(s, { font: BOLD, size, gap: 0.2 });
    doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.moveDown(0.3);
  };
  const table = (columns: Column[], rows: { cells: string[]; bold?: boolean; color?: string }[]) => {
    const pad = 3;
    const drawRow = (cells: string[], weight: Weight, color: string, isHeader = false) => {
      doc.fontSize(8.5);
      const h = Math.max(...cells.map((c, i) => measure(c, weight, { width: columns[i]!.width - 2 * pad }))) + 2 * pad;
      if (doc.y + h > bottom()) {
        doc.addPage();
        // A table that runs onto a new page repeats its header there.
        if (!isHeader) drawRow(columns.map((c) => c.header), BOLD, INK, true);
      }
      const y = doc.y;
      if (isHeader) doc.rect(left, y, width, h).fill("#f1f5f9");
      let x = left;
      cells.forEach((c, i) => {
        const col = columns[i]!;
        doc.fontSize(8.5).fillColor(color);
        draw(c, weight, x + pad, y + pad, { width: col.width - 2 * pad, align: col.align ?? "left" });
        x += col.width;
      });
      doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.3).strokeColor(RULE).stroke();
      doc.x = left;
      doc.y = y + h;
    };
    ensure(40);
    drawRow(columns.map((c) => c.header), BOLD, INK, true);
    for (const r of rows) drawRow(r.cells, r.bold ? BOLD : REGULAR, r.color ?? INK);
    doc.moveDown(0.5);
  };

  const scale = `${report.scale.min}–${report.scale.max}`;
  const submitted = report.panelists.filter((p) => p.status === "SUBMITTED");
  const short = new Map(submitted.map((p, i) => [p.id, `P${i + 1}`]));
  const nameOf = new Map(report.panelists.map((p) => [p.id, p.name]));
  const when = new Date(report.interview.startsAt).toLocaleString("en-GB", { timeZone: report.interview.timeZone, dateStyle: "medium", timeStyle: "short" });

  // Title block
  text("Interview report", { font: BOLD, size: 20, gap: 0.2 });
  text(report.candidate.label, { font: BOLD, size: 14 });
  if (report.candidate.email) text(report.candidate.email, { color: MUTED });
  for (const link of report.candidate.links) text(link, { color: MUTED });
  if (report.candidate.anonymized) text("Anonymized review: the candidate's name, email and links are withheld.", { color: MUTED });
  doc.moveDown(0.4);
  text(`${report.interview.title}`, { size: 11 });
  text(`Kit: ${report.interview.kitName} · ${when} (${report.interview.timeZone}) · status ${report.interview.status.toLowerCase().replace("_", " ")}`, { color: MUTED });
  text(`Generated ${new Date(report.generatedAt).toISOString().replace("T", " ").slice(0, 16)} UTC`, { color: MUTED, size: 8 });

  if (report.partial) {
    doc.moveDown(0.5);
    text(
      `PARTIAL: ${submitted.length} of ${report.panelists.length} scorecards submitted. Scores below count submitted scorecards only and may change.`,
      { font: BOLD, color: WARN },
    );
  }

  heading("Summary");
  if (report.empty) {
    text("No scores yet: no submitted scorecard holds a single level. Nothing below is a zero; it simply has not been assessed.", { gap: 0.3 });
  }
  text(`Overall score: ${formatScore(report.overall.score)} on the ${scale} scale${report.overall.spread !== null ? ` (spread between panelists ${formatScore(report.overall.spread)})` : ""}`, {
    font: BOLD,
    size: 12,
    gap: 0.2,
  });
  text(`Rubric coverage: ${formatCoverage(report.coverage.assessed, report.coverage.total)} criteria assessed by at least one panelist`);
  text(`Recommendations: ${[...RECOMMENDATIONS].map((r) => `${RECOMMENDATION_LABELS[r]} ${report.recommendations[r]}`).join(" · ")}${report.recommendations.NONE ? ` · none given ${report.recommendations.NONE}` : ""}`);
  text(`Disagreements (panelists ${2}+ levels apart on a criterion): ${report.disagreements.length}`, { gap: report.decision ? 0.2 : 0.4 });
  if (report.decision) {
    const d = report.decision;
    text(`Hiring decision: ${DECISION_LABELS[d.outcome]} — ${d.decidedBy ?? "a former member"}, ${d.decidedAt.slice(0, 10)}`, { font: BOLD });
    text(d.rationale, { gap: 0.4 });
  }

  table(
    [
      { header: "", width: 28 },
      { header: "Panelist", width: width - 28 - 70 - 60 - 90 },
      { header: "Scorecard", width: 70 },
      { header: "Overall", width: 60, align: "right" },
      { header: "Recommendation", width: 90 },
    ],
    report.panelists.map((p) => {
      const overall = report.overall.perPanelist.find((o) => o.panelistId === p.id);
      return {
        cells: [
          short.get(p.id) ?? "",
          `${p.name}${p.isLead ? " (lead)" : ""}`,
          p.status === "SUBMITTED" ? "submitted" : p.status === "DRAFT" ? "draft" : p.status === "NOT_COUNTED" ? "not counted (training)" : "not started",
          p.status === "SUBMITTED" ? formatScore(overall?.score) : "pending",
          p.recommendation ? RECOMMENDATION_LABELS[p.recommendation] : p.status === "SUBMITTED" ? "none" : "pending",
        ],
      };
    }),
  );

  if (report.disagreements.length) {
    heading("Disagreements");
    for (const d of report.disagreements) {
      const levels = d.scores.map((s) => `${short.get(s.panelistId)} ${s.level ?? "n/a"}`).join(", ");
      text(`! ${d.questionTitle} / ${d.criterionTitle}: levels ${d.low} to ${d.high} (${levels})`, { color: WARN });
    }
  }

  heading("Scores by question");
  text(`Levels per panelist; "n/a" = not assessed (never counted as zero). Question and overall scores are weighted means on the ${scale} scale.`, { color: MUTED, size: 8.5, gap: 0.3 });
  const panelCols = Math.max(1, submitted.length);
  const fixed = 42 + 50 + 64;
  const perPanel = Math.min(44, Math.max(28, (width - fixed - 150) / panelCols));
  const criterionWidth = width - fixed - perPanel * submitted.length;
  for (const q of report.questions) {
    doc.moveDown(0.3);
    ensure(60);
    text(`Q${q.position + 1}. ${q.title} (v${q.versionNumber}) — score ${formatScore(q.score)} · ${formatCoverage(q.coverage.assessed, q.coverage.total)} criteria assessed`, {
      font: BOLD,
      size: 10,
      gap: 0.2,
    });
    table(
      [
        { header: "Criterion", width: criterionWidth },
        { header: "Weight", width: 42, align: "right" },
        ...submitted.map((p) => ({ header: short.get(p.id)!, width: perPanel, align: "center" as const })),
        { header: "Mean", width: 50, align: "right" },
        { header: "Flag", width: 64 },
      ],
      [
        ...q.criteria.map((c) => ({
          cells: [
            c.title,
            String(c.weight),
            ...c.scores.map((s) => (s.level === null ? "n/a" : String(s.level))),
            c.mean === null ? "n/a" : c.mean.toFixed(1),
            c.assessedBy === 0 ? "not assessed" : c.disagreement ? "disagree" : "",
          ],
          color: c.disagreement ? WARN : c.assessedBy === 0 ? MUTED : INK,
        })),
        {
          cells: [`Weighted score (${scale})`, "", ...q.perPanelist.map((s) => formatScore(s.score)), formatScore(q.score), ""],
          bold: true,
        },
      ],
    );
  }

  if (report.attributes.length) {
    heading("Overall attributes");
    table(
      [{ header: "Attribute", width: width - perPanel * panelCols }, ...submitted.map((p) => ({ header: short.get(p.id)!, width: perPanel, align: "center" as const }))],
      report.attributes.map((a) => ({ cells: [a.attribute, ...a.scores.map((s) => (s.level === null ? "n/a" : String(s.level)))] })),
    );
  }

  if (report.coverage.unassessed.length) {
    heading("Not assessed");
    for (const u of report.coverage.unassessed) text(`- ${u.questionTitle} / ${u.criterionTitle}`, { color: MUTED });
  }

  const summaries = report.panelists.filter((p) => p.status === "SUBMITTED" && p.summary.trim());
  if (summaries.length) {
    heading("Panelists' summaries");
    for (const p of summaries) {
      text(`${p.name}${p.recommendation ? ` — ${RECOMMENDATION_LABELS[p.recommendation]}` : ""}`, { font: BOLD });
      text(p.summary, { gap: 0.4 });
    }
  }

  if (report.notes.length) {
    heading("Notes timeline");
    for (const n of report.notes) {
      text(`${formatOffset(n.offsetSeconds)}  ${nameOf.get(n.panelistId) ?? n.panelistName}${n.questionTitle ? ` · ${n.questionTitle}` : ""}`, { font: BOLD, size: 9 });
      text(n.body, { size: 9, gap: 0.3 });
    }
  }

  if (report.labRuns.length) {
    heading("Lab runs");
    for (const run of report.labRuns) {
      text(`${run.title} — ${run.status.toLowerCase().replace("_", " ")}`, { font: BOLD });
      if (run.summary.length) table([{ header: "Measure", width: width * 0.55 }, { header: "Value", width: width * 0.45 }], run.summary.map((s) => ({ cells: [s.label, s.value] })));
      else text("No result recorded.", { color: MUTED, gap: 0.3 });
    }
  }

  // Footer on every page: what this is, and where it stands.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: lift it, or pdfkit would start a new page for the footer.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 4;
    doc.fontSize(7.5).fillColor(MUTED);
    draw(`Panelist · ${report.candidate.label}${report.partial ? " · PARTIAL" : ""} · page ${i + 1} of ${range.count}`, REGULAR, left, y, {
      width,
      align: "center",
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}
