// POST /api/questions/import[?dryRun=1] — validate a question file (row-level errors) and import it all-or-nothing
import { z } from "zod";
import { parseJson, parseQuery, withActor } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { importQuestions } from "@/lib/questions/import-questions";

const MAX_BYTES = 20 * 1024 * 1024;
const querySchema = z.object({ dryRun: z.enum(["0", "1", "true", "false"]).optional() });

export const POST = withActor(
  async ({ req, actor }) => {
    const { dryRun } = parseQuery(req, querySchema);
    if (Number(req.headers.get("content-length") ?? 0) > MAX_BYTES) {
      throw new AppError("VALIDATION", "That file is larger than 20 MB. Split it and import the parts.");
    }
    // The file's structure is checked by the service, row by row, so errors can name the row.
    const file = await parseJson(req, z.unknown());
    return { result: await importQuestions(actor, file, { dryRun: dryRun === "1" || dryRun === "true" }) };
  },
  { permission: "questions.write" },
);
