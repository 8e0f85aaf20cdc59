// PUT /api/me/time-zone — set my own IANA time zone (interview times are shown to me in it)
import { parseJson, withActor } from "@/lib/api/route";
import { updateTimeZoneSchema } from "@/lib/profile/schemas";
import { updateMyTimeZone } from "@/lib/profile/update-time-zone";

export const PUT = withActor(async ({ req, actor }) => updateMyTimeZone(actor, await parseJson(req, updateTimeZoneSchema)));
