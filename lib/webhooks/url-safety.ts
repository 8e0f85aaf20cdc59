// Where a webhook may be sent (SSRF): an https URL whose host resolves only to public unicast
// addresses. Checked when an endpoint is saved and again before every attempt, and the attempt
// connects to the very address checked (deliver-webhook.ts pins it), so a DNS answer that
// changes between the check and the connection (rebinding) cannot reach an internal service.
// No "server-only": the bench and tests import it outside Next.
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { AppError } from "@/lib/errors";

/**
 * ipaddr.js's range names that are public. Everything else is refused: private (10/8,
 * 172.16/12, 192.168/16), loopback, link-local (169.254/16, fe80::/10), unique-local (fc00::/7),
 * carrier-grade NAT (100.64/10), multicast, unspecified, broadcast, reserved, benchmarking,
 * documentation (as, by design, 6to4 / Teredo / NAT64 tunnels whose embedded address is unchecked).
 * IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged by its IPv4 address.
 */
const PUBLIC_RANGES = new Set(["unicast"]);

export type AddressVerdict = { ok: true } | { ok: false; range: string };

/** Whether one literal IP address may be called. Anything unparsable is refused. */
export function classifyAddress(address: string): AddressVerdict {
  if (!ipaddr.isValid(address)) return { ok: false, range: "invalid" };
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  return PUBLIC_RANGES.has(range) ? { ok: true } : { ok: false, range };
}

/** PANELIST_WEBHOOKS_ALLOW_LOOPBACK=1 (never in production): http, and loopback addresses, for local receivers in tests and development. */
export function loopbackAllowed(): boolean {
  return process.env.PANELIST_WEBHOOKS_ALLOW_LOOPBACK === "1" && process.env.NODE_ENV !== "production";
}

function allowed(address: string): AddressVerdict {
  const verdict = classifyAddress(address);
  if (!verdict.ok && verdict.range === "loopback" && loopbackAllowed()) return { ok: true };
  return verdict;
}

export interface ResolvedTarget {
  url: URL;
  /** The checked addresses; the request connects to the first. */
  addresses: { address: string; family: 4 | 6 }[];
}

type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
/** The system resolver, given up after 5 s (a save answers promptly; an attempt counts it as a failure). */
const systemResolver: Resolver = (host) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("DNS timeout")), 5_000)));
  return Promise.race([lookup(host, { all: true, verbatim: true }), timeout]).finally(() => clearTimeout(timer));
};

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
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  let found: { address: string; family: number }[];
  if (ipaddr.isValid(host)) found = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  else {
    try {
      found = await resolve(host);
    } catch {
      throw refuse(`The host ${host} could not be resolved.`);
    }
  }
  if (found.length === 0) throw refuse(`The host ${host} could not be resolved.`);
  for (const a of found) {
    const verdict = allowed(a.address);
    if (!verdict.ok) throw refuse(`The host ${host} resolves to a ${verdict.range} address (${a.address}); webhooks are only sent to public addresses.`);
  }
  return { url, addresses: found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })) };
}
