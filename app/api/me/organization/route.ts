// PUT /api/me/organization — switch the active organization (must be a member)
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseJson, withActor } from "@/lib/api/route";
import { ACTIVE_ORG_COOKIE } from "@/lib/auth/actor";
import { assertMemberOf } from "@/lib/organizations/my-organizations";
import { publicOrigin } from "@/lib/security/public-origin";

const switchSchema = z.object({ organizationId: z.string().min(1).max(64) });

export const PUT = withActor(async ({ req, actor }) => {
  const { organizationId } = await parseJson(req, switchSchema);
  const id = await assertMemberOf(actor, organizationId);
  const res = NextResponse.json({ organizationId: id });
  res.cookies.set(ACTIVE_ORG_COOKIE, id, { httpOnly: true, sameSite: "lax", path: "/", secure: publicOrigin()?.https ?? req.nextUrl.protocol === "https:", maxAge: 365 * 24 * 3600 });
  return res;
});
