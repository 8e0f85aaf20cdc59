// Whether the server may call a host (SSRF): every address it resolves to must be public
// unicast. Shared by webhooks (lib/webhooks/url-safety.ts) and the SSO discovery fetch
// (lib/sso/discovery.ts); each words its own refusal. The caller then connects to the very
// address checked (pinned), so a DNS answer that changes between the check and the connection
// (rebinding) cannot reach an internal service.
// No "server-only": the bench and tests import it outside Next.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

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

/** A loopback address (127/8, ::1, or IPv4-mapped loopback). */
export function isLoopback(address: string): boolean {
  const verdict = classifyAddress(address);
  return !verdict.ok && verdict.range === "loopback";
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

/** The system resolver, given up after 5 s. */
export const systemResolver: Resolver = (host) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("DNS timeout")), 5_000)));
  return Promise.race([lookup(host, { all: true, verbatim: true }), timeout]).finally(() => clearTimeout(timer));
};

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/** Why a host may not be called; `address` is for the server log only, never for a message (it would map the internal network). */
export type HostRefusal = { reason: "unresolvable"; host: string } | { reason: "not-public"; host: string; range: string; address: string };

/**
 * Resolves `host` (a name or a literal address, IPv6 with or without brackets) and checks every
 * address, not just one: a request could otherwise reach the other. Loopback passes only with
 * `allowLoopback` (a dev/test flag the caller reads), and other ranges (ipaddr.js's names, e.g.
 * "private") only when the caller lists them in `allowRanges`.
 */
export async function resolvePublicHost(
  hostname: string,
  opts: { allowLoopback: boolean; allowRanges?: ReadonlySet<string>; resolve?: Resolver },
): Promise<{ ok: true; addresses: CheckedAddress[] } | ({ ok: false } & HostRefusal)> {
  const host = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
  let found: { address: string; family: number }[];
  if (ipaddr.isValid(host)) found = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  else {
    try {
      found = await (opts.resolve ?? systemResolver)(host);
    } catch {
      return { ok: false, reason: "unresolvable", host };
    }
  }
  if (found.length === 0) return { ok: false, reason: "unresolvable", host };
  for (const a of found) {
    const verdict = classifyAddress(a.address);
    if (!verdict.ok && !(verdict.range === "loopback" && opts.allowLoopback) && !opts.allowRanges?.has(verdict.range)) return { ok: false, reason: "not-public", host, range: verdict.range, address: a.address };
  }
  return { ok: true, addresses: found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })) };
}

/**
 * A `lookup` for http(s).request and net.connect that resolves a name and refuses it when any of
 * its addresses is not public (loopback and `allowRanges` as in `resolvePublicHost`): the check
 * happens where the connection is dialled, so a DNS answer that changes after an earlier check
 * (rebinding) cannot reach an internal service. For clients whose requests we do not make
 * ourselves (openid-client under next-auth). Literal IP hosts never reach a lookup: check those
 * before (lib/sso/discovery.ts does, on save).
 */
export function publicOnlyLookup(opts: { allowLoopback: boolean; allowRanges?: ReadonlySet<string> }): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (err, found: LookupAddress[]) => {
      if (err) return callback(err, "", 4);
      const refused = found.find((a) => {
        const verdict = classifyAddress(a.address);
        return !verdict.ok && !(verdict.range === "loopback" && opts.allowLoopback) && !opts.allowRanges?.has(verdict.range);
      });
      if (refused || found.length === 0) {
        const error = Object.assign(new Error(`${hostname} does not resolve to public addresses only`), { code: "ENOTFOUND", hostname });
        return callback(error, "", 4);
      }
      if (options.all) return (callback as unknown as (e: null, addresses: LookupAddress[]) => void)(null, found);
      callback(null, found[0]!.address, found[0]!.family);
    });
  };
}
