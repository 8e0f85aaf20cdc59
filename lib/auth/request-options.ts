import "server-only";
// next-auth's options for one request to /api/auth/*. next-auth v4 fixes its providers per
// options object, so a sign-in or callback for an organization's identity provider
// (/api/auth/{signin,callback}/sso-<organizationId>) gets that provider added here
// (lib/sso/sso-provider.ts); every other action sees the password provider alone.
import type { NextAuthOptions } from "next-auth";
import { organizationOfSsoProvider } from "@/lib/sso/schemas";
import { ssoProviderFor } from "@/lib/sso/sso-provider";
import { clientIp } from "./client-ip";
import { authOptions } from "./options";

export async function authOptionsForRequest(nextauth: readonly string[], headers: Headers): Promise<NextAuthOptions> {
  const [action, providerId] = nextauth;
  const organizationId = action === "signin" || action === "callback" ? organizationOfSsoProvider(providerId) : null;
  const sso = organizationId ? await ssoProviderFor(organizationId) : null;
  return authOptions({ sso, client: { ip: clientIp(headers), userAgent: headers.get("user-agent") } });
}
