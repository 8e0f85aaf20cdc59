import { parse } from "csv-parse/sync";
import { AppError } from "@/lib/errors";
import type { RubricScale } from "@/lib/rubrics/scale";
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, IMPORT_MAX_QUESTIONS } from "./schemas";

/**
 * The question CSV: one row per question, one column group per rubric criterion
 * (criterion_N_key/title/description/weight and criterion_N_level_L for each level of the scale).
 * Tags are joined with "; ", follow-up probes and red flags one per line. Export and import share
 * this module, so everything the CSV carries round-trips. `version` is informational; an empty
 * `model_answer` means "keep the current one" (as a missing `modelAnswer` does in JSON).
 */
export const CSV_BASE_COLUMNS = ["key", "title", "status", "difficulty", "minutes", "tags", "prompt", "follow_ups", "red_flags", "model_answer", "version"] as const;
const CRITERION_FIELDS = ["key", "title", "description", "weight"] as const;
const REQUIRED_COLUMNS = ["key", "title", "prompt", "difficulty"] as const;

export interface CsvQuestion {
  key: string;
  status: string;
  title: string;
  prompt: string;
  difficulty: string;
  minutes: number;
  tags: string[];
  followUps: string[];
  redFlags: string[];
  modelAnswer: string | null;
  version: number;
  criteria: { key: string; title: string; description: string; weight: number; levels: { level: number; descriptor: string }[] }[];
}

const FORMULA_START = /^'*[=+\-@\t\r]/;

/** RFC 4180 quoting, plus a leading apostrophe on cells a spreadsheet would run as a formula. A cell that already
 * starts with apostrophes before such a character gets one more, so `unescapeCell` restores it exactly. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Undoes the formula escaping of `csvCell`. */
export function unescapeCell(s: string): string {
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s;
}

const criterionColumn = (n: number, field: string) => `criterion_${n}_${field}`;
const levelColumn = (n: number, level: number) => `criterion_${n}_level_${level}`;

export function toQuestionsCsv(questions: CsvQuestion[], scale: RubricScale): string {
  const maxCriteria = Math.max(1, ...questions.map((q) => q.criteria.length));
  const header: string[] = [...CSV_BASE_COLUMNS];
  for (let n = 1; n <= maxCriteria; n++) {
    header.push(...CRITERION_FIELDS.map((f) => criterionColumn(n, f)));
    for (let l = scale.min; l <= scale.max; l++) header.push(levelColumn(n, l));
  }
  const lines = [header.join(",")];
  for (const q of questions) {
    const cells: (string | number)[] = [
      q.key,
      q.title,
      q.status,
      q.difficulty,
      q.minutes,
      q.tags.join("; "),
      q.prompt,
      q.followUps.join("\n"),
      q.redFlags.join("\n"),
      q.modelAnswer ?? "",
      q.version,
    ];
    for (let i = 0; i < maxCriteria; i++) {
      const c = q.criteria[i];
      cells.push(c?.key ?? "", c?.title ?? "", c?.description ?? "", c?.weight ?? "");
      for (let l = scale.min; l <= scale.max; l++) cells.push(c?.levels.find((x) => x.level === l)?.descriptor ?? "");
    }
    lines.push(cells.map(csvCell).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

export interface ParsedQuestionsCsv {
  /** A Panelist question file (the JSON import format), validated by `importQuestions`. */
  file: { format: typeof EXPORT_FORMAT; version: typeof EXPORT_FORMAT_VERSION; scale: RubricScale; questions: unknown[] };
  /** The spreadsheet row number (header = row 1) of each question in `file.questions`. */
  sourceRows: number[];
}

function fileError(message: string, field = "file"): AppError {
  return new AppError("VALIDATION", message, { fieldErrors: { [field]: [message] }, details: { rows: [{ row: null, key: null, fieldErrors: { [field]: [message] } }] } });
}

const numberOrText = (s: string): number | string => (s.trim() !== "" && Number.isFinite(Number(s)) ? Number(s) : s);
const lines = (s: string) => s.split(/\r?\n/).map((x) => x.trim()).filter(Boolean);

/**
 * Parses the question CSV into the JSON import file. Only the file's shape is checked here
 * (parsable, known columns); the content of every row is validated by `importQuestions`.
 */
export function parseQuestionsCsv(text: string): ParsedQuestionsCsv {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw fileError(`This CSV file cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const [header, ...body] = records;
  if (!header) throw fileError("The file is empty.");
  const columns = header.map((h) => h.trim());
  const index = new Map<string, number>();
  const levelsByCriterion = new Map<number, Set<number>>();
  for (const [i, col] of columns.entries()) {
    if (index.has(col)) throw fileError(`The column “${col}” appears twice.`, col);
    index.set(col, i);
    if ((CSV_BASE_COLUMNS as readonly string[]).includes(col)) continue;
    const field = /^criterion_([1-9]\d*)_(key|title|description|weight)$/.exec(col);
    const level = /^criterion_([1-9]\d*)_level_(-?\d+)$/.exec(col);
    if (level) {
      const n = Number(level[1]);
      levelsByCriterion.set(n, (levelsByCriterion.get(n) ?? new Set()).add(Number(level[2])));
    } else if (!field) throw fileError(`Unknown column “${col}”. Start from a CSV exported by Panelist.`, col);
  }
  for (const col of REQUIRED_COLUMNS) if (!index.has(col)) throw fileError(`The column “${col}” is missing.`, col);
  const allLevels = [...levelsByCriterion.values()].flatMap((s) => [...s]);
  if (!index.has(criterionColumn(1, "title")) || allLevels.length === 0) {
    throw fileError("The file has no rubric columns (criterion_1_title, criterion_1_level_… and so on).", "criteria");
  }
  const scale = { min: Math.min(...allLevels), max: Math.max(...allLevels) };
  const criterionNumbers = [...new Set([...columns.flatMap((c) => /^criterion_([1-9]\d*)_/.exec(c)?.[1] ?? []).map(Number)])].sort((a, b) => a - b);
  if (body.length === 0) throw fileError("The file has no questions.");
  if (body.length > IMPORT_MAX_QUESTIONS) throw fileError(`Import at most ${IMPORT_MAX_QUESTIONS} questions at once.`);

  const questions: unknown[] = [];
  const sourceRows: number[] = [];
  body.forEach((record, i) => {
    const cell = (col: string): string | undefined => {
      const at = index.get(col);
      return at === undefined ? undefined : unescapeCell(record[at] ?? "");
    };
    const optional = (col: string) => {
      const v = cell(col);
      return v === undefined || v.trim() === "" ? undefined : v;
    };
    const criteria: unknown[] = [];
    for (const n of criterionNumbers) {
      const levelCols = [...(levelsByCriterion.get(n) ?? [])].sort((a, b) => a - b);
      const fields = CRITERION_FIELDS.map((f) => cell(criterionColumn(n, f)) ?? "");
      const levelCells = levelCols.map((l) => cell(levelColumn(n, l)) ?? "");
      if ([...fields, ...levelCells].every((v) => v.trim() === "")) continue; // an unused criterion group
      const [key, title, description, weight] = fields as [string, string, string, string];
      criteria.push({
        ...(key.trim() ? { key: key.trim() } : {}),
        title,
        description,
        weight: weight.trim() === "" ? undefined : numberOrText(weight),
        levels: levelCols.flatMap((level, j) => (levelCells[j]!.trim() === "" ? [] : [{ level, descriptor: levelCells[j]! }])),
      });
    }
    const minutes = optional("minutes");
    questions.push({
      key: cell("key")?.trim() ?? "",
      title: cell("title") ?? "",
      prompt: cell("prompt") ?? "",
      difficulty: cell("difficulty")?.trim().toUpperCase() ?? "",
      ...(optional("status") ? { status: optional("status")!.trim().toUpperCase() } : {}),
      ...(minutes !== undefined ? { minutes: numberOrText(minutes) } : {}),
      tags: (cell("tags") ?? "").split(";").map((t) => t.trim()).filter(Boolean),
      followUps: lines(cell("follow_ups") ?? ""),
      redFlags: lines(cell("red_flags") ?? ""),
      ...(optional("model_answer") !== undefined ? { modelAnswer: cell("model_answer") } : {}),
      criteria,
    });
    sourceRows.push(i + 2);
  });
  return { file: { format: EXPORT_FORMAT, version: EXPORT_FORMAT_VERSION, scale, questions }, sourceRows };
}

/** "criteria.1.levels.0.descriptor" → "criteria[1].levels[0].descriptor" */
export function csvFieldLabel(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}
