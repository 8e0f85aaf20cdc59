// GET /api/interviews/mine — the interviews I sit on: today, upcoming, past, in my time zone
import { withActor } from "@/lib/api/route";
import { listMyInterviews } from "@/lib/interviews/list-my-interviews";

export const GET = withActor(async ({ actor }) => listMyInterviews(actor));
