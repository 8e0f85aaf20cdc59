import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { AppError, validationError, zodFieldErrors } from "@/lib/errors";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";
import { diffQuestionContent } from "./diff";
import { appendVersion, insertQuestion } from "./persist-question-version";
import { questionSelect, toVersionView, versionSelect } from "./question-view";
import { exportedQuestionSchema, importFileSchema, withScaleChecks, type ExportedQuestion, type ImportOptions } from "./schemas";
import type { ImportResult, ImportRowError } from "./types";

/** Thrown inside the transaction to roll a dry run back after it did all the real work. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super("dry run");
  }
}

function rowErrorsFailure(rows: ImportRowError[], message: string): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const r of rows) {
    for (const [path, msgs] of Object.entries(r.fieldErrors)) {
      fieldErrors[r.row === null ? path : ["questions", r.row, path].filter((p) => p !== "").join(".")] = msgs;
    }
  }
  return new AppError("VALIDATION", message, { fieldErrors, details: { rows } });
}

/**
 * Imports a Panelist question file (the JSON export format). Everything is validated before
 * anything is written, and every problem is reported per question ("row") with field paths.
 * The writes then run in one transaction: all questions land, or none do.
 *
 * A question whose key matches an existing question's external key (or, for questions that
 * were exported without one, its id) gets a new version when its content differs; identical
 * content is left alone, so re-importing the same file is a no-op. A missing `modelAnswer`
 * keeps the current one. `dryRun` performs the same writes and rolls them back. The file is the
 * one input a service parses itself: checking it row by row, so errors can name the row, is the
 * import's job.
 */
export async function importQuestions(actor: Actor, file: unknown, options: ImportOptions = { dryRun: false }): Promise<ImportResult> {
  assertCan(actor, "questions.write");
  const { dryRun } = options;

  const envelope = importFileSchema.safeParse(file);
  if (!envelope.success) throw validationError(envelope.error, "This file cannot be imported.");
  const scale = await getOrganizationScale(actor);
  if (envelope.data.scale.min !== scale.min || envelope.data.scale.max !== scale.max) {
    throw rowErrorsFailure(
      [
        {
          row: null,
          key: null,
          fieldErrors: {
            scale: [
              `The file's rubrics use the scale ${envelope.data.scale.min}–${envelope.data.scale.max}, but your organization uses ${scale.min}–${scale.max}.`,
            ],
          },
        },
      ],
      "This file cannot be imported.",
    );
  }

  const rowSchema = withScaleChecks(exportedQuestionSchema, scale);
  const errors: ImportRowError[] = [];
  const rows: { row: number; q: ExportedQuestion }[] = [];
  const seen = new Map<string, number>();
  envelope.data.questions.forEach((raw, row) => {
    const rawKey = typeof (raw as { key?: unknown })?.key === "string" ? ((raw as { key: string }).key as string) : null;
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push({ row, key: rawKey, fieldErrors: zodFieldErrors(parsed.error) });
      return;
    }
    const first = seen.get(parsed.data.key);
    if (first !== undefined) {
      errors.push({ row, key: parsed.data.key, fieldErrors: { key: [`Question ${first + 1} already uses this key.`] } });
      return;
    }
    seen.set(parsed.data.key, row);
    rows.push({ row, q: parsed.data });
  });
  if (errors.length) {
    throw rowErrorsFailure(
      errors,
      `${errors.length} of ${envelope.data.questions.length} questions have problems. Nothing was imported; fix them and try again.`,
    );
  }

  try {
    return await db.$transaction(
      async (tx) => {
        const keys = rows.map((r) => r.q.key);
        const existing = await tx.question.findMany({
          where: { organizationId: actor.organizationId, OR: [{ externalKey: { in: keys } }, { id: { in: keys } }] },
          select: questionSelect,
        });
        const byKey = new Map<string, (typeof existing)[number]>();
        for (const q of existing) if (!q.externalKey || !keys.includes(q.externalKey)) byKey.set(q.id, q);
        for (const q of existing) if (q.externalKey && keys.includes(q.externalKey)) byKey.set(q.externalKey, q);

        const result: ImportResult = { dryRun, created: 0, updated: 0, unchanged: 0, questions: [] };
        for (const { row, q } of rows) {
          const { key, status, modelAnswer, ...rest } = q;
          const match = byKey.get(key);
          if (!match) {
            const id = await insertQuestion(tx, actor, { ...rest, modelAnswer: modelAnswer ?? "" }, scale, { status, externalKey: key });
            result.created++;
            result.questions.push({ row, key, id, action: "create" });
            continue;
          }
          const latestRow = await tx.questionVersion.findFirst({
            where: { questionId: match.id, organizationId: actor.organizationId, number: match.latestVersionNo },
            select: versionSelect,
          });
          const latest = latestRow ? toVersionView(actor, latestRow) : null;
          // Left out of the file, the model answer and the lab stay as they are.
          const content = { ...rest, modelAnswer: modelAnswer ?? latest?.modelAnswer ?? "", lab: rest.lab === undefined ? (latest?.lab ?? null) : rest.lab };
          if (latest && diffQuestionContent(latest, content).identical) {
            if (status !== match.status) {
              await tx.question.update({ where: { id: match.id }, data: { status, lockVersion: { increment: 1 } } });
              result.updated++;
              result.questions.push({ row, key, id: match.id, action: "update" });
            } else {
              result.unchanged++;
              result.questions.push({ row, key, id: match.id, action: "unchanged" });
            }
            continue;
          }
          const ok = await appendVersion(tx, actor, match, match.lockVersion, content, scale, status);
          if (!ok) throw new AppError("CONFLICT", `Question “${rest.title}” was changed while importing. Nothing was imported; try again.`);
          result.updated++;
          result.questions.push({ row, key, id: match.id, action: "update" });
        }

        await recordAuditEvent(tx, {
          organizationId: actor.organizationId,
          actorId: actor.userId,
          action: "questions.imported",
          targetType: "question",
          data: {
            created: result.created,
            updated: result.updated,
            unchanged: result.unchanged,
            questionIds: result.questions.filter((r) => r.action !== "unchanged").map((r) => r.id),
          },
        });
        if (dryRun) throw new DryRunRollback(result);
        return result;
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  } catch (err) {
    if (err instanceof DryRunRollback) {
      // Ids of rows that would be created do not exist after the rollback.
      return { ...err.result, questions: err.result.questions.map((q) => (q.action === "create" ? { ...q, id: null } : q)) };
    }
    throw err;
  }
}
