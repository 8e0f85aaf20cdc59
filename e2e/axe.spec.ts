// axe on every page, in the light and the dark theme: no critical, serious or moderate finding
// (every rule in the light theme; in the dark one the rules a colour scheme can change).
// The page list is read from app/**/page.tsx, so a new page is checked without anyone adding
// it here; each dynamic segment is filled from the demo data (scripts/e2e.ts seeds it).
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
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

/**
 * The minified build of the axe-core that @axe-core/playwright injects (its own dependency, which
 * may differ from a top-level axe-core: the rules and their verdicts are that version's).
 */
const AXE_SOURCE = readFileSync(createRequire(require.resolve("@axe-core/playwright")).resolve("axe-core/axe.min.js"), "utf8");

type RunOptions = Parameters<AxeBuilder["options"]>[0];
type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

/**
 * axe's verdict on the page as it is now. A page without frames gets axe-core injected once per
 * visit and `axe.run` in the page for each theme — what AxeBuilder does per call costs more than
 * a small page's whole audit (it injects axe again each time and finishes every run in a new blank
 * page, which only frames need). A page with frames goes through AxeBuilder, which audits them.
 */
async function violations(page: Page, scheme: "light" | "dark"): Promise<string[]> {
  // Violations only: axe then skips aggregating every passing node; what it finds is the same.
  const options: RunOptions = { resultTypes: ["violations"], ...(scheme === "dark" ? { runOnly: { type: "rule", values: THEME_RULES } } : {}) };
  let result: AxeResults;
  if (page.frames().length > 1) {
    result = await new AxeBuilder({ page }).options(options).analyze();
  } else {
    if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
    result = await page.evaluate((opts) => (window as unknown as { axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> } }).axe.run(document, opts), options);
  }
  return result.violations
    .filter((v) => v.impact === "critical" || v.impact === "serious" || v.impact === "moderate")
    .map((v) => `${page.url().replace(/^https?:\/\/[^/]+/, "")} (${scheme}): ${v.id} (${v.impact}) — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

/**
 * The theme is the `prefers-color-scheme` media query alone (app/globals.css; no script reads
 * it), so switching the emulated scheme on a loaded page restyles it exactly as loading it dark
 * would — once the colour transitions the switch starts (buttons' `transition-colors`) have
 * ended, or axe would read colours halfway.
 */
async function switchToDark(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.evaluate(async () => {
    // getAnimations() flushes style first, so the transitions the switch starts are listed.
    const transitions = document.getAnimations().filter((a) => a instanceof CSSTransition);
    await Promise.all(transitions.map((t) => t.finished.catch(() => undefined)));
  });
}

/** One visit: every rule in the light theme, then the colour rules after switching to dark. */
async function audit(page: Page, url: string): Promise<string[]> {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(url);
  await page.waitForLoadState("networkidle").catch(() => {});
  const found = await violations(page, "light");
  await switchToDark(page);
  found.push(...(await violations(page, "dark")));
  return found;
}

test("the page list covers the app (a page added later is checked too)", () => {
  const routes = pageRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(30);
  expect(routes).toContain("/questions/[id]/history");
  for (const r of routes) expect(r.includes("[") ? urlOf(r, { question: "q", kit: "k", candidate: "c", interview: "i", completed: "d", token: "t", me: "m" }) : r, r).not.toMatch(/\[/);
});

// Each page is opened once and checked in both themes. The pages are dealt round-robin into
// PARTS tests, each within its time limit (neighbouring pages — a section's list and its
// detail — cost alike, so the parts come out even).
const PARTS = 2;
test.describe("every page", () => {
  for (let part = 0; part < PARTS; part++) {
    test(`axe: every page, light and dark themes (part ${part + 1} of ${PARTS})`, async ({ pageAs, browser }) => {
      test.setTimeout(240_000);
      const owner = await pageAs("owner@panelist.dev");
      const ids = await demoIds(owner.request);
      const mine = pageRoutes()
        .filter((r) => !REDIRECTS.has(r))
        .filter((_, i) => i % PARTS === part);
      const found: string[] = [];
      for (const route of mine.filter((r) => !SIGNED_OUT.has(r))) found.push(...(await audit(owner, urlOf(route, ids))));
      const signedOut = mine.filter((r) => SIGNED_OUT.has(r));
      if (signedOut.length > 0) {
        const anonContext = await browser.newContext();
        const anon = await anonContext.newPage();
        for (const route of signedOut) found.push(...(await audit(anon, urlOf(route, ids))));
        await anonContext.close();
      }
      expect(found).toEqual([]);
    });
  }
});
