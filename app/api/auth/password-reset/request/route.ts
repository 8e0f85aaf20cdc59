// POST /api/auth/password-reset/request — "Forgot password?": mail a reset link; the same answer whether or not the account exists
import { parseJson, withErrors } from "@/lib/api/route";
import { clientIp } from "@/lib/auth/client-ip";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { forgotPasswordSchema } from "@/lib/auth/schemas";

export const POST = withErrors(async ({ req }) => {
  // Answered without waiting for `delivery` (the lookup and the mail), so the answer's timing
  // says nothing about the account; the long-running server (scripts/server.ts) finishes it.
  await requestPasswordReset(await parseJson(req, forgotPasswordSchema), { ip: clientIp(req.headers) });
  return { ok: true };
});
