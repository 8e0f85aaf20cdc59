// The trust layer on the real production server (scripts/server.ts over the production build):
// security headers on every kind of response, cross-site and mistyped writes refused (the
// scoring fast path and next-auth included), no 500 from hostile input, and every page opened
// by every role without a 500 — with the CSP watcher in fixtures.ts failing any page that logs a
// violation. tests/security/ covers the same rules route by route at the unit level.
import { randomBytes } from "node:crypto";
import type { APIResponse, Page } from "@playwright/test";
import { pageFiles, samplePaths } from "../tests/security/route-list";
import { addMember, createUser, demoUser, expect, postCredentials, scheduleInterview, signIn, test } from "./fixtures";

const EVIL = "https://evil.example";

function expectBaseline(headers: Record<string, string>, what: string) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["cross-origin-opener-policy"], what).toBe("same-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["referrer-policy"], what).toMatch(/^(strict-origin-when-cross-origin|no-referrer)$/);
  // Served over http here: HSTS only when the public URL is https.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

test.describe("security headers", () => {
  test("a page: nonce CSP that Next's own scripts carry, and the baseline", async ({ page }) => {
    await signIn(page, demoUser("OWNER").email);
    const res = (await page.goto("/questions"))!;
    const headers = res.headers();
    expectBaseline(headers, "page");
    const csp = headers["content-security-policy"]!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    // Every script Next rendered carries this response's nonce (browsers hide the attribute, not the property).
    const nonces = await page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
    expect(nonces.length).toBeGreaterThan(0);
    expect(new Set(nonces)).toEqual(new Set([nonce]));
    // A fresh nonce per request.
    const again = (await page.reload())!.headers()["content-security-policy"]!;
    expect(again).not.toContain(nonce!);
  });

  test("an API answer, an event stream, a download, a static file and the scoring write", async ({ page, request }) => {
    await signIn(page, demoUser("OWNER").email);
    const me = await page.request.get("/api/me");
    expectBaseline(me.headers(), "API");
    expect(me.headers()["content-security-policy"]).toBe(API_CSP);
    expect(me.headers()["cache-control"]).toBe("no-store, no-transform");

    const csv = await page.request.get("/api/questions/export?format=csv");
    expect(csv.status()).toBe(200);
    expectBaseline(csv.headers(), "download");
    expect(csv.headers()["content-security-policy"]).toBe(API_CSP);

    // The live room's event stream, read in the browser until its headers arrive.
    const startsAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000);
    const interviewId = await scheduleInterview(page, { panel: [demoUser("OWNER").email], startsAt });
    await page.goto("/");
    const stream = await page.evaluate(async (url) => {
      const abort = new AbortController();
      const res = await fetch(url, { signal: abort.signal });
      const headers = Object.fromEntries(res.headers);
      abort.abort();
      return { status: res.status, headers };
    }, `/api/interviews/${interviewId}/room/events`);
    expect(stream.status).toBe(200);
    expect(stream.headers["content-type"]).toContain("text/event-stream");
    expectBaseline(stream.headers, "SSE");
    expect(stream.headers["content-security-policy"]).toBe(API_CSP);
    expect(stream.headers["cache-control"]).toBe("no-store, no-transform");

    // A build file: the proxy skips these, next.config.js gives them the same baseline.
    const src = await page.locator("script[src*='/_next/static/']").first().getAttribute("src");
    const file = await request.get(src!);
    expect(file.status()).toBe(200);
    expectBaseline(file.headers(), "static file");

    // The scoring write, answered by the production server before Next: refused unsigned, same headers.
    const write = await request.post(`/api/interviews/${interviewId}/room/mutations`, { data: { kind: "submit" } });
    expect(write.status()).toBe(401);
    expectBaseline(write.headers(), "scoring write");
    expect(write.headers()["content-security-policy"]).toBe(API_CSP);
    expect(write.headers()["cache-control"]).toBe("no-store, no-transform");
  });

  test("no Referer from pages whose address is a secret (invitation, password reset)", async ({ request }) => {
    for (const path of [`/invite/${randomBytes(16).toString("hex")}`, "/reset-password"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBeLessThan(500);
      expect(res.headers()["referrer-policy"], path).toBe("no-referrer");
    }
    expect((await request.get("/sign-in")).headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });
});

test.describe("cross-site and mistyped writes", () => {
  const message = async (res: APIResponse) => ((await res.json()) as { error: { message: string } }).error.message;

  test("403 for a cross-site Origin, Origin: null, a sibling subdomain and Sec-Fetch-Site: cross-site; 415 for text/plain — nothing is written", async ({ page, baseURL }) => {
    await signIn(page, demoUser("OWNER").email);
    const data = { name: `Cross-site ${randomBytes(3).toString("hex")}`, email: "" };
    // Candidates by this request's own name: the list is capped, and the demo data fills it.
    const count = async () => ((await (await page.request.get(`/api/candidates?q=${encodeURIComponent(data.name)}`)).json()) as { candidates: unknown[] }).candidates.length;
    const before = await count();
    expect(before).toBe(0);
    const attacks: [Record<string, string>, number][] = [
      [{ origin: EVIL }, 403],
      [{ origin: "null" }, 403],
      [{ origin: new URL(baseURL!).origin.replace("127.0.0.1", "evil.localhost"), "sec-fetch-site": "same-site" }, 403],
      [{ "sec-fetch-site": "cross-site" }, 403],
      [{ origin: new URL(baseURL!).origin, "content-type": "text/plain;charset=UTF-8" }, 415],
    ];
    for (const [headers, status] of attacks) {
      const res = await page.request.post("/api/candidates", { headers, data: JSON.stringify(data) });
      expect(res.status(), JSON.stringify(headers)).toBe(status);
      expect(await message(res)).toBeTruthy();
      expectBaseline(res.headers(), "refusal");
    }
    // The same request from the app's own origin goes through.
    const ok = await page.request.post("/api/candidates", { headers: { origin: new URL(baseURL!).origin, "sec-fetch-site": "same-origin" }, data });
    expect(ok.status()).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  test("the scoring fast path and next-auth's own endpoints refuse cross-site posts too", async ({ request }) => {
    const attacks: Record<string, string>[] = [{ origin: EVIL }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of attacks) {
      const write = await request.post("/api/interviews/any/room/mutations", { headers, data: { kind: "submit" } });
      expect(write.status(), JSON.stringify(headers)).toBe(403);
      expect(await message(write)).toBeTruthy();
      expect(write.headers()["content-security-policy"]).toBe(API_CSP);
    }
    const plain = await request.post("/api/interviews/any/room/mutations", { headers: { "content-type": "text/plain" }, data: "{}" });
    expect(plain.status()).toBe(415);
    const huge = await request.post("/api/interviews/any/room/mutations", { headers: { "content-type": "application/json" }, data: "x".repeat(300 * 1024) });
    expect(huge.status()).toBe(413);
    expect(await message(huge)).toContain("256 KB");

    const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const form = { csrfToken: csrf.csrfToken, email: demoUser("OWNER").email, password: "panelist-demo", json: "true" };
    const crossSite = await request.post("/api/auth/callback/credentials", { headers: { origin: EVIL }, form });
    expect(crossSite.status()).toBe(403);
    const signOut = await request.post("/api/auth/signout", { headers: { "sec-fetch-site": "cross-site" }, form: { csrfToken: csrf.csrfToken } });
    expect(signOut.status()).toBe(403);
  });
});

test.describe("no 500 from input", () => {
  test("NUL bytes, invalid UTF-8, numbers past Postgres's range, oversize bodies: 4xx with a message", async ({ page }) => {
    await signIn(page, demoUser("OWNER").email);
    const api = page.request;
    const questions = (await (await api.get("/api/questions")).json()) as { items?: { id: string }[]; questions?: { id: string }[] };
    const questionId = (questions.items ?? questions.questions ?? [])[0]?.id ?? "none";
    const checks: [string, Promise<APIResponse>, number][] = [
      ["NUL in q", api.get("/api/questions?q=a%00b"), 400],
      ["NUL in candidates q", api.get("/api/candidates?q=%00"), 400],
      ["NUL in kits q", api.get("/api/kits?q=%00"), 400],
      ["NUL in interviews q", api.get("/api/interviews?q=%00"), 400],
      ["NUL in question choices q", api.get("/api/kits/question-choices?q=%00"), 400],
      ["NUL in a path", api.get("/api/questions/%00"), 400],
      ["NUL in a kit name", api.post("/api/kits", { data: { name: "a\u0000b" } }), 400],
      ["version 2^31", api.get(`/api/questions/${questionId}/versions/2147483648`), 400],
      ["diff to 2^31", api.get(`/api/questions/${questionId}/diff?from=1&to=2147483648`), 400],
      [
        "invalid UTF-8",
        api.post("/api/kits", { headers: { "content-type": "application/json" }, data: Buffer.from([...Buffer.from('{"name":"a'), 0xff, ...Buffer.from('"}')]) }),
        400,
      ],
      ["a 2 MB JSON body", api.post("/api/kits", { headers: { "content-type": "application/json" }, data: `{"name":"${"x".repeat(2 * 1024 * 1024)}"}` }), 413],
      ["an 11 MB import", api.post("/api/questions/import", { headers: { "content-type": "application/json" }, data: `{"q":"${"x".repeat(11 * 1024 * 1024)}"}` }), 413],
    ];
    for (const [what, pending, status] of checks) {
      const res = await pending;
      expect(res.status(), what).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message, what).toBeTruthy();
    }
    // next-auth's form post (urlencoded, so no JSON parser in front of it): a NUL or invalid
    // UTF-8 in the email or password is a refused sign-in, never a 500.
    for (const email of ["a\u0000b@panelist.dev", "\udc00@panelist.dev"]) {
      const res = await postCredentials(page.context().request, email, "a\u0000b");
      expect(res.status(), JSON.stringify(email)).toBeLessThan(500);
    }
    // Pages too: a NUL in a page's address is a 400, never a 500.
    for (const path of ["/questions/%00", "/questions?q=%00", "/kits/%00"]) {
      expect((await api.get(path)).status(), path).toBe(400);
    }
  });
});

test.describe("every page, opened by every role", () => {
  test.setTimeout(180_000);
  const TABS = 2;

  /** Concrete addresses for every page file: dynamic segments filled from the demo organization. */
  async function pagePaths(owner: Page): Promise<string[]> {
    const json = async <T>(url: string) => (await (await owner.request.get(url)).json()) as T;
    const question = (await json<{ items?: { id: string }[] }>("/api/questions")).items?.[0]?.id;
    const kit = (await json<{ kits: { id: string }[] }>("/api/kits")).kits[0]?.id;
    const candidate = (await json<{ candidates: { id: string }[] }>("/api/candidates")).candidates[0]?.id;
    const interview = (await json<{ interviews: { id: string }[] }>("/api/interviews")).interviews[0]?.id;
    return pageFiles().flatMap((page) =>
      samplePaths(page, (name) => {
        if (name === "lab") return "roc-imbalanced";
        if (name === "token") return randomBytes(16).toString("hex");
        if (page.pattern.startsWith("/questions/")) return question ?? "none";
        if (page.pattern.includes("/kits/")) return kit ?? "none";
        if (page.pattern.includes("/candidates/")) return candidate ?? "none";
        if (page.pattern.includes("/interviews/")) return interview ?? "none";
        return "none";
      }).map((p) => p.path),
    );
  }

  for (const role of ["OWNER", "ADMIN", "RECRUITER", "INTERVIEWER", "REVIEWER"] as const) {
    test(`${role}: no page answers 5xx, each carries the CSP, and none logs a violation`, async ({ page, pageAs, request }) => {
      await signIn(page, demoUser("OWNER").email);
      const paths = await pagePaths(page);
      expect(paths.length).toBeGreaterThanOrEqual(25);
      let email: string;
      let password: string | undefined;
      if (role === "ADMIN") {
        const admin = await addMember(page, request, "ADMIN");
        email = admin.email;
        password = admin.password;
      } else email = demoUser(role).email;
      const as = await pageAs(email, password);
      const failures: string[] = [];
      // TABS pages of the role's context take the paths in turn: each waits mostly on the server
      // and its own load, so two overlap where one would idle. Every page loads in full ("load").
      const queue = [...paths];
      const tabs = [as, ...(await Promise.all(Array.from({ length: TABS - 1 }, () => as.context().newPage())))];
      await Promise.all(
        tabs.map(async (tab) => {
          for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
            const res = await tab.goto(path);
            const status = res?.status() ?? 0;
            if (status >= 500 || status === 0) failures.push(`${path} → ${status}`);
            if (res && !res.headers()["content-security-policy"]?.includes("'nonce-")) failures.push(`${path}: no nonce CSP`);
          }
        }),
      );
      expect(failures).toEqual([]);
    });
  }

  test("a page the role may not open shows the no-access view with a 403 (a reviewer writing a question)", async ({ pageAs }) => {
    const reviewer = await pageAs(demoUser("REVIEWER").email);
    const res = await reviewer.goto("/questions/new");
    expect(res?.status()).toBe(403);
    await expect(reviewer.getByRole("heading", { name: "No access" })).toBeVisible();
    await expect(reviewer.getByRole("banner")).toBeVisible();
  });
});

test("a fresh organization's owner walks the main pages without a CSP violation", async ({ page, request }) => {
  const owner = await createUser(request);
  await signIn(page, owner.email, owner.password);
  for (const path of ["/", "/questions", "/questions/new", "/kits", "/kits/new", "/candidates", "/interviews", "/interviews/new", "/reports", "/lab", "/settings/members", "/settings/organization"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
  }
});
