// POST /api/lab-runs — launch a lab run · GET /api/lab-runs?interviewId= — list runs
import { parseJson, parseQuery, withActor } from "@/lib/api/route";
import { listLabRuns } from "@/lib/lab/list-lab-runs";
import { listLabRunsSchema, startLabRunSchema } from "@/lib/lab/schemas";
import { startLabRun } from "@/lib/lab/start-lab-run";

export const POST = withActor(async ({ req, actor }) => {
  const run = await startLabRun(actor, await parseJson(req, startLabRunSchema));
  return Response.json(run, { status: 202 });
});

export const GET = withActor(async ({ req, actor }) => listLabRuns(actor, parseQuery(req, listLabRunsSchema)));
