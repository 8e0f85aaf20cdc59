// GET|PUT|DELETE /api/organizations/sso — the organization's single sign-on (owners; lib/sso)
import { parseJson, withActor } from "@/lib/api/route";
import { ssoConfigInputSchema } from "@/lib/sso/schemas";
import { getSsoSettings, removeSsoConfig, saveSsoConfig } from "@/lib/sso/sso-config";

export const GET = withActor(async ({ actor }) => ({ sso: await getSsoSettings(actor) }), { permission: "sso.manage" });

export const PUT = withActor(
  async ({ req, actor }) => {
    const input = await parseJson(req, ssoConfigInputSchema);
    return { sso: await saveSsoConfig(actor, input) };
  },
  { permission: "sso.manage" },
);

export const DELETE = withActor(async ({ actor }) => removeSsoConfig(actor), { permission: "sso.manage" });
