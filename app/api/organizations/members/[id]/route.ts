// GET|PATCH|DELETE /api/organizations/members/:id — read a member, change their role, remove them
import { changeRoleSchema } from "@/lib/auth/schemas";
import { parseJson, withActor } from "@/lib/api/route";
import { changeMemberRole, getMemberOrThrow, removeMember } from "@/lib/organizations/members";

type P = { id: string };

export const GET = withActor<P>(async ({ actor, params }) => ({ member: await getMemberOrThrow(actor, params.id) }));

export const PATCH = withActor<P>(async ({ req, actor, params }) => {
  const input = await parseJson(req, changeRoleSchema);
  return { member: await changeMemberRole(actor, params.id, input) };
});

export const DELETE = withActor<P>(async ({ actor, params }) => {
  await removeMember(actor, params.id);
  return { ok: true };
});
