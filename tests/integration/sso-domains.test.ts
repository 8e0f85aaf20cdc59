// SSO domain ownership and the discovery fetch's address rules, against a real Postgres, a real
// DNS server (tests/helpers/dns-server.ts, reached through node:dns with PANELIST_DNS_SERVERS)
// and a real OpenID Connect provider (tests/helpers/oidc-provider.ts) on 127.0.0.1.
//
// Domains: a claim routes nothing until its TXT record is published; a missing or wrong record
// is a 422 that changes nothing; verifying releases other organizations' unverified claims, and a
// verified domain is one organization's. Discovery (SSRF): https only, and no loopback, private
// or link-local address — after DNS resolution — unless PANELIST_SSO_ALLOW_LOOPBACK is set
// outside production, and a refusal never shows the address.
import { createServer, get as httpGet } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Actor, loadActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { freePort } from "@/lib/net/free-port";
import { checkDiscovery, ssoLookup } from "@/lib/sso/discovery";
import { ssoConfigInputSchema } from "@/lib/sso/schemas";
import { getSsoSettings, saveSsoConfig } from "@/lib/sso/sso-config";
import { startSsoSignIn } from "@/lib/sso/sso-sign-in";
import { verifySsoDomain } from "@/lib/sso/verify-sso-domain";
import { createAccount } from "@/lib/organizations/create-account";
import { expectAppError } from "../helpers/app-errors";
import { type TestDnsServer, startDnsServer } from "../helpers/dns-server";
import { type TestOidcProvider, startOidcProvider } from "../helpers/oidc-provider";
import { recheckSsoDomains } from "@/lib/sso/recheck-sso-domains";

let dns: TestDnsServer;

/** A UDP port nothing listens on (bound, then released): a DNS server that is down. */
async function freeUdpPort(): Promise<number> {
  const { createSocket } = await import("node:dgram");
  const sock = createSocket("udp4");
  await new Promise<void>((resolve) => sock.bind(0, "127.0.0.1", resolve));
  const { port } = sock.address();
  await new Promise<void>((resolve) => sock.close(() => resolve()));
  return port;
}
let idp: TestOidcProvider;

beforeAll(async () => {
  dns = await startDnsServer();
  process.env.PANELIST_DNS_SERVERS = dns.servers;
  process.env.PANELIST_SSO_ALLOW_LOOPBACK = "1";
  idp = await startOidcProvider({ clients: [{ clientId: "c", clientSecret: "s", redirectUris: ["http://127.0.0.1:1/cb"] }], accounts: {} });
}, 60_000);
afterEach(() => {
  process.env.PANELIST_SSO_ALLOW_LOOPBACK = "1";
});
afterAll(async () => {
  await idp?.close();
  await dns?.close();
  delete process.env.PANELIST_DNS_SERVERS;
  delete process.env.PANELIST_SSO_ALLOW_LOOPBACK;
});

let n = 0;
async function ownerWith(domains: string[]): Promise<Actor> {
  const a = await createAccount({ name: "Owner", email: `owner${++n}@owners-sso.test`, password: "a-long-password-1", organizationName: `Org ${n}` });
  const actor = (await loadActor(a.userId, a.organizationId))!;
  await saveSsoConfig(actor, parseInput(ssoConfigInputSchema, { issuer: idp.issuer, clientId: "c", clientSecret: "s", domains, defaultRole: "INTERVIEWER", ssoRequired: false }));
  return actor;
}
const statusOf = async (actor: Actor, domain: string) => (await getSsoSettings(actor)).domainStatus.find((d) => d.domain === domain)!;
const claimsOf = (domain: string) => db.ssoDomain.findMany({ where: { domain }, select: { organizationId: true, verifiedAt: true }, orderBy: { createdAt: "asc" } });

describe("proving an email domain by its DNS TXT record", () => {
  it("a missing record, a wrong value or another organization's token is a 422 naming the record to create, and changes nothing", async () => {
    const owner = await ownerWith(["proof-sso.test"]);
    const status = await statusOf(owner, "proof-sso.test");
    expect(status).toMatchObject({ verifiedAt: null, recordName: "_panelist-challenge.proof-sso.test" });
    expect(status.recordValue).toMatch(/^panelist-verification=[A-Za-z0-9_-]{32}$/);
    const other = await ownerWith(["proof-sso.test"]);
    const othersValue = (await statusOf(other, "proof-sso.test")).recordValue;
    expect(othersValue).not.toBe(status.recordValue);
    const audits = await db.auditEvent.count({ where: { organizationId: owner.organizationId } });
    const queries = dns.queries();

    const missing = await expectAppError(verifySsoDomain(owner, { domain: "proof-sso.test" }), "UNPROCESSABLE");
    expect(missing.fieldErrors?.domain?.[0]).toMatch(/^No TXT record was found at _panelist-challenge\.proof-sso\.test\. Create one with the value panelist-verification=/);
    for (const published of [["panelist-verification=wrong"], [othersValue], [`${status.recordValue}x`], ["v=spf1 -all"]]) {
      dns.setTxt(status.recordName, published);
      const wrong = await expectAppError(verifySsoDomain(owner, { domain: "proof-sso.test" }), "UNPROCESSABLE");
      expect(wrong.message).toContain(`does not hold ${status.recordValue}`);
    }
    expect(dns.queries()).toBeGreaterThan(queries); // the look-ups really went over the wire to the test server
    expect(await claimsOf("proof-sso.test")).toEqual([
      { organizationId: owner.organizationId, verifiedAt: null },
      { organizationId: other.organizationId, verifiedAt: null },
    ]);
    expect(await db.auditEvent.count({ where: { organizationId: owner.organizationId } })).toBe(audits);
    await expectAppError(startSsoSignIn({ email: "someone@proof-sso.test" }), "NOT_FOUND");
    // A domain the organization has not claimed: a 404, no look-up.
    await expectAppError(verifySsoDomain(owner, { domain: "unclaimed-sso.test" }), "NOT_FOUND");
  });

  it("the right record (among others) verifies the domain: it routes sign-ins, other organizations' unverified claims are released, and it is this organization's", async () => {
    const squatter = await ownerWith(["realco-sso.test", "squatter-own-sso.test"]);
    const real = await ownerWith(["realco-sso.test"]); // the unverified claim above blocks nobody (no 409)
    await expectAppError(startSsoSignIn({ email: "staff@realco-sso.test" }), "NOT_FOUND");
    const status = await statusOf(real, "realco-sso.test");
    dns.setTxt(status.recordName, ["google-site-verification=abc", `  ${status.recordValue} `]);
    const verified = await verifySsoDomain(real, { domain: "realco-sso.test" });
    expect(verified.verifiedAt).not.toBeNull();
    expect((await statusOf(real, "realco-sso.test")).verifiedAt).toBe(verified.verifiedAt);
    expect(await startSsoSignIn({ email: "staff@realco-sso.test" })).toEqual({ providerId: `sso-${real.organizationId}` });
    expect(await claimsOf("realco-sso.test")).toEqual([{ organizationId: real.organizationId, verifiedAt: new Date(verified.verifiedAt!) }]);
    expect((await getSsoSettings(squatter)).domains).toEqual(["squatter-own-sso.test"]);
    expect(await db.auditEvent.findFirst({ where: { organizationId: real.organizationId, action: "sso.domain_verified" }, select: { data: true } })).toEqual({
      data: { domain: "realco-sso.test", record: "_panelist-challenge.realco-sso.test" },
    });
    expect(await db.auditEvent.count({ where: { organizationId: squatter.organizationId, action: "sso.domain_released" } })).toBe(1);

    // Verifying again is a no-op; claiming it again elsewhere is a 409 naming the domain.
    expect((await verifySsoDomain(real, { domain: "realco-sso.test" })).verifiedAt).toBe(verified.verifiedAt);
    const input = parseInput(ssoConfigInputSchema, { issuer: idp.issuer, clientId: "c", clientSecret: "", domains: ["realco-sso.test"], defaultRole: "INTERVIEWER", ssoRequired: false });
    expect((await expectAppError(saveSsoConfig(squatter, input), "CONFLICT")).message).toContain("realco-sso.test");
  });

  it("a verified domain is checked again daily: a record gone for three checks in a row withdraws the verification (audited), a failed look-up counts for nothing, a record still there keeps it", async () => {
    const owner = await ownerWith(["recheck-sso.test"]);
    const status = await statusOf(owner, "recheck-sso.test");
    dns.setTxt(status.recordName, [status.recordValue]);
    const verifiedAt = new Date((await verifySsoDomain(owner, { domain: "recheck-sso.test" })).verifiedAt!);
    const row = () => db.ssoDomain.findUniqueOrThrow({ where: { organizationId_domain: { organizationId: owner.organizationId, domain: "recheck-sso.test" } } });
    const at = (hours: number) => new Date(verifiedAt.getTime() + hours * 3_600_000);

    // Not due within a day of the last check.
    await recheckSsoDomains(at(23));
    expect(await row()).toMatchObject({ checkedAt: verifiedAt, checkFailures: 0 });
    // Due, and the record is there.
    await recheckSsoDomains(at(25));
    expect(await row()).toMatchObject({ checkedAt: at(25), checkFailures: 0, verifiedDomain: "recheck-sso.test" });

    dns.setTxt(status.recordName, null);
    await recheckSsoDomains(at(50));
    expect(await row()).toMatchObject({ checkedAt: at(50), checkFailures: 1, verifiedDomain: "recheck-sso.test" });
    expect(await statusOf(owner, "recheck-sso.test")).toMatchObject({ failedChecks: 1, verifiedAt: verifiedAt.toISOString() });

    // DNS itself failing (nothing answers) is no evidence either way.
    const servers = process.env.PANELIST_DNS_SERVERS;
    process.env.PANELIST_DNS_SERVERS = `127.0.0.1:${await freeUdpPort()}`;
    try {
      expect((await recheckSsoDomains(at(75))).lookupErrors).toBeGreaterThan(0);
    } finally {
      process.env.PANELIST_DNS_SERVERS = servers;
    }
    expect(await row()).toMatchObject({ checkedAt: at(50), checkFailures: 1 });

    await recheckSsoDomains(at(76));
    expect(await row()).toMatchObject({ checkFailures: 2, verifiedDomain: "recheck-sso.test" });
    expect(await startSsoSignIn({ email: "staff@recheck-sso.test" })).toEqual({ providerId: `sso-${owner.organizationId}` });
    const third = await recheckSsoDomains(at(101));
    expect(third.withdrawn).toContain("recheck-sso.test");
    expect(await row()).toMatchObject({ verifiedAt: null, verifiedDomain: null, checkFailures: 3 });
    await expectAppError(startSsoSignIn({ email: "staff@recheck-sso.test" }), "NOT_FOUND");
    expect(await db.auditEvent.findFirst({ where: { organizationId: owner.organizationId, action: "sso.domain_unverified" }, select: { actorId: true, data: true } })).toEqual({
      actorId: null,
      data: { domain: "recheck-sso.test", record: "_panelist-challenge.recheck-sso.test", failedChecks: 3 },
    });
    // Publishing it again and verifying restores it, its failures starting over.
    dns.setTxt(status.recordName, [status.recordValue]);
    await verifySsoDomain(owner, { domain: "recheck-sso.test" });
    expect(await row()).toMatchObject({ checkFailures: 0, verifiedDomain: "recheck-sso.test" });
  });

  it("only owners verify", async () => {
    const owner = await ownerWith(["owners-only-sso.test"]);
    const { makeMembership } = await import("../helpers/factories");
    const admin = await makeMembership({ organizationId: owner.organizationId, role: "ADMIN" });
    await expectAppError(verifySsoDomain((await loadActor(admin.userId, owner.organizationId))!, { domain: "owners-only-sso.test" }), "FORBIDDEN");
  });
});

describe("the discovery fetch's address rules (SSRF)", () => {
  /** A discovery document on 127.0.0.1 naming itself as issuer, with `overrides`. */
  async function stubIssuer(overrides: (base: string) => Record<string, string>) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(req.url?.endsWith("/openid-configuration") ? { issuer: base, authorization_endpoint: `${base}/auth`, token_endpoint: `${base}/token`, jwks_uri: `${base}/jwks`, ...overrides(base) } : { keys: [{ kty: "RSA" }] }));
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    return { url: base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it("without the loopback flag: plain http is refused, and so is https to a name that resolves to loopback — without naming the address", async () => {
    delete process.env.PANELIST_SSO_ALLOW_LOOPBACK;
    expect((await expectAppError(checkDiscovery(idp.issuer), "VALIDATION")).fieldErrors?.issuer?.[0]).toMatch(/must use https for its discovery document/);
    const port = await freePort();
    const err = await expectAppError(checkDiscovery(`https://localhost:${port}`), "VALIDATION");
    expect(err.fieldErrors?.issuer?.[0]).toMatch(/is not on a public address \(localhost, for its discovery document\)/);
    expect(err.message).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it("private, link-local (cloud metadata) and unspecified addresses are refused before any connection, flag or not", async () => {
    for (const host of ["10.0.0.5", "192.168.1.1", "172.16.0.1", "169.254.169.254", "[fe80::1]", "[::ffff:10.0.0.1]", "0.0.0.0", "100.64.0.1"]) {
      const err = await expectAppError(checkDiscovery(`https://${host}`), "VALIDATION");
      expect(err.message, host).toMatch(/is not on a public address/);
    }
  });

  it("with the flag, a loopback provider is fine, but a jwks_uri or token endpoint on a private address is refused without naming it", async () => {
    await expect(checkDiscovery(idp.issuer)).resolves.toMatchObject({ issuer: idp.issuer });
    const jwks = await stubIssuer(() => ({ jwks_uri: "http://169.254.169.254/latest/meta-data/iam" }));
    const token = await stubIssuer(() => ({ token_endpoint: "http://10.1.2.3/token" }));
    try {
      const a = await expectAppError(checkDiscovery(jwks.url), "VALIDATION");
      expect(a.message).toMatch(/is not on a public address \(169\.254\.169\.254, for its key set\)/);
      const b = await expectAppError(checkDiscovery(token.url), "VALIDATION");
      expect(b.message).toMatch(/for its token endpoint/);
    } finally {
      await Promise.all([jwks.close(), token.close()]);
    }
  });

  it("PANELIST_SSO_PRIVATE_NETWORK (production too): a provider on this machine over http, private addresses over https; link-local still refused, and plain http only on loopback", async () => {
    const nodeEnv = process.env.NODE_ENV;
    (process.env as Record<string, string>).NODE_ENV = "production";
    process.env.PANELIST_SSO_PRIVATE_NETWORK = "1";
    const jwks = await stubIssuer(() => ({ jwks_uri: "http://169.254.169.254/latest/meta-data/iam" }));
    const plainPrivate = await stubIssuer(() => ({ token_endpoint: "http://10.1.2.3/token" }));
    try {
      await expect(checkDiscovery(idp.issuer)).resolves.toMatchObject({ issuer: idp.issuer });
      expect((await expectAppError(checkDiscovery(jwks.url), "VALIDATION")).message).toMatch(/is not on a public address \(169\.254\.169\.254, for its key set\)/);
      expect((await expectAppError(checkDiscovery(plainPrivate.url), "VALIDATION")).message).toMatch(/must use https for its token endpoint \(plain http only to a provider on this machine\)/);
      // https to a private address passes the address rule (the connection then fails: nothing listens there).
      expect((await expectAppError(checkDiscovery("https://10.255.255.1"), "VALIDATION")).message).not.toMatch(/not on a public address|must use https/);
    } finally {
      delete process.env.PANELIST_SSO_PRIVATE_NETWORK;
      (process.env as Record<string, string | undefined>).NODE_ENV = nodeEnv;
      await Promise.all([jwks.close(), plainPrivate.close()]);
    }
  }, 20_000);

  it("at sign-in, the names next-auth's client dials resolve under the same rules, when dialled (ssoLookup)", async () => {
    const server = createServer((_, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const { port } = server.address() as AddressInfo;
    const get = () =>
      new Promise<number | string>((resolve) => {
        httpGet({ host: "localhost", port, path: "/", lookup: ssoLookup(), agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on("error", (err) => resolve(err.message));
      });
    try {
      process.env.PANELIST_SSO_ALLOW_LOOPBACK = "1";
      expect(await get()).toBe(200);
      delete process.env.PANELIST_SSO_ALLOW_LOOPBACK;
      expect(await get()).toBe("localhost does not resolve to public addresses only");
    } finally {
      process.env.PANELIST_SSO_ALLOW_LOOPBACK = "1";
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("in production the flag is ignored: the loopback provider is refused", async () => {
    const nodeEnv = process.env.NODE_ENV;
    (process.env as Record<string, string>).NODE_ENV = "production";
    try {
      await expectAppError(checkDiscovery(idp.issuer), "VALIDATION");
    } finally {
      (process.env as Record<string, string | undefined>).NODE_ENV = nodeEnv;
    }
  });
});
