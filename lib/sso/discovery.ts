import "server-only";
// The identity provider's discovery document (OpenID Connect Discovery 1.0,
// `<issuer>/.well-known/openid-configuration`), checked before a configuration is saved and by
// "Test connection": it must answer within a few seconds with JSON naming the same issuer, the
// endpoints the code flow needs, and a JWKS with at least one key. Anything else is a 400 with
// what went wrong, so a typo in the issuer never reaches a sign-in.
//
// The issuer is typed by an owner, so the fetch is a server-side request to an address of their
// choosing (SSRF): the issuer, its jwks_uri and its token endpoint (which next-auth calls at
// sign-in) must use https and resolve only to public addresses (lib/net/public-address.ts, the
// webhooks' check), and each fetch connects to the address checked. PANELIST_SSO_ALLOW_LOOPBACK=1
// (ignored in production) also admits http and loopback addresses, for a provider on this
// machine in tests and development. PANELIST_SSO_PRIVATE_NETWORK=1 (production too) is for a
// provider on the company's own network (a self-hosted Keycloak, say): private, unique-local and
// loopback addresses are admitted, http only on loopback; link-local (cloud metadata) never.
// A refusal never names the address a host resolved to.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { GetPinnedError, getPinned } from "@/lib/net/get-pinned";
import { isLoopback, publicOnlyLookup, resolvePublicHost } from "@/lib/net/public-address";
import type { SsoDiscoverySummary } from "./schemas";

const TIMEOUT_MS = 5_000;
const MAX_BYTES = 256 * 1024;

const discoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  response_types_supported: z.array(z.string()).optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
});
const jwksSchema = z.object({ keys: z.array(z.object({ kty: z.string() }).loose()).min(1) });

/** PANELIST_SSO_ALLOW_LOOPBACK=1 (never in production): http, and loopback addresses, for a provider on this machine in tests and development. */
export function ssoLoopbackAllowed(): boolean {
  return process.env.PANELIST_SSO_ALLOW_LOOPBACK === "1" && process.env.NODE_ENV !== "production";
}

/** PANELIST_SSO_PRIVATE_NETWORK=1: an identity provider on the organization's own network, in production too. */
export function ssoPrivateNetworkAllowed(): boolean {
  return process.env.PANELIST_SSO_PRIVATE_NETWORK === "1";
}

const PRIVATE_NETWORK_RANGES: ReadonlySet<string> = new Set(["private", "uniqueLocal", "loopback"]);

/**
 * For next-auth's own requests at sign-in (discovery, token, keys, through openid-client): names
 * resolved under the same address rules as the checks here, at the moment they are dialled.
 */
export function ssoLookup() {
  return publicOnlyLookup({ allowLoopback: ssoLoopbackAllowed(), allowRanges: ssoPrivateNetworkAllowed() ? PRIVATE_NETWORK_RANGES : undefined });
}

/** The issuer as stored and compared: no trailing slash. */
export function normalizeIssuer(issuer: string): string {
  return issuer.trim().replace(/\/+$/, "");
}

export function discoveryUrl(issuer: string): string {
  return `${normalizeIssuer(issuer)}/.well-known/openid-configuration`;
}

function refused(issuer: string, why: string): AppError {
  const message = `The identity provider at ${issuer} ${why}`;
  return new AppError("VALIDATION", message, { fieldErrors: { issuer: [message] } });
}

/**
 * Refuses a URL the server must not call: not https (or http with the loopback flag), or a host
 * with any non-public address. Returns the address to connect to.
 */
async function checkedTarget(url: URL, issuer: string, what: string) {
  const privateNetwork = ssoPrivateNetworkAllowed();
  if (url.protocol !== "https:" && !(url.protocol === "http:" && (ssoLoopbackAllowed() || privateNetwork))) throw refused(issuer, `must use https for ${what}.`);
  if (url.username || url.password) throw refused(issuer, `puts a user name or password in the URL of ${what}.`);
  const checked = await resolvePublicHost(url.hostname, { allowLoopback: ssoLoopbackAllowed(), allowRanges: privateNetwork ? PRIVATE_NETWORK_RANGES : undefined });
  // On the private-network flag alone, plain http only to this machine: anything else carries the client secret across a network.
  if (checked.ok && url.protocol === "http:" && !ssoLoopbackAllowed() && !checked.addresses.every((a) => isLoopback(a.address))) {
    throw refused(issuer, `must use https for ${what} (plain http only to a provider on this machine).`);
  }
  if (!checked.ok && checked.reason === "unresolvable") throw refused(issuer, `could not be reached for ${what}: ${checked.host} could not be resolved.`);
  if (!checked.ok) {
    log("sso").warn({ host: checked.host, range: checked.range, address: checked.address }, "sso discovery refused a non-public address");
    throw refused(issuer, `is not on a public address (${checked.host}, for ${what}); Panelist only calls identity providers on the internet.`);
  }
  return checked.addresses[0]!;
}

async function getJson(raw: string, issuer: string, what: string): Promise<unknown> {
  const url = new URL(raw);
  const pinned = await checkedTarget(url, issuer, what);
  let res: { status: number; body: string };
  try {
    res = await getPinned(url, pinned, { timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES, headers: { accept: "application/json", "user-agent": "Panelist-SSO/1" } });
  } catch (err) {
    const kind = err instanceof GetPinnedError ? err.kind : "network";
    if (kind === "too-large") throw refused(issuer, `sent ${what} larger than ${MAX_BYTES / 1024} KB.`);
    throw refused(issuer, kind === "timeout" ? `did not answer ${what} within ${TIMEOUT_MS / 1000} seconds.` : `could not be reached for ${what} (${raw}).`);
  }
  if (res.status < 200 || res.status >= 300) throw refused(issuer, `answered ${what} with HTTP ${res.status}.`);
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    throw refused(issuer, `did not answer ${what} with JSON.`);
  }
}

/**
 * Fetches and checks the discovery document and its key set. Throws a 400 AppError (on the
 * `issuer` field) saying what is wrong; returns what the settings page shows.
 */
export async function checkDiscovery(issuerInput: string): Promise<SsoDiscoverySummary> {
  const issuer = normalizeIssuer(issuerInput);
  const doc = discoverySchema.safeParse(await getJson(discoveryUrl(issuer), issuer, "its discovery document"));
  if (!doc.success) throw refused(issuer, "answered with a discovery document that lacks the issuer, the authorization or token endpoint, or the key set (jwks_uri).");
  if (normalizeIssuer(doc.data.issuer) !== issuer) {
    throw refused(issuer, `names another issuer in its discovery document (${doc.data.issuer.slice(0, 200)}).`);
  }
  if (doc.data.response_types_supported && !doc.data.response_types_supported.includes("code")) {
    throw refused(issuer, "does not offer the authorization code flow.");
  }
  // next-auth calls the token endpoint from the server at each sign-in: the same rule, checked now.
  await checkedTarget(new URL(doc.data.token_endpoint), issuer, "its token endpoint");
  const jwks = jwksSchema.safeParse(await getJson(doc.data.jwks_uri, issuer, "its key set"));
  if (!jwks.success) throw refused(issuer, "published a key set without keys.");
  return {
    issuer: doc.data.issuer,
    authorizationEndpoint: doc.data.authorization_endpoint,
    tokenEndpoint: doc.data.token_endpoint,
    jwksUri: doc.data.jwks_uri,
    signingAlgorithms: doc.data.id_token_signing_alg_values_supported ?? ["RS256"],
  };
}
