// Calibration and question analytics end to end, on the seeded demo history (lib/seed/history.ts):
// a recruiter reads reliability, the interviewers' severities and the question table, and
// downloads a CSV; an interviewer lands on their own calibration page and cannot open a
// colleague's; a reviewer is told analytics are not theirs.
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";

test.describe("analytics", () => {
  test("a recruiter reads reliability, severities and question analytics, and downloads the interviewers' CSV", async ({ pageAs }) => {
    test.setTimeout(120_000);
    const page = await pageAs("recruiter@panelist.dev");
    await page.goto("/analytics");
    await expect(page.getByRole("heading", { name: "Calibration", level: 1 })).toBeVisible();
    await expect(page.getByTestId("org-alpha")).toHaveText(/^0\.\d\d$/);
    await expect(page.getByTestId("analytics-freshness")).toContainText("Figures as of");
    const rows = page.getByTestId("interviewer-table").locator("tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(6);
    // The demo history plants lenient and harsh interviewers: some are flagged.
    await expect(page.getByTestId("interviewer-table").getByText(/^(lenient|harsh)$/).first()).toBeVisible();

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download interviewers (CSV)" }).click()]);
    const text = (await readFile((await csv.path())!, "utf8")).replace(/^\uFEFF/, "");
    expect(text.split("\r\n")[0]).toContain("interviewer,scorecards,ratings,severity_levels");

    await page.getByRole("link", { name: "Question analytics" }).click();
    await expect(page.getByRole("heading", { name: "Question analytics", level: 1 })).toBeVisible();
    const table = page.getByTestId("question-analytics");
    await expect(table.locator("tbody tr").first()).toBeVisible();
    await page.getByRole("link", { name: "Least agreed" }).click();
    await expect(page).toHaveURL(/sort=agreement/);
    // A question's page shows its analytics per version.
    await table.locator("tbody tr").first().getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: /In interviews, last 180 days/ })).toBeVisible();

    // One interviewer's page, with a kappa against a co-panelist.
    await page.goto("/analytics");
    await page.getByTestId("interviewer-table").locator("tbody tr").first().getByRole("link").click();
    await expect(page.getByRole("heading", { name: /: calibration$/ })).toBeVisible();
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(page.getByTestId("pair-kappa")).toContainText("Quadratic-weighted kappa with");
  });

  test("an interviewer sees their own calibration and not a colleague's; a reviewer sees none", async ({ pageAs }) => {
    const recruiter = await pageAs("recruiter@panelist.dev");
    const org = (await (await recruiter.request.get("/api/analytics")).json()) as { figures: { interviewers: { userId: string; name: string }[] } };
    const me = (await (await (await pageAs("ian@panelist.dev")).request.get("/api/me")).json()) as { actor: { userId: string } };
    const colleague = org.figures.interviewers.find((p) => p.userId !== me.actor.userId)!;

    const ian = await pageAs("ian@panelist.dev");
    await ian.goto("/analytics");
    await expect(ian).toHaveURL(new RegExp(`/analytics/interviewers/${me.actor.userId}`));
    await expect(ian.getByRole("heading", { name: "Your calibration", level: 1 })).toBeVisible();
    const res = await ian.goto(`/analytics/interviewers/${colleague.userId}`);
    expect(res?.status()).toBe(404);
    expect((await ian.request.get("/api/analytics")).status()).toBe(403);

    const rita = await pageAs("rita@panelist.dev");
    await rita.goto("/analytics");
    await expect(rita.getByRole("main").getByRole("alert")).toContainText("for owners, admins and recruiters");
  });

  test("the question bank sorts by discrimination and agreement for a recruiter, with the figures on each question; an interviewer's bank has neither", async ({ pageAs }) => {
    test.setTimeout(120_000);
    const page = await pageAs("recruiter@panelist.dev");
    await page.goto("/questions");
    await expect(page.getByTestId("bank-figures-freshness")).toContainText("over the last 180 days");
    await page.getByLabel("Sort by").selectOption({ label: "Most discriminating" });
    await expect(page).toHaveURL(/sort=discrimination/);
    const first = page.getByTestId("bank-results").locator("li").first();
    await expect(first.getByTestId("bank-figures")).toContainText(/Discrimination\s*0\.\d\d/);
    await page.getByLabel("Sort by").selectOption({ label: "Least agreed" });
    await expect(page).toHaveURL(/sort=agreement/);

    const ian = await pageAs("ian@panelist.dev");
    await ian.goto("/questions?sort=discrimination");
    await expect(ian.getByTestId("bank-results").locator("li").first()).toBeVisible();
    await expect(ian.getByLabel("Sort by").locator("option", { hasText: "Most discriminating" })).toHaveCount(0);
    await expect(ian.getByTestId("bank-figures")).toHaveCount(0);
    expect((await ian.request.get("/api/questions?sort=agreement")).status()).toBe(403);
  });
});
