import "server-only";
// next-auth v4's providers are fixed when its options are built, so the route builds them per
// request (app/api/auth/[...nextauth]/route.ts): a request for /api/auth/{signin,callback}/sso-<id>
// gets that organization's identity provider as next-auth's own OAuth provider — the code flow
// with PKCE, state and nonce, and the ID token checked by openid-client (signature against the
// provider's JWKS, issuer, audience = our client id, expiry, nonce). Nothing of the protocol is
// written here.
//
// The discovery document is read and checked here, at each sign-in, by the same rules as on save
// (checkDiscovery: https, public addresses, the issuer it names), and next-auth is handed the
// checked endpoints rather than the discovery URL: a document changed since it was saved — say a
// token endpoint or key set at a literal private address, which no name lookup would see — is
// refused rather than called. openid-client's own requests (token, key set) resolve names
// through ssoLookup, so a name that later resolves inward is refused when dialled too.
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { checkDiscovery, ssoLookup } from "./discovery";
import { type SsoClaims, ssoProviderId } from "./schemas";
import { ssoSecretContext } from "./sso-config";
import { openSecret } from "./secret-box";

export type SsoProfile = SsoClaims & { sub: string };

const SCOPE = "openid email profile";
/** Where next-auth looks when the provider's discovery failed its check: a name that never resolves. */
export const UNREACHABLE_DISCOVERY = "https://discovery-refused.invalid/.well-known/openid-configuration";

/** A name lookup that fails at once (the provider's discovery was refused: nothing is to be dialled). */
const refuseEveryName: ReturnType<typeof ssoLookup> = (hostname, _options, callback) => {
  const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
  process.nextTick(() => (callback as (e: Error) => void)(err));
};

/** The organization's provider for next-auth, or null when it has none (or its secret no longer opens). */
export async function ssoProviderFor(organizationId: string): Promise<OAuthConfig<SsoProfile> | null> {
  const config = await db.ssoConfig.findUnique({ where: { organizationId } });
  if (!config) return null;
  const clientSecret = openSecret(config.clientSecretEnc, ssoSecretContext(organizationId));
  if (clientSecret === null) return null;
  let endpoints: Pick<OAuthConfig<SsoProfile>, "authorization" | "token" | "jwks_endpoint" | "wellKnown">;
  let lookup = ssoLookup();
  try {
    const d = await checkDiscovery(config.issuer);
    endpoints = { authorization: { url: d.authorizationEndpoint, params: { scope: SCOPE } }, token: d.tokenEndpoint, jwks_endpoint: d.jwksUri };
  } catch (err) {
    // Down, or its document no longer passes: next-auth meets a discovery URL that never resolves
    // (".invalid" is reserved, and ssoLookup refuses it besides), fails as it does for a provider
    // that does not answer, and sends the person back with OAuthSignin. Nothing is called.
    log("sso").warn({ organizationId, reason: err instanceof Error ? err.message : String(err) }, "the identity provider's discovery failed its check at sign-in");
    endpoints = { wellKnown: UNREACHABLE_DISCOVERY, authorization: { params: { scope: SCOPE } } };
    lookup = refuseEveryName;
  }
  return {
    id: ssoProviderId(organizationId),
    name: "Single sign-on",
    type: "oauth",
    ...endpoints,
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret,
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // Every name openid-client dials at sign-in passes the same address rules as on save (SSRF).
    httpOptions: { timeout: 10_000, lookup },
    profile(claims) {
      const email = typeof claims.email === "string" ? claims.email : null;
      return { id: claims.sub, email, name: typeof claims.name === "string" ? claims.name : email };
    },
  };
}
