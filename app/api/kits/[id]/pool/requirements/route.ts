// PUT /api/kits/:id/pool/requirements — how many shadows and reverse shadows before promotion
import { parseJson, withActor } from "@/lib/api/route";
import { setPoolRequirements } from "@/lib/pools/manage-pool";
import { poolRequirementsSchema } from "@/lib/pools/schemas";

type P = { id: string };

export const PUT = withActor<P>(async ({ req, actor, params }) => ({ pool: await setPoolRequirements(actor, params.id, await parseJson(req, poolRequirementsSchema)) }), {
  permission: "pools.manage",
});
