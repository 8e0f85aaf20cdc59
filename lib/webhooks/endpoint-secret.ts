import "server-only";
// Webhook signing secrets at rest: sealed like an identity provider's client secret
// (lib/sso/secret-box.ts: AES-256-GCM under a key derived from AUTH_SECRET, bound to its endpoint),
// so a copy of the database or a backup does not let anyone sign requests that a receiver would
// trust. Owners and admins still see the secret in Settings → Webhooks (opened on the server).
// Secrets stored before sealing began ("whsec_…" in the clear) stay readable, and are sealed the
// next time the endpoint list is read (sealLegacySecrets).
import { openSecret, sealSecret } from "@/lib/sso/secret-box";

const LEGACY_PREFIX = "whsec_";
const contextOf = (endpointId: string) => `webhook:${endpointId}`;

/** The stored form of an endpoint's secret. */
export function sealEndpointSecret(secret: string, endpointId: string): string {
  return sealSecret(secret, contextOf(endpointId));
}

/** The secret, or null when it cannot be opened (AUTH_SECRET changed since it was sealed, or the value was moved or altered). */
export function openEndpointSecret(stored: string, endpointId: string): string | null {
  if (stored.startsWith(LEGACY_PREFIX)) return stored;
  return openSecret(stored, contextOf(endpointId));
}

export const isLegacySecret = (stored: string): boolean => stored.startsWith(LEGACY_PREFIX);

export const UNREADABLE_SECRET_MESSAGE = "This endpoint's signing secret cannot be read: the server's AUTH_SECRET changed since it was made. Rotate the secret in Settings → Webhooks and give the new one to the receiver.";
