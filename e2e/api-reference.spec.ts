// The public API's reference (issue 18), against the production build: the OpenAPI document is
// public, and Settings → API → Reference shows its operations with their scopes and fields; a
// key from Settings → API lists interviews by updated_since and schedules nothing twice with an
// Idempotency-Key.
import AxeBuilder from "@axe-core/playwright";
import { createUser, expect, signIn, test } from "./fixtures";

test.describe("API reference", () => {
  test("the document is public and the reference page shows it", async ({ page }) => {
    const doc = await page.request.get("/api/v1/openapi.json");
    expect(doc.status()).toBe(200);
    expect(await doc.json()).toMatchObject({ openapi: "3.1.0", info: { title: "Panelist API" } });

    const owner = await createUser(page.request);
    await signIn(page, owner.email, owner.password);
    await page.goto("/settings/api");
    await page.getByRole("link", { name: "API reference" }).click();
    await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
    const list = page.locator("#getInterviews");
    await expect(list.getByRole("heading", { name: /List interviews/ })).toBeVisible();
    await expect(list.getByText("interviews:read", { exact: true })).toBeVisible();
    await expect(list.getByRole("table", { name: "Parameters" }).getByText("updated_since")).toBeVisible();
    await expect(page.locator("#postCandidates").getByText("Accepts an Idempotency-Key.", { exact: false })).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });

  test("a key syncs candidates by updated_since and a retried create makes one", async ({ page }) => {
    const owner = await createUser(page.request);
    await signIn(page, owner.email, owner.password);
    const created = await page.request.post("/api/organizations/api-keys", { data: { name: "E2E ATS", scopes: ["candidates:write"], expiresInDays: 1 } });
    expect(created.status()).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, "Idempotency-Key": `e2e-${Date.now()}` };
    const since = new Date(Date.now() - 60_000).toISOString();
    const first = await page.request.post("/api/v1/candidates", { headers, data: { name: "Reference Candidate" } });
    const again = await page.request.post("/api/v1/candidates", { headers, data: { name: "Reference Candidate" } });
    expect([first.status(), again.status()]).toEqual([201, 201]);
    expect(again.headers()["idempotent-replayed"]).toBe("true");
    const page1 = await page.request.get(`/api/v1/candidates?updated_since=${encodeURIComponent(since)}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await page1.json()) as { data: { name: string }[]; nextCursor: string | null };
    expect(body.data.filter((c) => c.name === "Reference Candidate")).toHaveLength(1);
  });
});
