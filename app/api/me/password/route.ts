// POST /api/me/password — change my password (current + new); my other sessions end, this one stays
import { parseJson, withActor } from "@/lib/api/route";
import { changePassword } from "@/lib/auth/change-password";
import { changePasswordSchema } from "@/lib/auth/schemas";

export const POST = withActor(async ({ req, actor }) => changePassword(actor, await parseJson(req, changePasswordSchema)));
