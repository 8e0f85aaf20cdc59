// Where webhooks may go (lib/webhooks/url-safety.ts): every private, loopback, link-local,
// unique-local, CGNAT, multicast and unspecified address — IPv4, IPv6 and IPv4-mapped IPv6 — is
// refused, as a literal and as what a host name resolves to (checked after resolution); public
// addresses pass; http only with the loopback flag, which never lets a private address through.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { backoffMs } from "@/lib/webhooks/backoff";
import { classifyAddress, resolveWebhookTarget } from "@/lib/webhooks/url-safety";

const byte = fc.integer({ min: 0, max: 255 });
const hex16 = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
const v4 = (a: fc.Arbitrary<number>, b: fc.Arbitrary<number>) => fc.tuple(a, b, byte, byte).map((p) => p.join("."));

const privateV4 = fc.oneof(
  v4(fc.constant(10), byte),
  v4(fc.constant(172), fc.integer({ min: 16, max: 31 })),
  v4(fc.constant(192), fc.constant(168)),
  v4(fc.constant(127), byte),
  v4(fc.constant(169), fc.constant(254)),
  v4(fc.constant(100), fc.integer({ min: 64, max: 127 })),
  v4(fc.integer({ min: 224, max: 239 }), byte),
  v4(fc.constant(0), byte),
);
const privateV6 = fc.oneof(
  fc.constant("::1"),
  fc.constant("::"),
  fc.tuple(fc.integer({ min: 0xfe80, max: 0xfebf }), hex16, hex16).map(([a, b, c]) => `${a.toString(16)}:${b}::${c}`),
  fc.tuple(fc.integer({ min: 0xfc00, max: 0xfdff }), hex16, hex16).map(([a, b, c]) => `${a.toString(16)}:${b}::${c}`),
  fc.tuple(fc.integer({ min: 0xff00, max: 0xffff }), hex16).map(([a, b]) => `${a.toString(16)}::${b}`),
  privateV4.map((a) => `::ffff:${a}`),
);
const publicV4 = v4(fc.constantFrom(8, 9, 23, 45, 93, 142, 151, 185), byte);

const refused = async (p: Promise<unknown>): Promise<AppError> => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(400);
  expect((err as AppError).fieldErrors?.url?.[0]).toBeTruthy();
  return err as AppError;
};

afterEach(() => {
  delete process.env.PANELIST_WEBHOOKS_ALLOW_LOOPBACK;
});

describe("webhook URL safety", () => {
  it("classifies every generated private IPv4 and IPv6 address (and IPv4-mapped IPv6) as not public", () => {
    fc.assert(fc.property(fc.oneof(privateV4, privateV6), (a) => {
        expect(classifyAddress(a).ok).toBe(false);
      }));
    fc.assert(fc.property(publicV4, (a) => {
        expect(classifyAddress(a)).toEqual({ ok: true });
      }));
    expect(classifyAddress("2001:4860:4860::8888")).toEqual({ ok: true });
    expect(classifyAddress("not an address").ok).toBe(false);
  });

  it("refuses a private address as a literal host and as a resolved name — even when only one of its addresses is private", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(privateV4, privateV6), publicV4, async (bad, good) => {
        const host = bad.includes(":") ? `[${bad}]` : bad;
        await refused(resolveWebhookTarget(`https://${host}/hooks`));
        await refused(resolveWebhookTarget("https://hooks.example.com/x", async () => [{ address: bad, family: bad.includes(":") ? 6 : 4 }]));
        await refused(
          resolveWebhookTarget("https://hooks.example.com/x", async () => [
            { address: good, family: 4 },
            { address: bad, family: bad.includes(":") ? 6 : 4 },
          ]),
        );
      }),
      { numRuns: 60 },
    );
  });

  it("accepts https to public addresses, pinning what it resolved; refuses http, credentials, and names that do not resolve", async () => {
    const target = await resolveWebhookTarget("https://hooks.example.com/x", async () => [{ address: "93.184.215.14", family: 4 }]);
    expect(target.addresses).toEqual([{ address: "93.184.215.14", family: 4 }]);
    await refused(resolveWebhookTarget("http://93.184.215.14/x"));
    await refused(resolveWebhookTarget("ftp://93.184.215.14/x"));
    await refused(resolveWebhookTarget("https://user:pw@93.184.215.14/x"));
    await refused(resolveWebhookTarget("https://nowhere.example/x", async () => Promise.reject(new Error("ENOTFOUND"))));
    await refused(resolveWebhookTarget("not a url"));
  });

  it("a refusal names the host and the kind of address, never the internal address the name resolved to", async () => {
    const err = await refused(resolveWebhookTarget("https://db.internal.example/x", async () => [{ address: "10.20.30.40", family: 4 }]));
    const said = [err.message, ...(err.fieldErrors?.url ?? [])].join(" ");
    expect(said).toContain("db.internal.example");
    expect(said).toContain("private address");
    expect(said).not.toContain("10.20.30.40");
  });

  it("the loopback flag allows http and loopback, and nothing else private", async () => {
    process.env.PANELIST_WEBHOOKS_ALLOW_LOOPBACK = "1";
    expect((await resolveWebhookTarget("http://127.0.0.1:9/x")).addresses[0]!.address).toBe("127.0.0.1");
    await resolveWebhookTarget("http://[::1]:9/x");
    await refused(resolveWebhookTarget("http://10.1.2.3/x"));
    await refused(resolveWebhookTarget("http://169.254.169.254/latest/meta-data"));
  });

  it("retries back off from 30 s, doubling to a 4 h cap, within ±20 %", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempts, r) => {
        const base = Math.min(4 * 3_600_000, 30_000 * 2 ** (attempts - 1));
        const wait = backoffMs(attempts, () => r);
        expect(wait).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
        expect(wait).toBeLessThanOrEqual(Math.ceil(base * 1.2));
      }),
    );
  });
});
