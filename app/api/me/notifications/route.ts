// GET|PUT /api/me/notifications — which scorecard reminder channels (mail, in the app) I have muted
import { parseJson, withActor } from "@/lib/api/route";
import { getMyReminderMutes, updateMyReminderMutes } from "@/lib/feedback/notifications";
import { reminderMutesSchema } from "@/lib/feedback/schemas";

export const GET = withActor(async ({ actor }) => getMyReminderMutes(actor));
export const PUT = withActor(async ({ req, actor }) => updateMyReminderMutes(actor, await parseJson(req, reminderMutesSchema)));
