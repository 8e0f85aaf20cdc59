// POST /api/organizations/sso/domains/verify — check a claimed SSO domain's DNS TXT record and mark it verified (owners; lib/sso)
import { parseJson, withActor } from "@/lib/api/route";
import { ssoDomainVerifySchema } from "@/lib/sso/schemas";
import { verifySsoDomain } from "@/lib/sso/verify-sso-domain";

export const POST = withActor(
  async ({ req, actor }) => ({ domain: await verifySsoDomain(actor, await parseJson(req, ssoDomainVerifySchema)) }),
  { permission: "sso.manage" },
);
