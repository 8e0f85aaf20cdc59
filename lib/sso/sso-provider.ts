import "server-only";
// next-auth v4's providers are fixed when its options are built, so the route builds them per
// request (app/api/auth/[...nextauth]/route.ts): a request for /api/auth/{signin,callback}/sso-<id>
// gets that organization's identity provider as next-auth's own OAuth provider — discovery
// (wellKnown), the code flow with PKCE, state and nonce, and the ID token checked by
// openid-client (signature against the provider's JWKS, issuer, audience = our client id,
// expiry, nonce). Nothing of the protocol is written here. Its requests resolve names through
// ssoLookup (lib/sso/discovery.ts), so a provider whose name later resolves inward is refused at
// sign-in too.
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "@/lib/db/client";
import { discoveryUrl, ssoLookup } from "./discovery";
import { type SsoClaims, ssoProviderId } from "./schemas";
import { ssoSecretContext } from "./sso-config";
import { openSecret } from "./secret-box";

export type SsoProfile = SsoClaims & { sub: string };

/** The organization's provider for next-auth, or null when it has none (or its secret no longer opens). */
export async function ssoProviderFor(organizationId: string): Promise<OAuthConfig<SsoProfile> | null> {
  const config = await db.ssoConfig.findUnique({ where: { organizationId } });
  if (!config) return null;
  const clientSecret = openSecret(config.clientSecretEnc, ssoSecretContext(organizationId));
  if (clientSecret === null) return null;
  return {
    id: ssoProviderId(organizationId),
    name: "Single sign-on",
    type: "oauth",
    wellKnown: discoveryUrl(config.issuer),
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // Every name openid-client dials at sign-in passes the same address rules as on save (SSRF).
    httpOptions: { timeout: 10_000, lookup: ssoLookup() },
    profile(claims) {
      const email = typeof claims.email === "string" ? claims.email : null;
      return { id: claims.sub, email, name: typeof claims.name === "string" ? claims.name : email };
    },
  };
}
