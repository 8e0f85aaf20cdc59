// Shared e2e helpers: sign-in through next-auth's API (no UI clicks), users and members
// from small factories, and a `pageAs` fixture for tests that need several people at once.
import { randomBytes } from "node:crypto";
import { test as base, expect, type APIRequestContext, type APIResponse, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/seed/credentials";

export { expect };

type RoleName = "OWNER" | "ADMIN" | "RECRUITER" | "INTERVIEWER" | "REVIEWER";

/** Demo accounts seeded by scripts/e2e.ts, by role. All use DEMO_PASSWORD. */
export const demoUser = (role: RoleName) => {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`No demo user with role ${role}`);
  return user;
};
export { DEMO_PASSWORD };

/** Meets the sign-up password rule (10+ characters, letters and a digit or symbol). */
export const TEST_PASSWORD = "e2e-Passw0rd-long";

let counter = 0;
/** Unique per call, per worker and per run, so retries and parallel workers never collide. */
export function uniqueEmail(prefix = "user"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${randomBytes(3).toString("hex")}@e2e.panelist.dev`;
}

const requestOf = (target: Page | BrowserContext | APIRequestContext): APIRequestContext =>
  "request" in target ? target.request : target;

/**
 * One raw credentials attempt, exactly as the browser's sign-in form makes it. Cookies from
 * the response (the session) land in `target`'s cookie jar.
 */
export async function postCredentials(
  target: Page | BrowserContext | APIRequestContext,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  const request = requestOf(target);
  const csrf = await request.get("/api/auth/csrf", { headers });
  expect(csrf.ok(), `GET /api/auth/csrf answered ${csrf.status()}`).toBeTruthy();
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    headers,
  });
}

/** Signs `target` in through the API; throws with the server's answer when that fails. */
export async function signIn(target: Page | BrowserContext | APIRequestContext, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  const res = await postCredentials(target, email, password);
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url, "http://x").searchParams.get("error") : null;
  if (!res.ok() || error) {
    throw new Error(`signIn(${email}) failed: HTTP ${res.status()} ${error ?? JSON.stringify(body)}`);
  }
}

export interface TestUser {
  name: string;
  email: string;
  password: string;
  organizationName: string;
  userId: string;
  organizationId: string;
}

/**
 * Factory: signs a fresh owner and organization up through POST /api/auth/sign-up, as the
 * sign-up form does. `request` should be a context not used for anything else (the test's
 * `request` fixture), since sign-up itself sets no session.
 */
export async function createUser(request: APIRequestContext, overrides: Partial<Pick<TestUser, "name" | "email" | "password" | "organizationName">> = {}): Promise<TestUser> {
  const tag = randomBytes(3).toString("hex");
  const input = {
    name: overrides.name ?? `Owner ${tag}`,
    email: overrides.email ?? uniqueEmail("owner"),
    password: overrides.password ?? TEST_PASSWORD,
    organizationName: overrides.organizationName ?? `Org ${tag}`,
  };
  const res = await request.post("/api/auth/sign-up", { data: input });
  expect(res.status(), `sign-up answered ${res.status()}: ${await res.text()}`).toBe(201);
  const body = (await res.json()) as { userId: string; organizationId: string };
  return { ...input, userId: body.userId, organizationId: body.organizationId };
}

/** The invite link for `email`, created by whoever is signed in on `inviter`. */
export async function inviteMember(inviter: Page | BrowserContext | APIRequestContext, email: string, role: RoleName): Promise<string> {
  const res = await requestOf(inviter).post("/api/organizations/invitations", { data: { email, role } });
  expect(res.status(), `invite answered ${res.status()}: ${await res.text()}`).toBe(201);
  return ((await res.json()) as { link: string }).link;
}

export interface TestMember {
  name: string;
  email: string;
  password: string;
  membershipId: string;
}

/**
 * Factory: a new person invited by the signed-in `inviter` with `role`, who accepts through
 * the API (as the invite page does). Returns their membership id in the inviter's org.
 */
export async function addMember(
  inviter: Page | BrowserContext | APIRequestContext,
  request: APIRequestContext,
  role: RoleName,
  name = `Member ${randomBytes(3).toString("hex")}`,
): Promise<TestMember> {
  const email = uniqueEmail(role.toLowerCase());
  const link = await inviteMember(inviter, email, role);
  const token = new URL(link).pathname.split("/").pop() ?? "";
  const accepted = await request.post("/api/invitations/accept", { data: { token, name, password: TEST_PASSWORD } });
  expect(accepted.status(), `accept answered ${accepted.status()}: ${await accepted.text()}`).toBe(200);
  const members = await requestOf(inviter).get("/api/organizations/members");
  const list = ((await members.json()) as { members: { id: string; email: string }[] }).members;
  const membership = list.find((m) => m.email === email);
  if (!membership) throw new Error(`${email} accepted but is not listed as a member`);
  return { name, email, password: TEST_PASSWORD, membershipId: membership.id };
}

type Fixtures = {
  /** A page in a context of its own, signed in as `email`; closed after the test. */
  pageAs: (email: string, password?: string) => Promise<Page>;
  /** Every CSP violation (or Permissions-Policy header error) any page of the test logged; the test fails on any. */
  securityPolicyViolations: string[];
};

/** Chromium's console line for a blocked resource or script, and what the init script below reports. */
const POLICY_ERROR = /Content Security Policy|\[csp-violation\]|Permissions-Policy/i;

async function watchSecurityPolicy(context: BrowserContext, violations: string[]): Promise<void> {
  context.on("console", (msg) => {
    if ((msg.type() === "error" || msg.type() === "warning") && POLICY_ERROR.test(msg.text())) violations.push(`${msg.location().url}: ${msg.text()}`);
  });
  // Violations a page's own code could swallow still fire this event.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`[csp-violation] ${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${e.documentURI} (from ${e.sourceFile || "?"}:${e.lineNumber}:${e.columnNumber})`),
    );
  });
}

export const test = base.extend<Fixtures>({
  // Applied to every test: no page may log a CSP violation in normal use. Watches the test's own
  // context and every context the test opens (pageAs, browser.newContext).
  securityPolicyViolations: [
    async ({ browser, context }, provide) => {
      const violations: string[] = [];
      await watchSecurityPolicy(context, violations);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const c = await newContext(...args);
        await watchSecurityPolicy(c, violations);
        return c;
      };
      try {
        await provide(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "pages logged Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  // `provide`, not `use`: the React hooks lint rule mistakes Playwright's `use` for a hook.
  pageAs: async ({ browser }, provide, testInfo) => {
    const contexts: BrowserContext[] = [];
    await provide(async (email, password = DEMO_PASSWORD) => {
      const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
      contexts.push(context);
      await signIn(context, email, password);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

/**
 * Factory: the signed-in `scheduler` (owner, admin or recruiter of the demo organization)
 * schedules an interview for a new candidate with the demo kit, `panel` by email (the first
 * leads), starting at `startsAt` (UTC, whole minutes). Returns the interview id.
 */
export async function scheduleInterview(scheduler: Page, opts: { panel: string[]; startsAt: Date; durationMinutes?: number; candidateName?: string }): Promise<string> {
  const kits = (await (await scheduler.request.get("/api/kits")).json()) as { kits: { id: string; itemCount: number }[] };
  const kit = kits.kits.find((k) => k.itemCount >= 2);
  if (!kit) throw new Error("The organization has no kit with two questions");
  const candidate = await scheduler.request.post("/api/candidates", { data: { name: opts.candidateName ?? `Candidate ${randomBytes(3).toString("hex")}`, email: "" } });
  expect(candidate.status(), await candidate.text()).toBe(201);
  const candidateId = ((await candidate.json()) as { candidate: { id: string } }).candidate.id;
  const members = (await (await scheduler.request.get("/api/interviews/panel-candidates")).json()) as { members: { userId: string; email: string }[] };
  const idOf = (email: string) => {
    const m = members.members.find((x) => x.email === email);
    if (!m) throw new Error(`${email} cannot sit on a panel here`);
    return m.userId;
  };
  const startLocal = opts.startsAt.toISOString().slice(0, 16);
  const res = await scheduler.request.post("/api/interviews", {
    data: { candidateId, kitId: kit.id, timeZone: "UTC", startLocal, durationMinutes: opts.durationMinutes ?? 60, panelistIds: opts.panel.map(idOf), leadId: idOf(opts.panel[0]!) },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { interview: { id: string } }).interview.id;
}
