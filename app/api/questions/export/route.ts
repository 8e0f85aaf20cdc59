// GET /api/questions/export?format=json|csv|markdown[&ids=…] — download the bank (JSON round-trips through import)
import { parseQuery, withActor } from "@/lib/api/route";
import { exportQuestions } from "@/lib/questions/export-questions";
import { exportQuerySchema } from "@/lib/questions/schemas";

export const GET = withActor(
  async ({ req, actor }) => {
    const file = await exportQuestions(actor, parseQuery(req, exportQuerySchema));
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  },
  { permission: "questions.read" },
);
