// Where a webhook may be sent (SSRF): an https URL whose host resolves only to public unicast
// addresses (the check is lib/net/public-address.ts, shared with SSO discovery). Checked when an
// endpoint is saved and again before every attempt, and the attempt connects to the very address
// checked (deliver-webhook.ts pins it), so a DNS answer that changes between the check and the
// connection (rebinding) cannot reach an internal service.
// No "server-only": the bench and tests import it outside Next.
import { AppError } from "@/lib/errors";
import { type CheckedAddress, type Resolver, resolvePublicHost, systemResolver } from "@/lib/net/public-address";

export { classifyAddress } from "@/lib/net/public-address";

/** PANELIST_WEBHOOKS_ALLOW_LOOPBACK=1 (never in production): http, and loopback addresses, for local receivers in tests and development. */
export function loopbackAllowed(): boolean {
  return process.env.PANELIST_WEBHOOKS_ALLOW_LOOPBACK === "1" && process.env.NODE_ENV !== "production";
}

export interface ResolvedTarget {
  url: URL;
  /** The checked addresses; the request connects to the first. */
  addresses: CheckedAddress[];
}

const refuse = (message: string) => new AppError("VALIDATION", message, { fieldErrors: { url: [message] } });

/**
 * Parses and resolves a webhook URL, refusing (a 400 naming the field) anything but https — or
 * http with the loopback flag — credentials in the URL, and a host any of whose addresses is not
 * public. Every address must pass, not just one: the request could otherwise reach the other.
 */
export async function resolveWebhookTarget(raw: string, resolve: Resolver = systemResolver): Promise<ResolvedTarget> {
  if (!URL.canParse(raw)) throw refuse("Enter a full URL, such as https://example.com/panelist-webhooks.");
  const url = new URL(raw);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopbackAllowed())) throw refuse("Webhook URLs must use https.");
  if (url.username || url.password) throw refuse("Leave the user name and password out of the URL; verify requests by their signature.");
  const checked = await resolvePublicHost(url.hostname, { allowLoopback: loopbackAllowed(), resolve });
  if (!checked.ok && checked.reason === "unresolvable") throw refuse(`The host ${checked.host} could not be resolved.`);
  // The kind of address, never the address: an internal name's private IP is what a prober wants.
  if (!checked.ok) throw refuse(`The host ${checked.host} resolves to a ${checked.range} address; webhooks are only sent to public addresses.`);
  return { url, addresses: checked.addresses };
}
