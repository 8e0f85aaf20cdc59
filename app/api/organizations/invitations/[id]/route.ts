// DELETE /api/organizations/invitations/:id — withdraw a pending invitation
import { withActor } from "@/lib/api/route";
import { revokeInvitation } from "@/lib/organizations/invitations";

export const DELETE = withActor<{ id: string }>(async ({ actor, params }) => {
  await revokeInvitation(actor, params.id);
  return { ok: true };
});
