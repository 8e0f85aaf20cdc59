import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { importQuestions } from "./import-questions";
import { csvFieldLabel, parseQuestionsCsv } from "./questions-csv";
import type { ImportOptions } from "./schemas";
import type { ImportResult, ImportRowError } from "./types";

/**
 * Imports the question CSV (the format the CSV export writes). The rows are converted into the
 * JSON import file and handed to `importQuestions`, so validation, the all-or-nothing transaction
 * and the audit event are the same; errors are re-labelled by spreadsheet row and field
 * ("Row 3, criteria[1].weight").
 */
export async function importQuestionsCsv(actor: Actor, text: string, options: ImportOptions = { dryRun: false }): Promise<ImportResult> {
  const { file, sourceRows } = parseQuestionsCsv(text);
  try {
    const result = await importQuestions(actor, file, options);
    return { ...result, questions: result.questions.map((q) => ({ ...q, sourceRow: sourceRows[q.row] })) };
  } catch (err) {
    const rows = (err instanceof AppError ? (err.details as { rows?: ImportRowError[] } | undefined)?.rows : undefined) ?? null;
    if (!(err instanceof AppError) || !rows) throw err;
    const fieldErrors: Record<string, string[]> = {};
    const relabelled = rows.map((r): ImportRowError => {
      const sourceRow = r.row === null ? undefined : sourceRows[r.row];
      const fields = Object.fromEntries(Object.entries(r.fieldErrors).map(([path, msgs]) => [csvFieldLabel(path), msgs]));
      for (const [field, msgs] of Object.entries(fields)) fieldErrors[sourceRow === undefined ? field : `Row ${sourceRow}, ${field}`] = msgs;
      return { ...r, fieldErrors: fields, ...(sourceRow !== undefined ? { sourceRow } : {}) };
    });
    const message = err.message.replace(/questions have problems/, "rows have problems");
    throw new AppError("VALIDATION", message, { fieldErrors, details: { rows: relabelled } });
  }
}
