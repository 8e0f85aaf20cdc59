// GET /api/organizations/members?q= — members of the actor's organization (q: name or email)
import { parseQuery, withActor } from "@/lib/api/route";
import { listMembers } from "@/lib/organizations/members";
import { memberSearchSchema } from "@/lib/organizations/schemas";

export const GET = withActor(async ({ req, actor }) => ({ members: await listMembers(actor, parseQuery(req, memberSearchSchema)) }));
