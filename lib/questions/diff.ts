import { LAB_CATALOG } from "@/lib/lab/catalog";
import type { LabName } from "@/lib/lab/schemas";
import { diffArrays, diffWordsWithSpace } from "diff";
import type { CriterionView } from "./types";
import { DIFFICULTY_LABELS, type DifficultyName, type LevelDescriptor } from "./schemas";

/**
 * A readable diff between two question contents (two versions, or a draft and the version
 * someone else just saved). Pure, so the history page and the conflict panel share it.
 * Criteria are matched by their stable key, so a renamed criterion shows as "changed",
 * not as one removed and one added.
 */

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface FieldDiff {
  field: string;
  label: string;
  kind: "text" | "value" | "list";
  parts: DiffPart[];
}

export interface CriterionDiff {
  key: string;
  title: string;
  status: "added" | "removed" | "changed";
  fields: FieldDiff[];
}

export interface QuestionDiff {
  identical: boolean;
  fields: FieldDiff[];
  criteria: CriterionDiff[];
}

export interface DiffableContent {
  title: string;
  prompt: string;
  difficulty: DifficultyName;
  tags: string[];
  minutes: number;
  followUps: string[];
  redFlags: string[];
  /** null = hidden from this reader; hidden model answers are not compared. */
  modelAnswer: string | null;
  /** undefined = not given (an edit that keeps the current lab): not compared. */
  lab?: LabName | null;
  criteria: Pick<CriterionView, "key" | "title" | "description" | "weight" | "levels">[];
}

const labLabel = (lab: LabName | null) => (lab ? LAB_CATALOG[lab].title : "None");

function textDiff(field: string, label: string, a: string, b: string): FieldDiff | null {
  if (a === b) return null;
  const parts = diffWordsWithSpace(a, b).map((c) => ({ value: c.value, added: c.added || undefined, removed: c.removed || undefined }));
  return { field, label, kind: "text", parts };
}

function valueDiff(field: string, label: string, a: string, b: string): FieldDiff | null {
  if (a === b) return null;
  return { field, label, kind: "value", parts: [{ value: a, removed: true }, { value: b, added: true }] };
}

function listDiff(field: string, label: string, a: string[], b: string[]): FieldDiff | null {
  if (a.length === b.length && a.every((x, i) => x === b[i])) return null;
  const parts: DiffPart[] = [];
  for (const c of diffArrays(a, b)) {
    for (const v of c.value) parts.push({ value: v, added: c.added || undefined, removed: c.removed || undefined });
  }
  return { field, label, kind: "list", parts };
}

const levelText = (levels: LevelDescriptor[], level: number) => levels.find((l) => l.level === level)?.descriptor ?? "";

export function diffQuestionContent(a: DiffableContent, b: DiffableContent): QuestionDiff {
  const fields = [
    textDiff("title", "Title", a.title, b.title),
    valueDiff("difficulty", "Difficulty", DIFFICULTY_LABELS[a.difficulty], DIFFICULTY_LABELS[b.difficulty]),
    valueDiff("minutes", "Expected minutes", String(a.minutes), String(b.minutes)),
    listDiff("tags", "Tags", a.tags, b.tags),
    textDiff("prompt", "Prompt", a.prompt, b.prompt),
    listDiff("followUps", "Follow-up probes", a.followUps, b.followUps),
    listDiff("redFlags", "Red flags", a.redFlags, b.redFlags),
    a.modelAnswer !== null && b.modelAnswer !== null ? textDiff("modelAnswer", "Model answer", a.modelAnswer, b.modelAnswer) : null,
    a.lab !== undefined && b.lab !== undefined ? valueDiff("lab", "Demo lab", labLabel(a.lab), labLabel(b.lab)) : null,
    listDiff(
      "criteriaOrder",
      "Criteria order",
      a.criteria.map((c) => c.title),
      b.criteria.map((c) => c.title),
    ),
  ].filter((f): f is FieldDiff => f !== null);

  // Only report the order when the same keys were reordered; additions/removals show below.
  const sameKeys =
    a.criteria.length === b.criteria.length && a.criteria.every((c) => b.criteria.some((d) => d.key === c.key));
  const orderChanged = sameKeys && a.criteria.some((c, i) => b.criteria[i]?.key !== c.key);
  const withoutOrder = fields.filter((f) => f.field !== "criteriaOrder" || orderChanged);

  const criteria: CriterionDiff[] = [];
  for (const cb of b.criteria) {
    const ca = a.criteria.find((c) => c.key === cb.key);
    if (!ca) {
      criteria.push({ key: cb.key, title: cb.title, status: "added", fields: criterionFields(emptyCriterion(cb), cb) });
      continue;
    }
    const f = criterionFields(ca, cb);
    if (f.length) criteria.push({ key: cb.key, title: cb.title, status: "changed", fields: f });
  }
  for (const ca of a.criteria) {
    if (!b.criteria.some((c) => c.key === ca.key)) {
      criteria.push({ key: ca.key, title: ca.title, status: "removed", fields: criterionFields(ca, emptyCriterion(ca)) });
    }
  }
  return { identical: withoutOrder.length === 0 && criteria.length === 0, fields: withoutOrder, criteria };
}

type DiffableCriterion = DiffableContent["criteria"][number];

function emptyCriterion(like: DiffableCriterion): DiffableCriterion {
  return { key: like.key, title: "", description: "", weight: 0, levels: like.levels.map((l) => ({ level: l.level, descriptor: "" })) };
}

function criterionFields(a: DiffableCriterion, b: DiffableCriterion): FieldDiff[] {
  const levels = [...new Set([...a.levels, ...b.levels].map((l) => l.level))].sort((x, y) => x - y);
  return [
    textDiff("title", "Title", a.title, b.title),
    textDiff("description", "Description", a.description, b.description),
    valueDiff("weight", "Weight", a.weight ? String(a.weight) : "", b.weight ? String(b.weight) : ""),
    ...levels.map((l) => textDiff(`levels.${l}`, `Level ${l}`, levelText(a.levels, l), levelText(b.levels, l))),
  ].filter((f): f is FieldDiff => f !== null);
}
