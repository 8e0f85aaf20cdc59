// GET|POST /api/organizations/invitations — pending invitations; invite a member by email with a role
import { NextResponse } from "next/server";
import { inviteSchema } from "@/lib/auth/schemas";
import { parseJson, withActor } from "@/lib/api/route";
import { createInvitation, listPendingInvitations } from "@/lib/organizations/invitations";

export const GET = withActor(async ({ actor }) => ({ invitations: await listPendingInvitations(actor) }));

export const POST = withActor(async ({ req, actor }) => {
  const input = await parseJson(req, inviteSchema);
  return NextResponse.json(await createInvitation(actor, input), { status: 201 });
});
