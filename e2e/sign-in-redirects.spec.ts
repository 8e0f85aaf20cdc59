// The sign-in page in a real browser: where it sends you afterwards (only a path on this site,
// lib/auth/safe-redirect.ts) and what `?error=` may make it say (a known code's fixed message).
import type { Page } from "@playwright/test";
import { createUser, expect, test } from "./fixtures";

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("after sign-in", () => {
  // The payloads, and their relatives: each would land on http://evil.example/.
  for (const callbackUrl of ["/\\evil.example/", "/\t/evil.example/", "//evil.example/", "/%2F/evil.example/", "https://evil.example/", "javascript:alert(document.domain)"]) {
    test(`callbackUrl=${JSON.stringify(callbackUrl)} stays on Panelist`, async ({ page, request }) => {
      const user = await createUser(request);
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await signInThroughForm(page, user.email, user.password);
      await expect(page).toHaveURL("/");
      await expect(page.getByRole("banner").getByText(user.organizationName)).toBeVisible();
      expect(new URL(page.url()).origin).toBe(new URL(test.info().project.use.baseURL!).origin);
    });
  }

  test("a path on this site is followed, query included", async ({ page, request }) => {
    const user = await createUser(request);
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/questions?page=1")}`);
    await signInThroughForm(page, user.email, user.password);
    await expect(page).toHaveURL("/questions?page=1");
  });
});

test.describe("?error= on the sign-in page", () => {
  test("shows a known code's own message", async ({ page }) => {
    await page.goto("/sign-in?error=CredentialsSignin");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/email and password do not match/);
  });

  test("never shows the text it was given", async ({ page }) => {
    const bait = "Your account is suspended. Call +1 555 0100 to restore access.";
    await page.goto(`/sign-in?error=${encodeURIComponent(bait)}`);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Sign-in did not work. Please try again.");
    await expect(page.getByText("suspended")).toHaveCount(0);
  });

  test("shows nothing without one", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  });
});
