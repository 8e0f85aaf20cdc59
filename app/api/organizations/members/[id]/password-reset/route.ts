// POST /api/organizations/members/:id/password-reset — a password reset link for a member, shown once to copy (audited)
import { NextResponse } from "next/server";
import { withActor } from "@/lib/api/route";
import { createPasswordResetLink } from "@/lib/auth/password-reset-link";

export const POST = withActor<{ id: string }>(async ({ actor, params }) =>
  NextResponse.json(await createPasswordResetLink(actor, params.id), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
