// POST /api/auth/password-reset/check — whether a reset link still works (the token travels in the body, never in a URL)
import { z } from "zod";
import { parseJson, withErrors } from "@/lib/api/route";
import { checkResetToken } from "@/lib/auth/password-reset";

export const POST = withErrors(async ({ req }) => checkResetToken((await parseJson(req, z.object({ token: z.string().max(200) }))).token));
