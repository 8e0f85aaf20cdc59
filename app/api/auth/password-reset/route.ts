// POST /api/auth/password-reset — set a new password through a reset link; every session of that account ends
import { parseJson, withErrors } from "@/lib/api/route";
import { resetPassword } from "@/lib/auth/password-reset";
import { resetPasswordSchema } from "@/lib/auth/schemas";

export const POST = withErrors(async ({ req }) => {
  await resetPassword(await parseJson(req, resetPasswordSchema));
  return { ok: true };
});
