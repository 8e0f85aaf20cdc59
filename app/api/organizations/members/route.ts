// GET /api/organizations/members — members of the actor's organization
import { withActor } from "@/lib/api/route";
import { listMembers } from "@/lib/organizations/members";

export const GET = withActor(async ({ actor }) => ({ members: await listMembers(actor) }));
