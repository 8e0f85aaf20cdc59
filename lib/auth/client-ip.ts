// The client address the sign-in limits count by (lib/auth/rate-limit.ts).
//
// Only the socket's peer address cannot be forged, and a Next route handler (or next-auth's
// authorize()) never sees the socket. So the production server, scripts/server.ts, writes the
// peer address into PEER_ADDRESS_HEADER on every request, replacing whatever a client sent.
//
// TRUSTED_PROXY_HOPS says how many reverse proxies stand in front of that server, each
// appending the address it saw to X-Forwarded-For:
//   0 (default) — the peer address; X-Forwarded-For is ignored entirely;
//   N ≥ 1       — the entry N places from the right of [...X-Forwarded-For, peer]: the address
//                 the outermost trusted proxy saw. Entries further left are whatever the client
//                 claimed, and are never read.
// No "server-only": scripts/server.ts imports PEER_ADDRESS_HEADER.
import { isIP } from "node:net";

export const PEER_ADDRESS_HEADER = "x-panelist-peer-address";

// Anyone can send PEER_ADDRESS_HEADER. The production server writes it with this process's
// random proof beside it; proxy.ts drops the address unless the proof matches, so under a plain
// `next start` or `next dev` (no scripts/server.ts in front) a client cannot pick its own address
// per attempt: it becomes "unknown", which shares one address's limits and fails safe.
export const PEER_PROOF_HEADER = "x-panelist-peer-proof";
export const PEER_PROOF_ENV = "PANELIST_PEER_PROOF";

/** Whether `headers` carry a peer address written by this process's production server. */
export function hasPeerProof(headers: { get(name: string): string | null }, env: Record<string, string | undefined> = process.env): boolean {
  const proof = env[PEER_PROOF_ENV];
  return !!proof && headers.get(PEER_PROOF_HEADER) === proof;
}

export const MAX_TRUSTED_PROXY_HOPS = 10;

/** The number of trusted proxies from TRUSTED_PROXY_HOPS; unset means 0. Throws on anything but 0–10. */
export function parseTrustedProxyHops(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > MAX_TRUSTED_PROXY_HOPS) {
    throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to ${MAX_TRUSTED_PROXY_HOPS} (got "${raw}").`);
  }
  return n;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

/** The eight groups of an IPv6 address (with any embedded IPv4 tail converted), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail, ...rest] = text.split("::");
  if (rest.length) return null;
  const parse = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<number>(Math.max(0, fill)).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * One key per client: IPv4 as is (also when IPv4-mapped in IPv6), IPv6 by its /64 (one
 * subscriber's whole prefix, which it can rotate through freely). Ports, brackets and zones
 * are dropped; anything that is not an address is null.
 */
export function normalizeAddress(raw: string | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.replace(/%.*$/, "");
  const kind = isIP(s);
  if (kind === 4) return s;
  if (kind !== 6) return null;
  const groups = ipv6Groups(s.toLowerCase());
  if (!groups) return null;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(":")}::/64`;
}

/**
 * The client address of a request, per TRUSTED_PROXY_HOPS (see the top of this file).
 * "unknown" when it cannot be told (under `next dev`, which has no scripts/server.ts):
 * every such request then shares one address's limits, which fails safe.
 */
export function clientIp(headers: HeaderSource, hops: number = parseTrustedProxyHops(process.env.TRUSTED_PROXY_HOPS)): string {
  const peer = normalizeAddress(header(headers, PEER_ADDRESS_HEADER)) ?? "unknown";
  if (hops === 0) return peer;
  const forwarded = (header(headers, "x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  // Fewer entries than trusted hops: the left-most one is still the furthest a proxy saw.
  const entry = chain[Math.max(0, chain.length - 1 - hops)];
  return normalizeAddress(entry) ?? "unknown";
}
