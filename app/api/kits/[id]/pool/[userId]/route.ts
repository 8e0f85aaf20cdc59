// PATCH|DELETE /api/kits/:id/pool/:userId — promote or demote a pool member, set their weekly limit; remove them
import { parseJson, withActor } from "@/lib/api/route";
import { removePoolMember, updatePoolMember } from "@/lib/pools/manage-pool";
import { updatePoolMemberSchema } from "@/lib/pools/schemas";

type P = { id: string; userId: string };

export const PATCH = withActor<P>(
  async ({ req, actor, params }) => ({ pool: await updatePoolMember(actor, params.id, params.userId, await parseJson(req, updatePoolMemberSchema)) }),
  { permission: "pools.manage" },
);

export const DELETE = withActor<P>(async ({ actor, params }) => ({ pool: await removePoolMember(actor, params.id, params.userId) }), { permission: "pools.manage" });
