// axe on every page, in the light and the dark theme: no critical, serious or moderate finding
// (every rule in the light theme; in the dark one the rules a colour scheme can change).
// The page list is read from app/**/page.tsx, so a new page is checked without anyone adding
// it here; each dynamic segment is filled from the demo data (scripts/e2e.ts seeds it).
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const APP = join(process.cwd(), "app");

/** Every page route: app/(group)/a/[id]/page.tsx → /a/[id]. */
function pageRoutes(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name === "page.tsx") {
        const segs = relative(APP, dir).split(sep).filter((s) => s && !/^\(.*\)$/.test(s));
        out.push(`/${segs.join("/")}`);
      }
    }
  };
  walk(APP);
  return out.sort();
}

/** Pages that only redirect (nothing of their own to check). */
const REDIRECTS = new Set(["/settings"]);
/** Pages checked signed out (the auth pages). */
const SIGNED_OUT = new Set(["/sign-in", "/sign-up", "/forgot-password", "/reset-password", "/invite/[token]"]);

interface DemoIds {
  question: string;
  kit: string;
  candidate: string;
  interview: string;
  completed: string;
  token: string;
  /** The signed-in owner (their own calibration page). */
  me: string;
}

async function demoIds(api: APIRequestContext): Promise<DemoIds> {
  const json = async <T,>(url: string) => (await (await api.get(url)).json()) as T;
  const questions = await json<{ items: { id: string }[] }>("/api/questions");
  const kits = await json<{ kits: { id: string; archived: boolean }[] }>("/api/kits");
  const candidates = await json<{ candidates: { id: string; name: string }[] }>("/api/candidates");
  const interviews = await json<{ interviews: { id: string; status: string }[] }>("/api/interviews");
  const invite = (await (await api.post("/api/organizations/invitations", { data: { email: `axe-${Date.now()}@example.com`, role: "REVIEWER" } })).json()) as { link: string };
  const completed = interviews.interviews.find((i) => i.status === "COMPLETED")!;
  const me = await json<{ actor: { userId: string } }>("/api/me");
  return {
    question: questions.items[0]!.id,
    kit: kits.kits.find((k) => !k.archived)!.id,
    candidate: candidates.candidates.find((c) => c.name === "Sam Rivera")?.id ?? candidates.candidates[0]!.id,
    interview: interviews.interviews.find((i) => i.status === "SCHEDULED")?.id ?? completed.id,
    completed: completed.id,
    token: new URL(invite.link).pathname.split("/invite/")[1]!,
    me: me.actor.userId,
  };
}

function urlOf(route: string, ids: DemoIds): string {
  const reports = route.startsWith("/reports/interviews") ? ids.completed : ids.interview;
  return route
    .replace("/analytics/interviewers/[id]", `/analytics/interviewers/${ids.me}`)
    .replace("/questions/[id]", `/questions/${ids.question}`)
    .replace("/kits/[id]", `/kits/${ids.kit}`)
    .replace("/candidates/[id]", `/candidates/${ids.candidate}`)
    .replace("/interviews/[id]", `/interviews/${reports}`)
    .replace("/lab/[lab]", "/lab/roc-imbalanced")
    .replace("/invite/[token]", `/invite/${ids.token}`);
}

/**
 * The rules whose verdict depends on the colour scheme: the dark pass runs only these, since
 * landmarks, names, roles and structure are the same in both themes and the light pass checks
 * every rule (about a third of axe's time per page saved on the dark pass).
 */
const THEME_RULES = ["color-contrast", "link-in-text-block"];

async function violations(page: Page, scheme: "light" | "dark"): Promise<string[]> {
  // Violations only: axe then skips aggregating every passing node; what it finds is the same.
  const builder = new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
  const result = await (scheme === "dark" ? builder.withRules(THEME_RULES) : builder).analyze();
  return result.violations
    .filter((v) => v.impact === "critical" || v.impact === "serious" || v.impact === "moderate")
    .map((v) => `${page.url().replace(/^https?:\/\/[^/]+/, "")}: ${v.id} (${v.impact}) — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

test("the page list covers the app (a page added later is checked too)", () => {
  const routes = pageRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(30);
  expect(routes).toContain("/questions/[id]/history");
  for (const r of routes) expect(r.includes("[") ? urlOf(r, { question: "q", kit: "k", candidate: "c", interview: "i", completed: "d", token: "t", me: "m" }) : r, r).not.toMatch(/\[/);
});

// Each theme's pages in two halves (each a test of its own, within its time limit): the signed-in
// pages split in two, the signed-out ones with the second half.
for (const scheme of ["light", "dark"] as const) {
  for (const part of [1, 2] as const) {
    test(`axe: every page, ${scheme} theme (part ${part} of 2)`, async ({ pageAs, browser }) => {
      test.setTimeout(240_000);
      const owner = await pageAs("owner@panelist.dev");
      const ids = await demoIds(owner.request);
      await owner.emulateMedia({ colorScheme: scheme });
      const found: string[] = [];
      const routes = pageRoutes().filter((r) => !REDIRECTS.has(r));
      const signedIn = routes.filter((r) => !SIGNED_OUT.has(r));
      const half = Math.ceil(signedIn.length / 2);
      for (const route of part === 1 ? signedIn.slice(0, half) : signedIn.slice(half)) {
        await owner.goto(urlOf(route, ids));
        await owner.waitForLoadState("networkidle").catch(() => {});
        found.push(...(await violations(owner, scheme)));
      }
      if (part === 2) {
        const anonContext = await browser.newContext({ colorScheme: scheme });
        const anon = await anonContext.newPage();
        for (const route of routes.filter((r) => SIGNED_OUT.has(r))) {
          await anon.goto(urlOf(route, ids));
          await anon.waitForLoadState("networkidle").catch(() => {});
          found.push(...(await violations(anon, scheme)));
        }
        await anonContext.close();
      }
      expect(found).toEqual([]);
    });
  }
}
