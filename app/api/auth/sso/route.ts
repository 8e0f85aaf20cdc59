// POST /api/auth/sso — "Sign in with SSO": which organization's identity provider an email's domain signs in with
import { parseJson, withErrors } from "@/lib/api/route";
import { ssoStartSchema } from "@/lib/sso/schemas";
import { startSsoSignIn } from "@/lib/sso/sso-sign-in";

export const POST = withErrors(async ({ req }) => startSsoSignIn(await parseJson(req, ssoStartSchema)));
