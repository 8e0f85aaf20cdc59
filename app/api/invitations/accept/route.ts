// POST /api/invitations/accept — accept an invitation (new account, or the signed-in invitee)
import { acceptInviteSchema } from "@/lib/auth/schemas";
import { parseJson, withErrors } from "@/lib/api/route";
import { getSessionUserId } from "@/lib/auth/actor";
import { acceptInvitation } from "@/lib/organizations/invitations";

export const POST = withErrors(async ({ req }) => {
  const input = await parseJson(req, acceptInviteSchema);
  const result = await acceptInvitation(input, await getSessionUserId());
  return { organizationId: result.organizationId, email: result.email, createdAccount: result.createdAccount };
});
