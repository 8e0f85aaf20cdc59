// POST /api/questions/import[?dryRun=1][&format=json|csv] — validate a question file (row-level errors) and import it all-or-nothing.
// The format comes from `format`, else from the content type (text/csv → CSV), else JSON. The
// body limit (10 MB) is the import class's in lib/security/route-policy.ts.
import { z } from "zod";
import { parseJson, parseQuery, readBodyText, withActor } from "@/lib/api/route";
import { importQuestions } from "@/lib/questions/import-questions";
import { importQuestionsCsv } from "@/lib/questions/import-questions-csv";
import { mediaTypeOf } from "@/lib/security/route-policy";

const querySchema = z.object({ dryRun: z.enum(["0", "1", "true", "false"]).optional(), format: z.enum(["json", "csv"]).optional() });

export const POST = withActor(
  async ({ req, actor }) => {
    const query = parseQuery(req, querySchema);
    const dryRun = query.dryRun === "1" || query.dryRun === "true";
    const contentType = mediaTypeOf(req.headers.get("content-type"));
    const format = query.format ?? (contentType === "text/csv" || contentType === "application/csv" ? "csv" : "json");
    if (format === "csv") return { result: await importQuestionsCsv(actor, await readBodyText(req), { dryRun }) };
    // The file's structure is checked by the service, row by row, so errors can name the row.
    const file = await parseJson(req, z.unknown());
    return { result: await importQuestions(actor, file, { dryRun }) };
  },
  { permission: "questions.write" },
);
