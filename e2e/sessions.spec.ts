// Sessions that end, against the production server: a signed-out cookie replayed is refused
// (pages' API and the scoring write the custom server answers itself), a password change keeps
// this browser and signs the others out, "Sign out of all devices" signs out every browser, and
// an owner's reset link sets a member's password once and signs them out everywhere.
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { addMember, createUser, expect, postCredentials, signIn, test, TEST_PASSWORD, uniqueEmail } from "./fixtures";

/** A request context carrying exactly `context`'s cookies as they are now (a copied cookie jar). */
async function copyOfCookies(playwright: { request: { newContext(o: object): Promise<APIRequestContext> } }, context: BrowserContext, baseURL: string) {
  return playwright.request.newContext({ baseURL, storageState: await context.storageState() });
}

/** The scoring write, which scripts/server.ts answers before Next: a malformed body from a valid session is a 400, from none a 401. */
const scoreWrite = (r: APIRequestContext) => r.post("/api/interviews/no-such-interview/room/mutations", { data: "{}", headers: { "content-type": "application/json" } });

async function openUserMenu(page: Page, name: string) {
  await page.getByRole("button", { name }).click();
}

test.describe("sessions that end", () => {
  test("after sign-out, the old cookie replayed is a 401 on the API and on the scoring write, and pages send it to sign-in", async ({ page, request, playwright, browser, baseURL }) => {
    const user = await createUser(request);
    await signIn(page, user.email, user.password);
    await page.goto("/");
    const state = await page.context().storageState();
    const copied = await copyOfCookies(playwright, page.context(), baseURL!);
    expect((await copied.get("/api/me")).status()).toBe(200);
    expect((await scoreWrite(copied)).status()).toBe(400);

    await openUserMenu(page, user.name);
    await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    expect((await copied.get("/api/me")).status()).toBe(401);
    expect((await scoreWrite(copied)).status()).toBe(401);
    const replayed = await browser.newContext({ baseURL, storageState: state });
    const replayedPage = await replayed.newPage();
    await replayedPage.goto("/questions");
    await expect(replayedPage).toHaveURL("/sign-in?callbackUrl=%2Fquestions");
    await Promise.all([copied.dispose(), replayed.close()]);
  });

  test("changing the password keeps this browser signed in and signs the other browsers out", async ({ page, request, browser, baseURL }) => {
    const user = await createUser(request);
    await signIn(page, user.email, user.password);
    const other = await browser.newContext({ baseURL });
    await signIn(other, user.email, user.password);
    expect((await other.request.get("/api/me")).status()).toBe(200);

    await page.goto("/");
    await openUserMenu(page, user.name);
    await page.getByRole("menuitem", { name: "Change password" }).click();
    const dialog = page.getByRole("dialog", { name: "Change password" });
    await dialog.getByLabel("Current password").fill("not-my-password-1");
    await dialog.getByLabel("New password").fill("Changed-passw0rd-e2e");
    await dialog.getByRole("button", { name: "Change password" }).click();
    await expect(dialog.getByText("That is not your current password.")).toBeVisible();

    await dialog.getByLabel("Current password").fill(user.password);
    await dialog.getByRole("button", { name: "Change password" }).click();
    await expect(dialog.getByRole("status")).toContainText("1 other session was signed out; you stay signed in here.");
    await dialog.getByRole("button", { name: "Done" }).click();

    expect((await page.request.get("/api/me")).status()).toBe(200);
    expect((await other.request.get("/api/me")).status()).toBe(401);
    await other.close();

    const fresh = await browser.newContext({ baseURL });
    const old = await postCredentials(fresh, user.email, user.password);
    expect(((await old.json()) as { url?: string }).url ?? "").toContain("error=");
    await signIn(fresh, user.email, "Changed-passw0rd-e2e");
    expect((await fresh.request.get("/api/me")).status()).toBe(200);
    await fresh.close();
  });

  test("“Sign out of all devices” signs out this browser and every other", async ({ page, request, browser, baseURL }) => {
    const user = await createUser(request);
    await signIn(page, user.email, user.password);
    const other = await browser.newContext({ baseURL });
    await signIn(other, user.email, user.password);

    await page.goto("/");
    page.once("dialog", (d) => void d.accept());
    await openUserMenu(page, user.name);
    await page.getByRole("menuitem", { name: "Sign out of all devices" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await page.request.get("/api/me")).status()).toBe(401);
    expect((await other.request.get("/api/me")).status()).toBe(401);
    await other.close();
  });
});

test.describe("password reset", () => {
  test("“Forgot password?” gives the same answer for any address; its page sends no referrer", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page).toHaveURL("/forgot-password");
    await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
    const email = uniqueEmail("nobody");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText(`If ${email} belongs to a Panelist account, a link to set a new password is on its way.`);
  });

  test("an owner's reset link sets the member's password once and signs them out everywhere", async ({ page, request, browser, baseURL }) => {
    const owner = await createUser(request);
    await signIn(page, owner.email, owner.password);
    const member = await addMember(page, request, "INTERVIEWER", `Mona Member ${Date.now().toString(36)}`);
    const memberBrowser = await browser.newContext({ baseURL });
    await signIn(memberBrowser, member.email, member.password);
    expect((await memberBrowser.request.get("/api/me")).status()).toBe(200);

    await page.goto("/settings/members");
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: `Reset password for ${member.name}` }).click();
    const field = page.getByRole("textbox", { name: `Password reset link for ${member.name}`, exact: true });
    await expect(field).toBeVisible();
    const link = await field.inputValue();
    const token = /\/reset-password#([A-Za-z0-9_-]{43})$/.exec(link)?.[1];
    expect(token, link).toBeTruthy();

    const stranger = await browser.newContext({ baseURL });
    const resetPage = await stranger.newPage();
    await resetPage.goto(`/reset-password#${token}`);
    await expect(resetPage.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
    // The token leaves the address bar (and so the history) as soon as the page has read it.
    await expect(resetPage).toHaveURL(/\/reset-password$/);
    await resetPage.getByLabel("New password", { exact: true }).fill("Reset-by-link-e2e-1");
    await resetPage.getByLabel("Repeat the new password").fill("Reset-by-link-e2e-1");
    await resetPage.getByRole("button", { name: "Set new password" }).click();
    await expect(resetPage.getByRole("status")).toContainText("Your new password is set");

    expect((await memberBrowser.request.get("/api/me")).status()).toBe(401);
    await signIn(stranger, member.email, "Reset-by-link-e2e-1");
    expect((await stranger.request.get("/api/me")).status()).toBe(200);
    const old = await postCredentials(await browser.newContext({ baseURL }), member.email, TEST_PASSWORD);
    expect(((await old.json()) as { url?: string }).url ?? "").toContain("error=");

    // The link works once.
    const again = await (await browser.newContext({ baseURL })).newPage();
    await again.goto(`/reset-password#${token}`);
    await expect(again.getByRole("main").getByRole("alert")).toContainText("This reset link has expired or was already used");
    await Promise.all([memberBrowser.close(), stranger.close()]);
  });
});
