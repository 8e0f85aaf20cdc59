import { z } from "zod";
import { labNameSchema } from "@/lib/lab/schemas";
import { DEFAULT_SCALE, scaleLevels, type RubricScale } from "@/lib/rubrics/scale";

/**
 * Question bank schemas, shared by the editor, the hooks, the route handlers and the services.
 * No server imports here.
 */

export const DIFFICULTIES = ["EASY", "MEDIUM", "HARD"] as const;
export const QUESTION_STATUSES = ["DRAFT", "ACTIVE", "ARCHIVED"] as const;
export const difficultySchema = z.enum(DIFFICULTIES, { message: "Choose a difficulty." });
export const questionStatusSchema = z.enum(QUESTION_STATUSES, { message: "Choose a status." });
export type DifficultyName = z.infer<typeof difficultySchema>;
export type QuestionStatusName = z.infer<typeof questionStatusSchema>;

export { DIFFICULTY_LABELS } from "./labels";
export const STATUS_LABELS: Record<QuestionStatusName, string> = { DRAFT: "Draft", ACTIVE: "Active", ARCHIVED: "Archived" };

export const LIMITS = {
  title: 200,
  markdown: 20_000,
  tags: 12,
  tag: 32,
  criteria: 20,
  criterionTitle: 120,
  criterionDescription: 2_000,
  descriptor: 1_000,
  listItems: 20,
  listItem: 500,
  weightMax: 100,
  minutesMax: 180,
} as const;

/** Lowercase words: letters, digits and - + . # — e.g. "deep-learning", "c++", "node.js". */
export const TAG_PATTERN = /^[a-z0-9][a-z0-9+#.-]*$/;
export const tagSchema = z
  .string()
  .trim()
  .min(1, "Tags cannot be empty.")
  .max(LIMITS.tag, `Tags have at most ${LIMITS.tag} characters.`)
  .regex(TAG_PATTERN, "Tags are lowercase words of letters, digits and - + . # (no spaces), e.g. deep-learning.");

export const tagsSchema = z
  .array(tagSchema)
  .max(LIMITS.tags, `Use at most ${LIMITS.tags} tags.`)
  .refine((tags) => new Set(tags).size === tags.length, "Each tag may appear only once.");

/** Splits what a person types in the tags box ("ml, deep-learning  cnn") into tags, as typed. */
export function splitTags(text: string): string[] {
  return text
    .split(/[,\n]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

export const CRITERION_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const criterionKeySchema = z
  .string()
  .regex(CRITERION_KEY_PATTERN, "Criterion keys are lowercase letters, digits, - and _ (up to 64).");

export const levelDescriptorSchema = z.object({
  level: z.number().int("Levels are whole numbers."),
  descriptor: z
    .string()
    .trim()
    .min(1, "Describe what an answer at this level looks like.")
    .max(LIMITS.descriptor, `Use at most ${LIMITS.descriptor} characters.`),
});
export type LevelDescriptor = z.infer<typeof levelDescriptorSchema>;

export const criterionInputSchema = z.object({
  /** Stable across versions; omitted for a new criterion and assigned by the server. */
  key: criterionKeySchema.optional(),
  title: z.string().trim().min(1, "Name the criterion.").max(LIMITS.criterionTitle, `Use at most ${LIMITS.criterionTitle} characters.`),
  description: z.string().trim().max(LIMITS.criterionDescription, `Use at most ${LIMITS.criterionDescription} characters.`).default(""),
  weight: z
    .number({ message: "Weights are numbers." })
    .positive("Weights must be greater than zero.")
    .max(LIMITS.weightMax, `Weights are at most ${LIMITS.weightMax}.`),
  levels: z.array(levelDescriptorSchema),
});
export type CriterionInput = z.input<typeof criterionInputSchema>;

const markdownSchema = (what: string, required: boolean) => {
  const s = z.string().max(LIMITS.markdown, `${what} is too long: keep it under ${LIMITS.markdown.toLocaleString("en")} characters.`);
  return required ? s.refine((v) => v.trim().length > 0, `Write the ${what.toLowerCase()}.`) : s;
};

const listSchema = (what: string) =>
  z
    .array(z.string().trim().min(1, `Remove empty ${what}.`).max(LIMITS.listItem, `Use at most ${LIMITS.listItem} characters.`))
    .max(LIMITS.listItems, `Use at most ${LIMITS.listItems} ${what}.`);

/** The content of one version, without the scale check (see `questionContentSchema`). */
export const questionContentBaseSchema = z.object({
  title: z.string().trim().min(1, "Give the question a title.").max(LIMITS.title, `Use at most ${LIMITS.title} characters.`),
  prompt: markdownSchema("Prompt", true),
  difficulty: difficultySchema,
  tags: tagsSchema,
  minutes: z
    .number({ message: "Enter the expected minutes." })
    .int("Use whole minutes.")
    .min(1, "Expect at least 1 minute.")
    .max(LIMITS.minutesMax, `Expect at most ${LIMITS.minutesMax} minutes.`),
  followUps: listSchema("follow-ups").default([]),
  redFlags: listSchema("red flags").default([]),
  modelAnswer: markdownSchema("Model answer", false).default(""),
  /**
   * The demo lab the interview room offers with this question (null: none). Left out of an
   * edit or an import, the current version's lab is kept; a new question starts without one.
   */
  lab: labNameSchema.nullable().optional(),
  criteria: z
    .array(criterionInputSchema)
    .min(1, "Add at least one rubric criterion.")
    .max(LIMITS.criteria, `Use at most ${LIMITS.criteria} criteria.`),
});

/**
 * Adds the checks that need the organization's scale: one descriptor per level of the scale,
 * no level outside it, and unique criterion keys. Errors land on the exact field path, e.g.
 * `criteria.1.levels` or `criteria.1.levels.2.descriptor`.
 */
type ScaleCheckable = { criteria: { key?: string; levels: { level: number }[] }[] };

/**
 * Runs even when other fields already failed (`when`), so a person sees every problem at once
 * — an empty title does not hide a rubric that misses a level. The value may therefore be
 * partly invalid here, hence the defensive reads.
 */
export function withScaleChecks<S extends z.ZodType<ScaleCheckable>>(schema: S, scale: RubricScale) {
  const expected = scaleLevels(scale);
  return schema.superRefine(
    (value, ctx) => {
      const criteria: unknown[] = Array.isArray(value?.criteria) ? value.criteria : [];
      const keys = new Set<string>();
      criteria.forEach((raw, i) => {
        const c = (raw ?? {}) as { key?: unknown; levels?: unknown };
        const got = (Array.isArray(c.levels) ? c.levels : [])
          .map((l: unknown) => (l as { level?: unknown } | null)?.level)
          .filter((l): l is number => typeof l === "number");
        const missing = expected.filter((l) => !got.includes(l));
        const outside = got.filter((l) => !expected.includes(l));
        const dupes = got.filter((l, j) => got.indexOf(l) !== j);
        if (missing.length || outside.length || dupes.length) {
          const parts = [
            missing.length ? `missing level ${missing.join(", ")}` : "",
            outside.length ? `level ${outside.join(", ")} is outside the scale` : "",
            dupes.length ? `level ${[...new Set(dupes)].join(", ")} appears twice` : "",
          ].filter(Boolean);
          ctx.addIssue({
            code: "custom",
            path: ["criteria", i, "levels"],
            message: `Give one descriptor for each level ${scale.min}–${scale.max}: ${parts.join("; ")}.`,
          });
        }
        if (typeof c.key === "string" && c.key) {
          if (keys.has(c.key)) ctx.addIssue({ code: "custom", path: ["criteria", i, "key"], message: "Two criteria share this key." });
          keys.add(c.key);
        }
      });
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );
}

export function questionContentSchema(scale: RubricScale = DEFAULT_SCALE) {
  return withScaleChecks(questionContentBaseSchema, scale);
}
export type QuestionContentInput = z.input<typeof questionContentBaseSchema>;
export type QuestionContent = z.output<typeof questionContentBaseSchema>;

/** Statuses a person may pick in the editor; archiving is its own action. */
export const editableStatusSchema = z.enum(["DRAFT", "ACTIVE"], { message: "Choose draft or active." });

export const createQuestionBaseSchema = questionContentBaseSchema.extend({
  status: editableStatusSchema.default("DRAFT"),
});
export function createQuestionSchema(scale: RubricScale = DEFAULT_SCALE) {
  return withScaleChecks(createQuestionBaseSchema, scale);
}
export type CreateQuestionInput = z.input<typeof createQuestionBaseSchema>;
export type CreateQuestionData = z.output<typeof createQuestionBaseSchema>;

export const updateQuestionBaseSchema = createQuestionBaseSchema.extend({
  /** The Question.lockVersion the editor loaded; a different current value is a conflict. */
  lockVersion: z.number().int().min(0),
});
export function updateQuestionSchema(scale: RubricScale = DEFAULT_SCALE) {
  return withScaleChecks(updateQuestionBaseSchema, scale);
}
export type UpdateQuestionInput = z.input<typeof updateQuestionBaseSchema>;
export type UpdateQuestionData = z.output<typeof updateQuestionBaseSchema>;

// ---------------------------------------------------------------------------------------------
// Search

/** The last two come from the analytics snapshot and need analytics.questions (lib/analytics/bank-figures.ts). */
export const QUESTION_SORTS = ["relevance", "updated", "created", "title", "difficulty", "discrimination", "agreement"] as const;
export const questionSortSchema = z.enum(QUESTION_SORTS);
export type QuestionSort = z.infer<typeof questionSortSchema>;

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : String(v).split(",")), z.array(item));

/** Query-string shape of a bank search (repeated or comma-separated list params). */
export const questionSearchSchema = z.object({
  q: z.string().trim().max(200, "Search for at most 200 characters.").default(""),
  tags: oneOrMany(tagSchema).pipe(z.array(tagSchema).max(LIMITS.tags)).default([]),
  difficulty: oneOrMany(difficultySchema).default([]),
  status: oneOrMany(questionStatusSchema).default([]),
  sort: questionSortSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type QuestionSearchInput = z.input<typeof questionSearchSchema>;
export type QuestionSearch = z.output<typeof questionSearchSchema>;

export const versionDiffQuerySchema = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
export type VersionDiffQuery = z.output<typeof versionDiffQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Import / export

export const EXPORT_FORMAT = "panelist.questions" as const;
export const EXPORT_FORMAT_VERSION = 1 as const;
export const EXPORT_FORMATS = ["json", "csv", "markdown"] as const;

export const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS).default("json"),
  ids: oneOrMany(z.string().min(1).max(64)).pipe(z.array(z.string()).max(5_000)).default([]),
});
export type ExportQuery = z.output<typeof exportQuerySchema>;

export const exportedCriterionSchema = criterionInputSchema.extend({ key: criterionKeySchema });

/** One question in an export file. `key` identifies it across organizations and re-imports. */
export const exportedQuestionSchema = questionContentBaseSchema.extend({
  key: z
    .string()
    .trim()
    .min(1, "Every question needs a key.")
    .max(120, "Keys have at most 120 characters.")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, "Keys are letters, digits and . _ : - (no spaces)."),
  status: questionStatusSchema.default("DRAFT"),
  criteria: z.array(exportedCriterionSchema).min(1, "Add at least one rubric criterion.").max(LIMITS.criteria),
  /** Present when the exporter could read model answers; absent means "keep what is there". */
  modelAnswer: markdownSchema("Model answer", false).optional(),
});
export type ExportedQuestion = z.output<typeof exportedQuestionSchema>;

export const IMPORT_MAX_QUESTIONS = 2_000;

/** The envelope is checked first; questions are then validated one by one for row-level errors. */
export const importFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { message: `This is not a Panelist question file (format must be "${EXPORT_FORMAT}").` }),
  version: z.literal(EXPORT_FORMAT_VERSION, { message: `Unsupported file version (expected ${EXPORT_FORMAT_VERSION}).` }),
  scale: z.object({ min: z.number().int(), max: z.number().int() }),
  questions: z
    .array(z.unknown())
    .min(1, "The file has no questions.")
    .max(IMPORT_MAX_QUESTIONS, `Import at most ${IMPORT_MAX_QUESTIONS} questions at once.`),
});

export const importOptionsSchema = z.object({ dryRun: z.boolean().default(false) });
export type ImportOptions = z.output<typeof importOptionsSchema>;

export interface QuestionExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_FORMAT_VERSION;
  exportedAt: string;
  organization: string;
  scale: RubricScale;
  questions: ExportedQuestion[];
}
