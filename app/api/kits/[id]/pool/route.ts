// GET|POST /api/kits/:id/pool — a kit's interviewer pool with progress and weekly load; add a member
import { parseJson, withActor } from "@/lib/api/route";
import { getKitPool } from "@/lib/pools/get-kit-pool";
import { addPoolMember } from "@/lib/pools/manage-pool";
import { addPoolMemberSchema } from "@/lib/pools/schemas";

type P = { id: string };

export const GET = withActor<P>(async ({ actor, params }) => ({ pool: await getKitPool(actor, params.id) }), { permission: "interviews.schedule" });

export const POST = withActor<P>(async ({ req, actor, params }) => ({ pool: await addPoolMember(actor, params.id, await parseJson(req, addPoolMemberSchema)) }), {
  permission: "pools.manage",
});
