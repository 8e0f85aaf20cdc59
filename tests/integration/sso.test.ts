// Single sign-on against a real OpenID Connect provider (oidc-provider, tests/helpers/oidc-provider.ts)
// and the real next-auth route (app/api/auth/[...nextauth]/route.ts) served over HTTP on
// 127.0.0.1, driven like a browser with a cookie jar: "Sign in with SSO", the provider's own
// login and consent pages, the callback. Only Next's request scope (next/headers) is stood in
// for (tests/helpers/next-request-scope.ts); next-auth, openid-client and everything under them
// run for real. The refusals each change one thing in the ID token the provider's token endpoint
// sends (re-signed with its key, or with another), or replay a callback. Email domains are
// verified through a real DNS server (tests/helpers/dns-server.ts) answering the TXT challenge.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getActor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/sign-in";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { freePort } from "@/lib/net/free-port";
import { createAccount } from "@/lib/organizations/create-account";
import { ssoConfigInputSchema } from "@/lib/sso/schemas";
import { getSsoSettings, removeSsoConfig, saveSsoConfig, testSsoConnection } from "@/lib/sso/sso-config";
import { SSO_REQUIRED_MESSAGE, admitSsoSignIn } from "@/lib/sso/sso-sign-in";
import { verifySsoDomain } from "@/lib/sso/verify-sso-domain";
import type { Actor } from "@/lib/auth/actor";
import { expectAppError } from "../helpers/app-errors";
import { type TestDnsServer, startDnsServer } from "../helpers/dns-server";
import { makeMembership } from "../helpers/factories";
import { installNextHeadersForCommonJs, requestScope } from "../helpers/next-request-scope";
import { type TestOidcProvider, startOidcProvider } from "../helpers/oidc-provider";

vi.mock("next/headers", async () => (await import("../helpers/next-request-scope")).nextHeaders);
// The test providers listen on 127.0.0.1 over http (lib/sso/discovery.ts refuses both without it).
process.env.PANELIST_SSO_ALLOW_LOOPBACK = "1";

const PASSWORD = "a-long-password-1";
const DOMAIN = "acme-sso.test";
const CLIENT = { clientId: "panelist-acme", clientSecret: "acme-client-secret-0123456789" };

let app: string;
let appServer: Server;
let idp: TestOidcProvider;
let uninstall: () => void;
let org: { organizationId: string; ownerId: string };
let dns: TestDnsServer;

/** Publishes the organization's TXT challenge for `domain` on the test DNS server and verifies it. */
async function verifyDomain(actor: Actor, domain: string) {
  const status = (await getSsoSettings(actor)).domainStatus.find((d) => d.domain === domain)!;
  dns.setTxt(status.recordName, [status.recordValue]);
  return verifySsoDomain(actor, { domain });
}

// ---------------------------------------------------------------------------------------------
// The app over HTTP: the real route files, each request inside its own request scope.

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const nextAuthRoute = await import("@/app/api/auth/[...nextauth]/route");
  const ssoStartRoute = await import("@/app/api/auth/sso/route");
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const url = new URL(req.url ?? "/", app);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  const request = new NextRequest(url, { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks) });
  const response = await requestScope.run(request, async () => {
    const none = { params: Promise.resolve({}) };
    if (url.pathname === "/api/auth/sso" && req.method === "POST") return ssoStartRoute.POST(request, none);
    if (url.pathname === "/api/organizations/sso") {
      const settingsRoute = await import("@/app/api/organizations/sso/route");
      if (req.method === "GET") return settingsRoute.GET(request, none);
      if (req.method === "PUT") return settingsRoute.PUT(request, none);
    }
    if (url.pathname === "/api/organizations/sso/domains/verify" && req.method === "POST") return (await import("@/app/api/organizations/sso/domains/verify/route")).POST(request, none);
    if (url.pathname === "/api/organizations/sso/test" && req.method === "POST") return (await import("@/app/api/organizations/sso/test/route")).POST(request, none);
    if (url.pathname.startsWith("/api/auth/")) {
      const ctx = { params: Promise.resolve({ nextauth: url.pathname.slice("/api/auth/".length).split("/") }) };
      return req.method === "POST" ? nextAuthRoute.POST(request, ctx) : nextAuthRoute.GET(request, ctx);
    }
    return new Response("Not found", { status: 404 });
  });
  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") res.setHeader(key, value);
  });
  const setCookies = response.headers.getSetCookie();
  if (setCookies.length) res.setHeader("set-cookie", setCookies);
  res.end(Buffer.from(await response.arrayBuffer()));
}

// ---------------------------------------------------------------------------------------------
// A browser's cookie jar (per origin and path) and its requests, redirects left to the caller.

class Jar {
  private readonly cookies = new Map<string, { origin: string; name: string; value: string; path: string }>();
  header(url: string): string {
    const u = new URL(url);
    return [...this.cookies.values()]
      .filter((c) => c.origin === u.origin && u.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }
  store(url: string, res: Response): void {
    const origin = new URL(url).origin;
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(/;\s*/);
      const name = pair!.slice(0, pair!.indexOf("="));
      const value = pair!.slice(pair!.indexOf("=") + 1);
      const attr = (n: string) => attrs.find((a) => a.toLowerCase().startsWith(`${n}=`))?.slice(n.length + 1);
      const path = attr("path") ?? "/";
      const key = `${origin} ${name} ${path}`;
      const maxAge = attr("max-age");
      const expires = attr("expires");
      const gone = value === "" || (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (gone) this.cookies.delete(key);
      else this.cookies.set(key, { origin, name, value, path });
    }
  }
  get(name: string): string | undefined {
    return [...this.cookies.values()].find((c) => c.name === name)?.value;
  }
  copy(): Jar {
    const jar = new Jar();
    for (const [k, v] of this.cookies) jar.cookies.set(k, { ...v });
    return jar;
  }
}

async function go(jar: Jar, url: string, init: { method?: string; form?: Record<string, string>; json?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { cookie: jar.header(url), "user-agent": "sso-test" };
  let body: string | undefined;
  if (init.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form).toString();
  } else if (init.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual" });
  jar.store(url, res);
  return res;
}

/** "Sign in with SSO" with `email`: the provider's authorization URL next-auth sends the browser to. */
async function startSso(jar: Jar, email: string): Promise<string> {
  const start = await go(jar, `${app}/api/auth/sso`, { json: { email } });
  expect(start.status).toBe(200);
  const { providerId } = (await start.json()) as { providerId: string };
  return startWithProvider(jar, providerId, idp);
}

/** next-auth's own sign-in POST for a provider id, as a browser (or an attacker skipping "Sign in with SSO") makes it. */
async function startWithProvider(jar: Jar, providerId: string, provider: TestOidcProvider): Promise<string> {
  const { csrfToken } = (await (await go(jar, `${app}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await go(jar, `${app}/api/auth/signin/${providerId}`, { form: { csrfToken, callbackUrl: `${app}/`, json: "true" } });
  const { url } = (await res.json()) as { url: string };
  expect(url.startsWith(provider.issuer)).toBe(true);
  return url;
}

/** Through the provider's own login and consent pages as `login`: the app callback URL it redirects to. */
async function throughProvider(jar: Jar, authUrl: string, login: string): Promise<string> {
  let url = authUrl;
  let form: Record<string, string> | undefined;
  for (let step = 0; step < 12; step++) {
    const res = await go(jar, url, form ? { form } : {});
    form = undefined;
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get("location")!, url).toString();
      if (next.startsWith(app)) return next;
      url = next;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`the provider answered ${res.status}: ${html.slice(0, 500)}`);
    const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action) throw new Error(`no login or consent form: ${html.slice(0, 500)}`);
    url = new URL(action.replaceAll("&amp;", "&"), url).toString();
    form = prompt === "login" ? { prompt, login, password: "anything" } : { prompt };
  }
  throw new Error("the provider never sent the browser back");
}

/** The callback, as the browser follows it: where next-auth sends it next. */
async function callback(jar: Jar, callbackUrl: string): Promise<{ status: number; location: string }> {
  const res = await go(jar, callbackUrl);
  return { status: res.status, location: res.headers.get("location") ?? "" };
}

async function ssoSignIn(jar: Jar, email: string, login: string) {
  return callback(jar, await throughProvider(jar, await startSso(jar, email), login));
}

/** The actor a request with this jar's cookies resolves to, through the real getActor (session row + membership). */
async function actorOf(jar: Jar) {
  return requestScope.run(new Request(`${app}/`, { headers: { cookie: jar.header(`${app}/`) } }), () => getActor());
}

const errorOf = (location: string) => new URL(location, app).searchParams.get("error");

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  const port = await freePort();
  app = `http://127.0.0.1:${port}`;
  process.env.NEXTAUTH_URL = app;
  uninstall = installNextHeadersForCommonJs();
  appServer = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => appServer.listen(port, "127.0.0.1", resolve));
  dns = await startDnsServer();
  process.env.PANELIST_DNS_SERVERS = dns.servers;

  const owner = await createAccount({ name: "Olga Owner", email: `owner@${DOMAIN}`, password: PASSWORD, organizationName: "Acme SSO" });
  org = { organizationId: owner.organizationId, ownerId: owner.userId };
  idp = await startOidcProvider({
    clients: [{ ...CLIENT, redirectUris: [`${app}/api/auth/callback/sso-${org.organizationId}`] }],
    accounts: {
      alice: { email: `alice@${DOMAIN}`, email_verified: true, name: "Alice Example" },
      owner: { email: `owner@${DOMAIN}`, email_verified: true, name: "Olga Owner" },
      unverified: { email: `uma@${DOMAIN}`, email_verified: false },
      outsider: { email: "otto@elsewhere.test", email_verified: true },
      mallory: { email: `mallory@${DOMAIN}`, email_verified: true },
      replay: { email: `rita@${DOMAIN}`, email_verified: true },
      carol: { email: `carol@${DOMAIN}`, email_verified: true, name: "Carol" },
      nora: { email: `nora@${DOMAIN}`, email_verified: true, name: "Nora" },
      mia: { email: `mia@${DOMAIN}`, email_verified: true, name: "Mia" },
    },
  });
  await saveSsoConfig(await ownerActor(), parseInput(ssoConfigInputSchema, { issuer: idp.issuer, clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, domains: [DOMAIN], defaultRole: "REVIEWER", ssoRequired: false }));
  await verifyDomain(await ownerActor(), DOMAIN);
}, 60_000);

afterAll(async () => {
  uninstall?.();
  await idp?.close();
  await dns?.close();
  delete process.env.PANELIST_DNS_SERVERS;
  await new Promise<void>((resolve) => (appServer ? appServer.close(() => resolve()) : resolve()));
  delete process.env.NEXTAUTH_URL;
});

async function ownerActor() {
  const actor = await loadActor(org.ownerId, org.organizationId);
  if (!actor) throw new Error("owner missing");
  return actor;
}

describe("signing in through the organization's identity provider", () => {
  it("a first sign-in creates the account and the membership with the default role, in a session like a password's; the next one only signs in", async () => {
    const jar = new Jar();
    const done = await ssoSignIn(jar, `alice@${DOMAIN}`, "alice");
    expect(done).toEqual({ status: 302, location: `${app}/` });
    expect(jar.get("next-auth.session-token")).toBeTruthy();

    const user = await db.user.findUniqueOrThrow({ where: { email: `alice@${DOMAIN}` }, include: { memberships: true, sessions: true } });
    expect(user.name).toBe("Alice Example");
    expect(user.memberships.map((m) => [m.organizationId, m.role])).toEqual([[org.organizationId, "REVIEWER"]]);
    expect(user.sessions).toHaveLength(1);
    expect(user.sessions[0]!.userAgent).toBe("sso-test");
    // The cookie is the same kind the password sign-in sets: the real actor lookup accepts it.
    const actor = await actorOf(jar);
    expect(actor).toMatchObject({ userId: user.id, organizationId: org.organizationId, role: "REVIEWER" });

    const again = new Jar();
    expect(await ssoSignIn(again, `alice@${DOMAIN}`, "alice")).toEqual({ status: 302, location: `${app}/` });
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(1);
    const audit = await db.auditEvent.findMany({ where: { organizationId: org.organizationId, targetId: user.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["member.joined", "user.signed_in_with_sso", "user.signed_in_with_sso"]);
    expect(audit[0]!.data).toMatchObject({ via: "sso", role: "REVIEWER" });
  });

  it("an existing member signs in as themselves and keeps their role (the owner stays owner)", async () => {
    const jar = new Jar();
    expect(await ssoSignIn(jar, `owner@${DOMAIN}`, "owner")).toEqual({ status: 302, location: `${app}/` });
    expect(await actorOf(jar)).toMatchObject({ userId: org.ownerId, organizationId: org.organizationId, role: "OWNER" });
    expect(await db.user.count({ where: { email: `owner@${DOMAIN}` } })).toBe(1);
  });

  it("an email the provider has not verified, or one outside the organization's domains, signs nobody in and creates nothing", async () => {
    const unverified = new Jar();
    const a = await ssoSignIn(unverified, `uma@${DOMAIN}`, "unverified");
    expect(errorOf(a.location)).toBe("SsoEmailUnverified");
    const outsider = new Jar();
    const b = await ssoSignIn(outsider, `someone@${DOMAIN}`, "outsider");
    expect(errorOf(b.location)).toBe("SsoDomain");
    expect(unverified.get("next-auth.session-token")).toBeUndefined();
    expect(outsider.get("next-auth.session-token")).toBeUndefined();
    expect(await db.user.count({ where: { email: { in: [`uma@${DOMAIN}`, "otto@elsewhere.test"] } } })).toBe(0);
  });

  it("an existing account that is not a member of this organization (here, one in another organization) is never attached to it", async () => {
    const other = await createAccount({ name: "Mallory", email: `mallory@${DOMAIN}`, password: PASSWORD, organizationName: "Elsewhere" });
    const jar = new Jar();
    const res = await ssoSignIn(jar, `mallory@${DOMAIN}`, "mallory");
    expect(errorOf(res.location)).toBe("SsoNotMember");
    expect(jar.get("next-auth.session-token")).toBeUndefined();
    expect(await db.membership.findMany({ where: { userId: other.userId }, select: { organizationId: true } })).toEqual([{ organizationId: other.organizationId }]);
  });

  it("an existing account in no organization at all is not attached either (it was made before the domain was this organization's)", async () => {
    const nora = await db.user.create({ data: { email: `nora@${DOMAIN}`, name: "Nora", passwordHash: await hashPassword(PASSWORD) } });
    const jar = new Jar();
    const res = await ssoSignIn(jar, `nora@${DOMAIN}`, "nora");
    expect(errorOf(res.location)).toBe("SsoNotMember");
    expect(jar.get("next-auth.session-token")).toBeUndefined();
    expect(await db.membership.count({ where: { userId: nora.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: nora.id } })).toBe(0);
  });

  it("a member of this organization who also belongs to another keeps their password (the provider could open the other one)", async () => {
    const mia = await db.user.create({ data: { email: `mia@${DOMAIN}`, name: "Mia", passwordHash: await hashPassword(PASSWORD) } });
    await makeMembership({ organizationId: org.organizationId, userId: mia.id, role: "INTERVIEWER" });
    const elsewhere = await createAccount({ name: "Else Owner", email: "else@else-sso.test", password: PASSWORD, organizationName: "Else" });
    await makeMembership({ organizationId: elsewhere.organizationId, userId: mia.id, role: "INTERVIEWER" });
    const jar = new Jar();
    expect(errorOf((await ssoSignIn(jar, `mia@${DOMAIN}`, "mia")).location)).toBe("SsoOtherOrganizations");
    expect(jar.get("next-auth.session-token")).toBeUndefined();
  });

  it("an owner who claims another company's domain without verifying it routes nobody and signs nobody in through their own provider", async () => {
    // The victim: bob at victim-sso.test, a member of his own company.
    const victim = await createAccount({ name: "Bob", email: "bob@victim-sso.test", password: PASSWORD, organizationName: "Victim Co" });
    const attacker = await createAccount({ name: "Eve", email: "eve@attacker-sso.test", password: PASSWORD, organizationName: "Attacker" });
    const evil = await startOidcProvider({
      clients: [{ clientId: "evil", clientSecret: "evil-secret", redirectUris: [`${app}/api/auth/callback/sso-${attacker.organizationId}`] }],
      accounts: { bob: { email: "bob@victim-sso.test", email_verified: true }, newbie: { email: "newbie@victim-sso.test", email_verified: true } },
    });
    try {
      const eve = (await loadActor(attacker.userId, attacker.organizationId))!;
      await saveSsoConfig(eve, parseInput(ssoConfigInputSchema, { issuer: evil.issuer, clientId: "evil", clientSecret: "evil-secret", domains: ["victim-sso.test"], defaultRole: "ADMIN", ssoRequired: false }));
      // Without the TXT record the claim cannot be verified, and "Sign in with SSO" does not route the domain.
      await expectAppError(verifySsoDomain(eve, { domain: "victim-sso.test" }), "UNPROCESSABLE");
      expect((await go(new Jar(), `${app}/api/auth/sso`, { json: { email: "bob@victim-sso.test" } })).status).toBe(404);
      // Going to next-auth's sign-in for the attacker's provider directly: its assertion admits nobody.
      for (const [login, email] of [["bob", "bob@victim-sso.test"], ["newbie", "newbie@victim-sso.test"]] as const) {
        const jar = new Jar();
        const res = await callback(jar, await throughProvider(jar, await startWithProvider(jar, `sso-${attacker.organizationId}`, evil), login));
        expect(errorOf(res.location)).toBe("SsoDomain");
        expect(jar.get("next-auth.session-token")).toBeUndefined();
        expect(await db.user.count({ where: { email, memberships: { some: { organizationId: attacker.organizationId } } } })).toBe(0);
      }
      expect(await db.user.count({ where: { email: "newbie@victim-sso.test" } })).toBe(0);
      expect(await db.membership.findMany({ where: { userId: victim.userId }, select: { organizationId: true } })).toEqual([{ organizationId: victim.organizationId }]);
      // The service itself, asked directly: an unverified domain admits nobody (and were it verified, Bob's account, in another organization, would still be refused as SsoNotMember).
      expect(await admitSsoSignIn({ organizationId: attacker.organizationId, claims: { sub: "x", email: "bob@victim-sso.test", email_verified: true } })).toEqual({ refused: "SsoDomain" });
    } finally {
      await evil.close();
    }
  });

  it("a provider that is down when someone signs in sends them back with next-auth's OAuthSignin, signing nobody in", async () => {
    const down = await createAccount({ name: "Dora", email: "dora@down-sso.test", password: PASSWORD, organizationName: "Down SSO" });
    const second = await startOidcProvider({ clients: [{ clientId: "down", clientSecret: "down-secret", redirectUris: [`${app}/api/auth/callback/sso-${down.organizationId}`] }], accounts: {} });
    const dora = (await loadActor(down.userId, down.organizationId))!;
    await saveSsoConfig(dora, parseInput(ssoConfigInputSchema, { issuer: second.issuer, clientId: "down", clientSecret: "down-secret", domains: ["down-sso.test"], defaultRole: "INTERVIEWER", ssoRequired: false }));
    await verifyDomain(dora, "down-sso.test");
    await second.close();
    const jar = new Jar();
    const { providerId } = (await (await go(jar, `${app}/api/auth/sso`, { json: { email: "dora@down-sso.test" } })).json()) as { providerId: string };
    const { csrfToken } = (await (await go(jar, `${app}/api/auth/csrf`)).json()) as { csrfToken: string };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await go(jar, `${app}/api/auth/signin/${providerId}`, { form: { csrfToken, callbackUrl: `${app}/`, json: "true" } });
      const { url } = (await res.json()) as { url: string };
      expect(errorOf(url)).toBe("OAuthSignin");
      // next-auth's error and sign-in actions send the browser on to Panelist's sign-in page with the code.
      let next = new URL(url, app);
      for (let hop = 0; hop < 4 && next.pathname.startsWith("/api/auth/"); hop++) {
        const res = await go(jar, next.toString());
        expect(res.status).toBe(302);
        next = new URL(res.headers.get("location")!, app);
      }
      expect(next.pathname).toBe("/sign-in");
      expect(next.searchParams.get("error")).toBe("OAuthSignin");
    } finally {
      logged.mockRestore();
    }
    expect(jar.get("next-auth.session-token")).toBeUndefined();
  });

  it("the discovery document is checked again at each sign-in: one changed since saving to a token endpoint at a literal private address is never handed to next-auth", async () => {
    let doc: Record<string, unknown> = {};
    const moving = createServer((req, res) => {
      const body = req.url === "/.well-known/openid-configuration" ? doc : req.url === "/jwks" ? { keys: [{ kty: "RSA", n: "AQAB", e: "AQAB" }] } : null;
      res.writeHead(body ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((resolve) => moving.listen(0, "127.0.0.1", resolve));
    const issuer = `http://127.0.0.1:${(moving.address() as { port: number }).port}`;
    doc = { issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, response_types_supported: ["code"] };
    try {
      const owner = await createAccount({ name: "Moe", email: "moe@moving-sso.test", password: PASSWORD, organizationName: "Moving SSO" });
      const moe = (await loadActor(owner.userId, owner.organizationId))!;
      await saveSsoConfig(moe, parseInput(ssoConfigInputSchema, { issuer, clientId: "moving", clientSecret: "moving-secret", domains: ["moving-sso.test"], defaultRole: "INTERVIEWER", ssoRequired: false }));
      const { ssoProviderFor, UNREACHABLE_DISCOVERY } = await import("@/lib/sso/sso-provider");
      const checked = (await ssoProviderFor(owner.organizationId))!;
      expect(checked).toMatchObject({ token: `${issuer}/token`, jwks_endpoint: `${issuer}/jwks`, authorization: { url: `${issuer}/auth` } });
      expect(checked.wellKnown).toBeUndefined();

      doc = { ...doc, token_endpoint: "http://10.20.30.40/token" };
      const refused = (await ssoProviderFor(owner.organizationId))!;
      expect(refused.wellKnown).toBe(UNREACHABLE_DISCOVERY);
      expect(JSON.stringify(refused)).not.toContain("10.20.30.40");

      // Through next-auth: sent back with OAuthSignin at once, nobody signed in.
      const jar = new Jar();
      const { csrfToken } = (await (await go(jar, `${app}/api/auth/csrf`)).json()) as { csrfToken: string };
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        const res = await go(jar, `${app}/api/auth/signin/${refused.id}`, { form: { csrfToken, callbackUrl: `${app}/`, json: "true" } });
        expect(errorOf(((await res.json()) as { url: string }).url)).toBe("OAuthSignin");
      } finally {
        logged.mockRestore();
      }
      expect(jar.get("next-auth.session-token")).toBeUndefined();
    } finally {
      await new Promise<void>((resolve) => moving.close(() => resolve()));
    }
  });

  it("an email domain no organization routes is told to use its password", async () => {
    const res = await go(new Jar(), `${app}/api/auth/sso`, { json: { email: "someone@nobody-sso.test" } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/does not sign in with single sign-on/);
    const bad = await go(new Jar(), `${app}/api/auth/sso`, { json: { email: "not an email" } });
    expect(bad.status).toBe(400);
  });
});

describe("what next-auth refuses (ID token, state, nonce)", () => {
  /**
   * Runs one sign-in with the provider's ID token rewritten: nobody is signed in, and next-auth's
   * log says why openid-client refused it (so each case fails for its own reason, not another's).
   */
  async function refusedToken(rewrite: Parameters<TestOidcProvider["tamper"]>[0], reason: RegExp) {
    const jar = new Jar();
    const before = await db.session.count();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    idp.tamper(rewrite);
    try {
      const res = await ssoSignIn(jar, `alice@${DOMAIN}`, "alice");
      expect(errorOf(res.location)).toBe("OAuthCallback");
      expect(jar.get("next-auth.session-token")).toBeUndefined();
      expect(await db.session.count()).toBe(before);
      expect(logged.mock.calls.flat().map(String).join("\n")).toMatch(reason);
    } finally {
      idp.tamper(null);
      logged.mockRestore();
    }
  }

  it("a genuine token passes through the rewrite unchanged (the rewrite alone breaks nothing)", async () => {
    const jar = new Jar();
    idp.tamper((claims, sign) => sign(claims));
    try {
      expect(await ssoSignIn(jar, `alice@${DOMAIN}`, "alice")).toEqual({ status: 302, location: `${app}/` });
    } finally {
      idp.tamper(null);
    }
  });

  it("an ID token for another client (wrong audience) is refused", async () => {
    await refusedToken((claims, sign) => sign({ ...claims, aud: "some-other-client" }), /aud mismatch/);
  });

  it("an ID token signed by another key is refused", async () => {
    await refusedToken((claims, sign) => sign(claims, "stranger"), /failed to validate JWT signature/);
  });

  it("an ID token whose signature was tampered with after signing is refused", async () => {
    await refusedToken(async (claims, sign) => {
      const [h, , sig] = (await sign(claims)).split(".");
      const forged = Buffer.from(JSON.stringify({ ...claims, email: `owner@${DOMAIN}` })).toString("base64url");
      return `${h}.${forged}.${sig}`;
    }, /failed to validate JWT signature/);
  });

  it("an ID token without the nonce, or with another one, is refused", async () => {
    await refusedToken((claims, sign) => sign(Object.fromEntries(Object.entries(claims).filter(([k]) => k !== "nonce"))), /nonce mismatch, expected .+, got: undefined/);
    await refusedToken((claims, sign) => sign({ ...claims, nonce: "a-nonce-from-another-sign-in" }), /nonce mismatch/);
  });

  it("another issuer's token (iss) is refused", async () => {
    await refusedToken((claims, sign) => sign({ ...claims, iss: "http://127.0.0.1:1/evil" }), /unexpected iss value/);
  });

  it("a callback URL used twice signs in once: replayed with the spent cookies, or with a copy of them taken before", async () => {
    const jar = new Jar();
    const callbackUrl = await throughProvider(jar, await startSso(jar, `rita@${DOMAIN}`), "replay");
    const cookiesBefore = jar.copy();
    expect(await callback(jar, callbackUrl)).toEqual({ status: 302, location: `${app}/` });
    const rita = await db.user.findUniqueOrThrow({ where: { email: `rita@${DOMAIN}` } });
    expect(await db.session.count({ where: { userId: rita.id } })).toBe(1);

    // The same browser: its state, PKCE and nonce cookies were spent by the first use.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(errorOf((await callback(jar, callbackUrl)).location)).toBe("OAuthCallback");
      expect(logged.mock.calls.flat().map(String).join("\n")).toMatch(/State cookie was missing/);
      logged.mockClear();
      // An attacker holding the cookies from before: state and nonce match, but the code is spent at the provider.
      expect(errorOf((await callback(cookiesBefore, callbackUrl)).location)).toBe("OAuthCallback");
      expect(logged.mock.calls.flat().map(String).join("\n")).toMatch(/invalid_grant/);
    } finally {
      logged.mockRestore();
    }
    expect(await db.session.count({ where: { userId: rita.id } })).toBe(1);
  });

  it("a callback whose state was changed is refused", async () => {
    const jar = new Jar();
    const callbackUrl = new URL(await throughProvider(jar, await startSso(jar, `alice@${DOMAIN}`), "alice"));
    callbackUrl.searchParams.set("state", "not-the-state-this-browser-was-given");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(errorOf((await callback(jar, callbackUrl.toString())).location)).toBe("OAuthCallback");
      expect(logged.mock.calls.flat().map(String).join("\n")).toMatch(/state mismatch/);
    } finally {
      logged.mockRestore();
    }
    expect(jar.get("next-auth.session-token")).toBeUndefined();
  });
});

describe("SSO required", () => {
  it("refuses the password of a member SSO signs in, with where to go instead; owners, and members outside the domains, keep theirs", async () => {
    const passwordHash = await hashPassword(PASSWORD);
    const carol = await db.user.create({ data: { email: `carol@${DOMAIN}`, name: "Carol", passwordHash } });
    await makeMembership({ organizationId: org.organizationId, userId: carol.id, role: "RECRUITER" });
    const guest = await db.user.create({ data: { email: "gus@contractor.test", name: "Gus", passwordHash } });
    await makeMembership({ organizationId: org.organizationId, userId: guest.id, role: "INTERVIEWER" });

    const settings = await getSsoSettings(await ownerActor());
    const required = (ssoRequired: boolean) =>
      parseInput(ssoConfigInputSchema, { issuer: settings.issuer, clientId: settings.clientId, clientSecret: "", domains: settings.domains, defaultRole: settings.defaultRole, ssoRequired });
    await saveSsoConfig(await ownerActor(), required(true));

    const refused = await expectAppError(authenticate({ email: `carol@${DOMAIN}`, password: PASSWORD, ip: "192.0.2.10" }), "FORBIDDEN");
    expect(refused.message).toBe(SSO_REQUIRED_MESSAGE);
    await expect(authenticate({ email: `owner@${DOMAIN}`, password: PASSWORD, ip: "192.0.2.11" })).resolves.toMatchObject({ id: org.ownerId });
    await expect(authenticate({ email: "gus@contractor.test", password: PASSWORD, ip: "192.0.2.12" })).resolves.toMatchObject({ id: guest.id });
    // The answer is the domain's, whatever the password and whether or not the account exists: a
    // wrong password, an unknown address and an owner's mistyped password get the same 403, so
    // it never confirms a right password nor an account. Outside the domains a wrong password is
    // just a wrong password.
    for (const [email, password] of [[`carol@${DOMAIN}`, "wrong-password-9"], [`nobody@${DOMAIN}`, PASSWORD], [`owner@${DOMAIN}`, "wrong-password-9"]] as const) {
      expect((await expectAppError(authenticate({ email, password, ip: "192.0.2.13" }), "FORBIDDEN")).message, email).toBe(SSO_REQUIRED_MESSAGE);
    }
    await expectAppError(authenticate({ email: "gus@contractor.test", password: "wrong-password-9", ip: "192.0.2.13" }), "UNAUTHENTICATED");

    // Over HTTP, through next-auth's credentials callback: a 403 with the message the form shows, no session.
    const jar = new Jar();
    const { csrfToken } = (await (await go(jar, `${app}/api/auth/csrf`)).json()) as { csrfToken: string };
    const res = await go(jar, `${app}/api/auth/callback/credentials`, { form: { csrfToken, email: `carol@${DOMAIN}`, password: PASSWORD, json: "true" } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(SSO_REQUIRED_MESSAGE);
    expect(jar.get("next-auth.session-token")).toBeUndefined();
    const owner = new Jar();
    const { csrfToken: ownerCsrf } = (await (await go(owner, `${app}/api/auth/csrf`)).json()) as { csrfToken: string };
    const ok = await go(owner, `${app}/api/auth/callback/credentials`, { form: { csrfToken: ownerCsrf, email: `owner@${DOMAIN}`, password: PASSWORD, json: "true" } });
    expect(ok.status).toBe(200);
    expect(owner.get("next-auth.session-token")).toBeTruthy();

    // Carol signs in through SSO instead, as herself, with her role.
    const viaSso = new Jar();
    expect(await ssoSignIn(viaSso, `carol@${DOMAIN}`, "carol")).toEqual({ status: 302, location: `${app}/` });
    expect(await actorOf(viaSso)).toMatchObject({ userId: carol.id, role: "RECRUITER" });

    await saveSsoConfig(await ownerActor(), required(false));
    await expect(authenticate({ email: `carol@${DOMAIN}`, password: PASSWORD, ip: "192.0.2.14" })).resolves.toMatchObject({ id: carol.id });
  });
});

describe("configuring it", () => {
  it("saves only after the issuer's discovery document checks out; the secret is stored sealed and never given back", async () => {
    const settings = await getSsoSettings(await ownerActor());
    expect(settings).toMatchObject({ configured: true, issuer: idp.issuer, clientId: CLIENT.clientId, hasClientSecret: true, domains: [DOMAIN], defaultRole: "REVIEWER" });
    expect(JSON.stringify(settings)).not.toContain(CLIENT.clientSecret);
    const row = await db.ssoConfig.findUniqueOrThrow({ where: { organizationId: org.organizationId } });
    expect(row.clientSecretEnc).not.toContain(CLIENT.clientSecret);
    expect(await testSsoConnection(await ownerActor(), { issuer: idp.issuer })).toMatchObject({ issuer: idp.issuer, tokenEndpoint: `${idp.issuer}/token` });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.organizationId, action: "sso.configured" }, orderBy: { createdAt: "asc" } });
    expect(JSON.stringify(audit.data)).not.toContain(CLIENT.clientSecret);
    expect(audit.data).toMatchObject({ from: null, clientSecretChanged: true });
  });

  it("an issuer that does not answer, answers nonsense or names another issuer is a 400 on the issuer field, and nothing changes", async () => {
    const before = await db.ssoConfig.findUniqueOrThrow({ where: { organizationId: org.organizationId }, include: { domains: true } });
    const auditsBefore = await db.auditEvent.count({ where: { organizationId: org.organizationId } });
    const closedPort = await freePort();
    const nonsense = await startStub((path) => (path.endsWith("/openid-configuration") ? { status: 200, type: "text/html", body: "<html>Hello</html>" } : { status: 404, body: "" }));
    const partial = await startStub(() => ({ status: 200, type: "application/json", body: JSON.stringify({ issuer: "x" }) }));
    const impostor = await startStub(() => ({ status: 200, type: "application/json", body: JSON.stringify({ issuer: idp.issuer, authorization_endpoint: `${idp.issuer}/auth`, token_endpoint: `${idp.issuer}/token`, jwks_uri: `${idp.issuer}/jwks` }) }));
    const failing = await startStub(() => ({ status: 500, body: "boom" }));
    try {
      for (const issuer of [`http://127.0.0.1:${closedPort}`, nonsense.url, partial.url, impostor.url, failing.url]) {
        const input = parseInput(ssoConfigInputSchema, { issuer, clientId: "changed", clientSecret: "changed-secret", domains: [DOMAIN, "other-sso.test"], defaultRole: "ADMIN", ssoRequired: true });
        const err = await expectAppError(saveSsoConfig(await ownerActor(), input), "VALIDATION");
        expect(err.fieldErrors?.issuer?.[0]).toMatch(/^The identity provider at /);
        await expectAppError(testSsoConnection(await ownerActor(), { issuer }), "VALIDATION");
      }
    } finally {
      await Promise.all([nonsense.close(), partial.close(), impostor.close(), failing.close()]);
    }
    expect(await db.ssoConfig.findUniqueOrThrow({ where: { organizationId: org.organizationId }, include: { domains: true } })).toEqual(before);
    expect(await db.auditEvent.count({ where: { organizationId: org.organizationId } })).toBe(auditsBefore);
  });

  it("over HTTP: the settings route answers a failing issuer with a 400 naming the issuer field, and never sends the secret", async () => {
    const jar = new Jar();
    const { csrfToken } = (await (await go(jar, `${app}/api/auth/csrf`)).json()) as { csrfToken: string };
    expect((await go(jar, `${app}/api/auth/callback/credentials`, { form: { csrfToken, email: `owner@${DOMAIN}`, password: PASSWORD, json: "true" } })).status).toBe(200);
    const closed = `http://127.0.0.1:${await freePort()}`;
    const put = await go(jar, `${app}/api/organizations/sso`, {
      method: "PUT",
      json: { issuer: closed, clientId: "x", clientSecret: "y", domains: [DOMAIN], defaultRole: "INTERVIEWER", ssoRequired: false },
    });
    expect(put.status).toBe(400);
    const body = (await put.json()) as { error: { message: string; fieldErrors: Record<string, string[]> } };
    expect(body.error.fieldErrors.issuer![0]).toMatch(/could not be reached for its discovery document/);
    const test = await go(jar, `${app}/api/organizations/sso/test`, { json: { issuer: idp.issuer } });
    expect(test.status).toBe(200);
    const get = await go(jar, `${app}/api/organizations/sso`);
    const text = await get.text();
    expect(get.status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ sso: { issuer: idp.issuer, clientId: CLIENT.clientId, hasClientSecret: true } });
    expect(text).not.toContain(CLIENT.clientSecret);
    expect(text).not.toContain((await db.ssoConfig.findUniqueOrThrow({ where: { organizationId: org.organizationId } })).clientSecretEnc);
  });

  it("over HTTP: verifying a domain without its TXT record is a 422 saying which record to create, and nothing changes", async () => {
    const jar = new Jar();
    const { csrfToken } = (await (await go(jar, `${app}/api/auth/csrf`)).json()) as { csrfToken: string };
    expect((await go(jar, `${app}/api/auth/callback/credentials`, { form: { csrfToken, email: `owner@${DOMAIN}`, password: PASSWORD, json: "true" } })).status).toBe(200);
    const settings = await getSsoSettings(await ownerActor());
    await saveSsoConfig(await ownerActor(), parseInput(ssoConfigInputSchema, { issuer: settings.issuer, clientId: settings.clientId, clientSecret: "", domains: [DOMAIN, "later-sso.test"], defaultRole: settings.defaultRole, ssoRequired: false }));
    const later = (await getSsoSettings(await ownerActor())).domainStatus.find((d) => d.domain === "later-sso.test")!;
    expect(later).toMatchObject({ verifiedAt: null, recordName: "_panelist-challenge.later-sso.test" });
    const res = await go(jar, `${app}/api/organizations/sso/domains/verify`, { json: { domain: "later-sso.test" } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(body.error.fieldErrors.domain![0]).toContain(later.recordValue);
    expect((await db.ssoDomain.findUniqueOrThrow({ where: { organizationId_domain: { organizationId: org.organizationId, domain: "later-sso.test" } } })).verifiedAt).toBeNull();
    dns.setTxt(later.recordName, [later.recordValue]);
    const ok = await go(jar, `${app}/api/organizations/sso/domains/verify`, { json: { domain: "later-sso.test" } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { domain: { verifiedAt: string | null } }).domain.verifiedAt).not.toBeNull();
    await saveSsoConfig(await ownerActor(), parseInput(ssoConfigInputSchema, { issuer: settings.issuer, clientId: settings.clientId, clientSecret: "", domains: [DOMAIN], defaultRole: settings.defaultRole, ssoRequired: false }));
  });

  it("a domain another organization has verified is a 409; only owners configure SSO", async () => {
    const other = await createAccount({ name: "Other Owner", email: `boss@other-sso.test`, password: PASSWORD, organizationName: "Other SSO" });
    const otherOwner = (await loadActor(other.userId, other.organizationId))!;
    const input = parseInput(ssoConfigInputSchema, { issuer: idp.issuer, clientId: "other", clientSecret: "other-secret", domains: ["other-sso.test", DOMAIN], defaultRole: "INTERVIEWER", ssoRequired: false });
    const conflict = await expectAppError(saveSsoConfig(otherOwner, input), "CONFLICT");
    expect(conflict.message).toContain(DOMAIN);
    expect(await db.ssoConfig.count({ where: { organizationId: other.organizationId } })).toBe(0);

    const admin = await makeMembership({ organizationId: org.organizationId, role: "ADMIN" });
    const adminActor = (await loadActor(admin.userId, org.organizationId))!;
    await expectAppError(getSsoSettings(adminActor), "FORBIDDEN");
    await expectAppError(saveSsoConfig(adminActor, input), "FORBIDDEN");
    await expectAppError(removeSsoConfig(adminActor), "FORBIDDEN");
  });
});

/** A one-route HTTP server answering every request with what `answer` says. */
async function startStub(answer: (path: string) => { status: number; type?: string; body: string }): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const server = createServer((req, res) => {
    const a = answer(req.url ?? "/");
    res.writeHead(a.status, a.type ? { "content-type": a.type } : {});
    res.end(a.body);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
