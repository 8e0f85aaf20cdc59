// The client address the sign-in limits count by (lib/auth/client-ip.ts).
import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, clientIp, normalizeAddress, parseTrustedProxyHops } from "@/lib/auth/client-ip";

const request = (peer: string | undefined, forwardedFor?: string) =>
  new Headers({ ...(peer ? { [PEER_ADDRESS_HEADER]: peer } : {}), ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) });

describe("clientIp", () => {
  it("with TRUSTED_PROXY_HOPS=0 (the default) is the socket's address, whatever X-Forwarded-For claims", () => {
    for (const claimed of [undefined, "1.1.1.1", "1.1.1.1, 2.2.2.2", "garbage", ""]) {
      expect(clientIp(request("198.51.100.7", claimed), 0)).toBe("198.51.100.7");
    }
  });

  it("defaults to 0 hops when TRUSTED_PROXY_HOPS is unset", () => {
    const saved = process.env.TRUSTED_PROXY_HOPS;
    delete process.env.TRUSTED_PROXY_HOPS;
    try {
      expect(clientIp(request("198.51.100.7", "203.0.113.1"))).toBe("198.51.100.7");
    } finally {
      if (saved !== undefined) process.env.TRUSTED_PROXY_HOPS = saved;
    }
  });

  it("behind N trusted proxies is the address the outermost one saw; what the client put further left is never read", () => {
    // client 203.0.113.9 → proxy A (10.0.0.1) → proxy B (10.0.0.2) → Panelist (socket: 10.0.0.2)
    const headers = request("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1");
    expect(clientIp(headers, 2)).toBe("203.0.113.9");
    expect(clientIp(headers, 1)).toBe("10.0.0.1");
    expect(clientIp(request("10.0.0.1", "7.7.7.7, 203.0.113.9"), 1)).toBe("203.0.113.9");
    // Fewer entries than hops (a request that skipped a proxy): the left-most one a proxy wrote.
    expect(clientIp(request("10.0.0.1", "203.0.113.9"), 3)).toBe("203.0.113.9");
  });

  it("reads plain header records (next-auth's authorize) and repeated X-Forwarded-For headers", () => {
    expect(clientIp({ [PEER_ADDRESS_HEADER]: "10.0.0.1", "x-forwarded-for": ["6.6.6.6", "203.0.113.9"] }, 1)).toBe("203.0.113.9");
    expect(clientIp({ [PEER_ADDRESS_HEADER]: "10.0.0.1" }, 0)).toBe("10.0.0.1");
  });

  it("is 'unknown' without the peer header (next dev) or for a value that is not an address", () => {
    expect(clientIp(request(undefined, "203.0.113.9"), 0)).toBe("unknown");
    expect(clientIp(undefined, 0)).toBe("unknown");
    expect(clientIp(request("10.0.0.1", "not-an-ip"), 1)).toBe("unknown");
  });
});

describe("normalizeAddress", () => {
  it("keeps IPv4, unwraps IPv4-mapped IPv6, drops ports, brackets and zones", () => {
    expect(normalizeAddress("203.0.113.9")).toBe("203.0.113.9");
    expect(normalizeAddress(" 203.0.113.9:51234 ")).toBe("203.0.113.9");
    expect(normalizeAddress("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(normalizeAddress("::ffff:cb00:7109")).toBe("203.0.113.9");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("counts IPv6 per /64, so rotating through one's own prefix changes nothing", () => {
    expect(normalizeAddress("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("2001:DB8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(normalizeAddress("::1")).toBe("0:0:0:0::/64");
  });

  it("refuses what is not an address", () => {
    for (const bad of ["", "unknown", "300.1.1.1", "1.2.3", "2001:db8::1::2", "<script>", undefined]) expect(normalizeAddress(bad)).toBeNull();
  });
});

describe("parseTrustedProxyHops", () => {
  it("is 0 when unset or empty and accepts whole numbers 0–10 only", () => {
    expect(parseTrustedProxyHops(undefined)).toBe(0);
    expect(parseTrustedProxyHops(" ")).toBe(0);
    expect(parseTrustedProxyHops("2")).toBe(2);
    for (const bad of ["-1", "11", "1.5", "one"]) expect(() => parseTrustedProxyHops(bad)).toThrow(/whole number from 0 to 10/);
  });
});
