// Browser helpers for bench suites that drive Chromium (format and rules: shared/design/BENCH.md):
// Debian's chromium through Playwright (the same flags as playwright.config.ts), DevTools CPU
// throttling as a stand-in for an ordinary laptop, and a session cookie header turned into
// cookies for a fresh browser context.
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../lib/chromium";


export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Slows the page's renderer down `rate`× (DevTools' "CPU throttling"). Set it before the page
 * navigates to what is measured; it stays with the page across same-site navigations.
 */
export async function throttleCpu(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
}

/** "a=b; c=d" (what signInThroughApi returns) as Playwright cookies for `baseUrl`. */
export function cookiesFromHeader(baseUrl: string, header: string): { name: string; value: string; url: string }[] {
  return header
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ name: p.slice(0, p.indexOf("=")), value: p.slice(p.indexOf("=") + 1), url: baseUrl }));
}

/** A fresh context (empty cache and storage) signed in with `cookieHeader`. */
export async function signedInContext(browser: Browser, baseUrl: string, cookieHeader: string, initScript?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies(cookiesFromHeader(baseUrl, cookieHeader));
  if (initScript) await context.addInitScript({ content: initScript });
  return context;
}
