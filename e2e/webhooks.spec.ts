// Settings → Webhooks end to end (issue 18), against the production build (where the loopback
// flag is ignored): an owner is refused a private address with the reason and nothing saved,
// adds an endpoint on a public address, reveals and rotates its secret, sends a test event that
// appears in the delivery log, edits the events and deletes the endpoint; an interviewer is told
// only owners and admins manage webhooks, and the API refuses them.
import { createUser, demoUser, expect, signIn, test } from "./fixtures";

test.describe("webhooks settings", () => {
  test("an owner adds, inspects, tests, edits and deletes an endpoint; private addresses are refused", async ({ page }) => {
    const owner = await createUser(page.request);
    await signIn(page, owner.email, owner.password);
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();

    const url = page.getByLabel("Endpoint URL");
    await url.fill("https://10.0.0.7/hooks");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText(/resolves to a private address/)).toBeVisible();
    await expect(page.getByText("No endpoints yet.")).toBeVisible();

    await url.fill("https://93.184.215.14/panelist-hooks");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const card = page.getByRole("region", { name: "Endpoints" }).getByText("https://93.184.215.14/panelist-hooks");
    await expect(card).toBeVisible();

    await page.getByRole("button", { name: "Show", exact: true }).click();
    const secret = page.locator("code", { hasText: /^whsec_[A-Za-z0-9_-]{20,}$/ });
    const first = await secret.textContent();
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Rotate" }).click();
    await expect(secret).not.toHaveText(first ?? "");

    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByRole("table").getByText("webhook.test")).toBeVisible();

    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("checkbox", { name: /Candidate erased/ }).first().uncheck();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("button", { name: "Save changes" })).toBeHidden();

    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("No endpoints yet.")).toBeVisible();
  });

  test("an interviewer cannot manage webhooks", async ({ page }) => {
    await signIn(page, demoUser("INTERVIEWER").email);
    await page.goto("/settings/webhooks");
    await expect(page.getByText("Only owners and admins manage webhooks.")).toBeVisible();
    expect((await page.request.get("/api/webhooks")).status()).toBe(403);
  });
});
