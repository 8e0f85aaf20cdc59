// GET /api/me — the signed-in actor: user, organization and role
import { withActor } from "@/lib/api/route";

export const GET = withActor(async ({ actor }) => ({ actor }));
