// POST /api/organizations/sso/test — "Test connection": check an issuer's discovery document, nothing saved
import { parseJson, withActor } from "@/lib/api/route";
import { ssoTestSchema } from "@/lib/sso/schemas";
import { testSsoConnection } from "@/lib/sso/sso-config";

export const POST = withActor(
  async ({ req, actor }) => ({ discovery: await testSsoConnection(actor, await parseJson(req, ssoTestSchema)) }),
  { permission: "sso.manage" },
);
