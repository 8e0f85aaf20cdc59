// Settings → API end to end (issue 18), against the production build: an owner is told to choose
// a scope, creates a key with read access to interviews, sees its token once, uses it against
// /api/v1/me (where the session cookie alone is refused), finds it in the list without the token,
// and revokes it — after which the key gets a 401. An interviewer is told only owners and admins
// manage keys, and the API refuses them.
import { createUser, demoUser, expect, signIn, test } from "./fixtures";

test.describe("API keys settings", () => {
  test("an owner creates a key, uses it once shown, and revokes it", async ({ page }) => {
    const owner = await createUser(page.request);
    await signIn(page, owner.email, owner.password);
    await page.goto("/settings/api");
    await expect(page.getByRole("heading", { name: "API", exact: true })).toBeVisible();
    await expect(page.getByText(/No keys yet/)).toBeVisible();

    await page.getByLabel("Name").fill("E2E sync");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText("Choose at least one scope.")).toBeVisible();

    await page.getByRole("radio", { name: "Interviews: read", exact: true }).check();
    await page.getByLabel("Expires").selectOption("30");
    await page.getByRole("button", { name: "Create key" }).click();
    const tokenBox = page.getByRole("textbox", { name: "API key", exact: true });
    await expect(tokenBox).toHaveValue(/^pnl_[a-z0-9]{12}_[A-Za-z0-9]{43}$/);
    await expect(page.getByText(/only time Panelist shows it/)).toBeVisible();
    const token = await tokenBox.inputValue();

    // The cookie alone is no key; the key is.
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
    const me = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ apiKey: { name: "E2E sync", scopes: ["interviews:read"] } });

    await page.getByRole("button", { name: "I have stored it" }).click();
    await expect(page.getByRole("textbox", { name: "API key", exact: true })).toBeHidden();
    const table = page.getByRole("table", { name: "API keys" });
    await expect(table.getByText("E2E sync")).toBeVisible();
    await expect(table.getByText(`pnl_${token.slice(4, 16)}_…`)).toBeVisible();
    await expect(table.getByText("interviews:read")).toBeVisible();
    await expect(page.getByText(token)).toHaveCount(0);
    await expect(page.locator(`input[value="${token}"]`)).toHaveCount(0);

    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Revoke the key “E2E sync”" }).click();
    await expect(table.getByText(/^Revoked/)).toBeVisible();
    const after = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(after.status()).toBe(401);
    expect(after.headers()["www-authenticate"]).toContain("Bearer");
  });

  test("an interviewer cannot manage API keys", async ({ page }) => {
    await signIn(page, demoUser("INTERVIEWER").email);
    await page.goto("/settings/api");
    await expect(page.getByText("Only owners and admins manage API keys.")).toBeVisible();
    expect((await page.request.get("/api/organizations/api-keys")).status()).toBe(403);
  });
});
