// POST /api/notifications/read — mark some of my notifications read ({ ids }), or all ({ all: true })
import { parseJson, withActor } from "@/lib/api/route";
import { markNotificationsRead } from "@/lib/feedback/notifications";
import { markReadSchema } from "@/lib/feedback/schemas";

export const POST = withActor(async ({ req, actor }) => markNotificationsRead(actor, await parseJson(req, markReadSchema)));
