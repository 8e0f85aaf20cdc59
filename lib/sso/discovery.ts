import "server-only";
// The identity provider's discovery document (OpenID Connect Discovery 1.0,
// `<issuer>/.well-known/openid-configuration`), checked before a configuration is saved and by
// "Test connection": it must answer within a few seconds with JSON naming the same issuer, the
// endpoints the code flow needs, and a JWKS with at least one key. Anything else is a 400 with
// what went wrong, so a typo in the issuer never reaches a sign-in.
import { z } from "zod";
import { AppError } from "@/lib/errors";
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

/** A provider on this machine (127.0.0.0/8, ::1, localhost): plain http never leaves the host. */
function isLoopback(issuer: string): boolean {
  const host = new URL(issuer).hostname;
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
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

async function getJson(url: string, issuer: string, what: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json" }, redirect: "error", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    throw refused(issuer, timedOut ? `did not answer ${what} within ${TIMEOUT_MS / 1000} seconds.` : `could not be reached for ${what} (${url}).`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw refused(issuer, `answered ${what} with HTTP ${res.status}.`);
  }
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > MAX_BYTES) throw refused(issuer, `sent ${what} larger than ${MAX_BYTES / 1024} KB.`);
  const text = await res.text();
  if (text.length > MAX_BYTES) throw refused(issuer, `sent ${what} larger than ${MAX_BYTES / 1024} KB.`);
  try {
    return JSON.parse(text) as unknown;
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
  if (process.env.NODE_ENV === "production" && !issuer.startsWith("https://") && !isLoopback(issuer)) {
    const message = "The issuer must use https (plain http only for a provider on this machine's loopback address).";
    throw new AppError("VALIDATION", message, { fieldErrors: { issuer: [message] } });
  }
  const doc = discoverySchema.safeParse(await getJson(discoveryUrl(issuer), issuer, "its discovery document"));
  if (!doc.success) throw refused(issuer, "answered with a discovery document that lacks the issuer, the authorization or token endpoint, or the key set (jwks_uri).");
  if (normalizeIssuer(doc.data.issuer) !== issuer) {
    throw refused(issuer, `names another issuer in its discovery document (${doc.data.issuer.slice(0, 200)}).`);
  }
  if (doc.data.response_types_supported && !doc.data.response_types_supported.includes("code")) {
    throw refused(issuer, "does not offer the authorization code flow.");
  }
  const jwks = jwksSchema.safeParse(await getJson(doc.data.jwks_uri, issuer, "its key set"));
  if (!jwks.success) throw refused(issuer, "published a key set without keys.");
  return {
    issuer: doc.data.issuer,
    authorizationEndpoint: doc.data.authorization_endpoint,
    tokenEndpoint: doc.data.token_endpoint,
    signingAlgorithms: doc.data.id_token_signing_alg_values_supported ?? ["RS256"],
  };
}
