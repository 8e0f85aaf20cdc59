import type { LabName } from "@/lib/lab/schemas";
import { scaleLevels, type RubricScale } from "@/lib/rubrics/scale";
import { splitTags, type CreateQuestionInput, type DifficultyName } from "./schemas";
import type { DiffableContent } from "./diff";
import type { QuestionDetail } from "./types";

/**
 * The editor's form state: what a person types (numbers as text, tags as one string), converted
 * to the API input only on save, so the shared zod schema reports every problem at its field.
 */
export interface EditorCriterion {
  /** React key; stable for the life of the form. */
  uid: string;
  /** Stable criterion key once saved; undefined for a new criterion (the server derives one). */
  key?: string;
  title: string;
  description: string;
  weight: string;
  levels: { level: number; descriptor: string }[];
}

export interface EditorState {
  title: string;
  prompt: string;
  difficulty: DifficultyName;
  tagsText: string;
  minutes: string;
  status: "DRAFT" | "ACTIVE";
  followUps: string[];
  redFlags: string[];
  modelAnswer: string;
  /** The demo lab the interview room offers with the question; null: none. */
  lab: LabName | null;
  criteria: EditorCriterion[];
}

let uidSeq = 0;
export const newUid = () => `c${Date.now().toString(36)}${(uidSeq++).toString(36)}`;

export function emptyCriterion(scale: RubricScale): EditorCriterion {
  return { uid: newUid(), title: "", description: "", weight: "1", levels: scaleLevels(scale).map((level) => ({ level, descriptor: "" })) };
}

export function emptyEditorState(scale: RubricScale): EditorState {
  return {
    title: "",
    prompt: "",
    difficulty: "MEDIUM",
    tagsText: "",
    minutes: "15",
    status: "DRAFT",
    followUps: [],
    redFlags: [],
    modelAnswer: "",
    lab: null,
    criteria: [emptyCriterion(scale)],
  };
}

/**
 * Loads a saved question into the form. Criteria get one row per level of the organization's
 * *current* scale, keeping descriptors that exist, so a scale change shows up as empty levels.
 */
export function editorStateFrom(q: QuestionDetail, scale: RubricScale): EditorState {
  const v = q.latest;
  return {
    title: v.title,
    prompt: v.prompt,
    difficulty: v.difficulty,
    tagsText: v.tags.join(", "),
    minutes: String(v.minutes),
    status: q.status === "ACTIVE" ? "ACTIVE" : "DRAFT",
    followUps: v.followUps,
    redFlags: v.redFlags,
    modelAnswer: v.modelAnswer ?? "",
    lab: v.lab,
    criteria: v.criteria.map((c) => ({
      uid: newUid(),
      key: c.key,
      title: c.title,
      description: c.description,
      weight: String(c.weight),
      levels: scaleLevels(scale).map((level) => ({ level, descriptor: c.levels.find((l) => l.level === level)?.descriptor ?? "" })),
    })),
  };
}

const toNumber = (s: string): number => (s.trim() === "" ? Number.NaN : Number(s));

export function editorStateToInput(s: EditorState): CreateQuestionInput & { status: "DRAFT" | "ACTIVE" } {
  return {
    title: s.title,
    prompt: s.prompt,
    difficulty: s.difficulty,
    tags: splitTags(s.tagsText),
    minutes: toNumber(s.minutes),
    status: s.status,
    followUps: s.followUps,
    redFlags: s.redFlags,
    modelAnswer: s.modelAnswer,
    lab: s.lab,
    criteria: s.criteria.map((c) => ({
      ...(c.key ? { key: c.key } : {}),
      title: c.title,
      description: c.description,
      weight: toNumber(c.weight),
      levels: c.levels,
    })),
  };
}

/** The form as diffable content, to compare a draft with a version someone else saved. */
export function editorStateToDiffable(s: EditorState): DiffableContent {
  const input = editorStateToInput(s);
  return {
    title: input.title.trim(),
    prompt: input.prompt,
    difficulty: input.difficulty,
    tags: input.tags,
    minutes: input.minutes,
    followUps: (input.followUps ?? []).map((f) => f.trim()),
    redFlags: (input.redFlags ?? []).map((f) => f.trim()),
    modelAnswer: input.modelAnswer ?? "",
    lab: s.lab,
    criteria: s.criteria.map((c, i) => ({
      key: c.key ?? `new-${i + 1}`,
      title: c.title.trim(),
      description: c.description.trim(),
      weight: toNumber(c.weight),
      levels: c.levels.map((l) => ({ level: l.level, descriptor: l.descriptor.trim() })),
    })),
  };
}
