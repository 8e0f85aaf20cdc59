// GET|PATCH /api/organizations/settings — organization name and rubric scale
import { parseJson, withActor } from "@/lib/api/route";
import { organizationSettingsSchema } from "@/lib/organizations/schemas";
import { getOrganizationSettings, updateOrganizationSettings } from "@/lib/organizations/settings";

export const GET = withActor(async ({ actor }) => ({ settings: await getOrganizationSettings(actor) }));

export const PATCH = withActor(async ({ req, actor }) => {
  const input = await parseJson(req, organizationSettingsSchema);
  return { settings: await updateOrganizationSettings(actor, input) };
});
