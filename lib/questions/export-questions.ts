import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";
import { toQuestionsCsv } from "./questions-csv";
import { toVersionView, versionSelect } from "./question-view";
import { DIFFICULTY_LABELS, EXPORT_FORMAT, EXPORT_FORMAT_VERSION, STATUS_LABELS, type ExportedQuestion, type QuestionExportFile } from "./schemas";
import type { QuestionVersionView } from "./types";
import type { ExportQuery } from "./schemas";

export interface ExportedFile {
  filename: string;
  contentType: string;
  body: string;
}

interface Loaded {
  key: string;
  status: ExportedQuestion["status"];
  latest: QuestionVersionView;
}

/**
 * Exports the latest version of questions (all of the organization's, or the given ids).
 * JSON is lossless for content and round-trips through import; CSV round-trips everything it
 * carries (see `questions-csv.ts`); Markdown is for reading. Model answers are included only for roles allowed to read them.
 * Version history is not exported.
 */
export async function exportQuestions(actor: Actor, input: ExportQuery): Promise<ExportedFile> {
  assertCan(actor, "questions.read");
  const { format, ids } = input;

  const questions = await db.question.findMany({
    where: { organizationId: actor.organizationId, ...(ids.length ? { id: { in: ids } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, externalKey: true, status: true, latestVersionNo: true },
  });
  const versions = [];
  // Batched: one OR of (question, latest number) pairs per 500 questions keeps queries bounded.
  for (let i = 0; i < questions.length; i += 500) {
    const batch = questions.slice(i, i + 500);
    versions.push(
      ...(await db.questionVersion.findMany({
        where: { organizationId: actor.organizationId, OR: batch.map((q) => ({ questionId: q.id, number: q.latestVersionNo })) },
        select: { ...versionSelect, questionId: true },
      })),
    );
  }
  const byQuestion = new Map(versions.map((v) => [v.questionId, v]));
  const loaded: Loaded[] = questions.flatMap((q) => {
    const v = byQuestion.get(q.id);
    return v ? [{ key: q.externalKey ?? q.id, status: q.status, latest: toVersionView(actor, v) }] : [];
  });

  const stamp = new Date().toISOString().slice(0, 10);
  const base = `panelist-questions-${stamp}`;
  if (format === "csv") {
    const csv = toQuestionsCsv(
      loaded.map((q) => ({ ...toExported(actor, q), modelAnswer: can(actor, "questions.readModelAnswer") ? q.latest.modelAnswer : null, version: q.latest.number })),
      await getOrganizationScale(actor),
    );
    return { filename: `${base}.csv`, contentType: "text/csv; charset=utf-8", body: csv };
  }
  if (format === "markdown") return { filename: `${base}.md`, contentType: "text/markdown; charset=utf-8", body: toMarkdown(actor, loaded) };

  const file: QuestionExportFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    organization: actor.organizationName,
    scale: await getOrganizationScale(actor),
    questions: loaded.map((q) => toExported(actor, q)),
  };
  return { filename: `${base}.json`, contentType: "application/json; charset=utf-8", body: JSON.stringify(file, null, 2) + "\n" };
}

export function toExported(actor: Pick<Actor, "role">, q: Loaded): ExportedQuestion {
  const v = q.latest;
  return {
    key: q.key,
    status: q.status,
    title: v.title,
    prompt: v.prompt,
    difficulty: v.difficulty,
    tags: v.tags,
    minutes: v.minutes,
    followUps: v.followUps,
    redFlags: v.redFlags,
    ...(can(actor, "questions.readModelAnswer") && v.modelAnswer !== null ? { modelAnswer: v.modelAnswer } : {}),
    lab: v.lab,
    criteria: v.criteria.map((c) => ({ key: c.key, title: c.title, description: c.description, weight: c.weight, levels: c.levels })),
  };
}

const mdInline = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

function toMarkdown(actor: Actor, questions: Loaded[]): string {
  const out: string[] = [`# Question bank — ${actor.organizationName}`, "", `Exported ${new Date().toISOString().slice(0, 10)} · ${questions.length} questions`, ""];
  for (const q of questions) {
    const v = q.latest;
    out.push(`## ${v.title}`, "");
    out.push(`*${DIFFICULTY_LABELS[v.difficulty]} · ${v.minutes} min · ${STATUS_LABELS[q.status]} · version ${v.number}*${v.tags.length ? ` · ${v.tags.map((t) => `\`${t}\``).join(" ")}` : ""}`, "");
    out.push(v.prompt.trim(), "");
    out.push("### Rubric", "");
    for (const c of v.criteria) {
      out.push(`#### ${c.title} (weight ${c.weight})`, "");
      if (c.description) out.push(c.description, "");
      out.push("| Level | Descriptor |", "| --- | --- |");
      for (const l of c.levels) out.push(`| ${l.level} | ${mdInline(l.descriptor)} |`);
      out.push("");
    }
    if (v.followUps.length) out.push("### Follow-up probes", "", ...v.followUps.map((f) => `- ${mdInline(f)}`), "");
    if (v.redFlags.length) out.push("### Red flags", "", ...v.redFlags.map((f) => `- ${mdInline(f)}`), "");
    if (v.modelAnswer) out.push("### Model answer", "", v.modelAnswer.trim(), "");
  }
  return out.join("\n");
}
