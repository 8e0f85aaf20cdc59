// POST /api/questions/import[?dryRun=1][&format=json|csv] — validate a question file (row-level errors) and import it all-or-nothing.
// The format comes from `format`, else from the content type (text/csv → CSV), else JSON.
import { z } from "zod";
import { parseJson, parseQuery, withActor } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { importQuestions } from "@/lib/questions/import-questions";
import { importQuestionsCsv } from "@/lib/questions/import-questions-csv";

const MAX_BYTES = 20 * 1024 * 1024;
const querySchema = z.object({ dryRun: z.enum(["0", "1", "true", "false"]).optional(), format: z.enum(["json", "csv"]).optional() });
const tooLarge = () => new AppError("VALIDATION", "That file is larger than 20 MB. Split it and import the parts.");

export const POST = withActor(
  async ({ req, actor }) => {
    const query = parseQuery(req, querySchema);
    const dryRun = query.dryRun === "1" || query.dryRun === "true";
    if (Number(req.headers.get("content-length") ?? 0) > MAX_BYTES) throw tooLarge();
    const contentType = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const format = query.format ?? (contentType === "text/csv" || contentType === "application/csv" ? "csv" : "json");
    if (format === "csv") {
      const text = await req.text();
      if (Buffer.byteLength(text) > MAX_BYTES) throw tooLarge();
      return { result: await importQuestionsCsv(actor, text, { dryRun }) };
    }
    // The file's structure is checked by the service, row by row, so errors can name the row.
    const file = await parseJson(req, z.unknown());
    return { result: await importQuestions(actor, file, { dryRun }) };
  },
  { permission: "questions.write" },
);
