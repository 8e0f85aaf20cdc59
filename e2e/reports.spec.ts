// Reports end to end, against the seeded demo data (scripts/e2e.ts seeds it): the reviewer
// opens Sam Rivera's completed interview, sees the panel's disagreement flags and a criterion
// nobody assessed, and downloads the PDF and the CSV. Another organization gets 404s.
import { readFile } from "node:fs/promises";
import { createUser, expect, signIn, test } from "./fixtures";

const REVIEWER = "rita@panelist.dev";
const TITLE = /Sam Rivera — ML Engineer — onsite deep learning/;

test.describe("reports", () => {
  test("a reviewer opens a report, sees disagreement flags, and downloads PDF and CSV", async ({ pageAs }) => {
    const page = await pageAs(REVIEWER);
    await page.goto("/reports");
    await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: TITLE }).first().click();
    await expect(page).toHaveURL(/\/reports\/interviews\/[^/]+$/);

    await expect(page.getByRole("heading", { name: "Sam Rivera", level: 1 })).toBeVisible();
    await expect(page.getByTestId("overall-score")).toHaveText(/^\d\.\d$/);
    const flags = page.getByTestId("disagreement-flag");
    await expect(flags).toHaveCount(2);
    await expect(flags.filter({ hasText: "Batch normalization" })).toContainText("levels 1 to 4");
    await expect(page.getByText(/Disagreement: \d levels apart/).first()).toBeVisible();
    await expect(page.getByText("Nobody assessed this")).toBeVisible();
    await expect(page.getByTestId("partial-banner")).toHaveCount(0); // both scorecards submitted: not partial
    await expect(page.getByRole("heading", { name: "Notes timeline" })).toBeVisible();

    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF (A4)" }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^report-sam-rivera-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdfBytes = await readFile((await pdf.path())!);
    expect(pdfBytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfBytes.length).toBeGreaterThan(2_000);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = (await readFile((await csv.path())!, "utf8")).replace(/^\uFEFF/, "");
    expect(text.split("\r\n")[0]).toContain("interview_id,candidate,kind,question_no");
    expect(text).toContain("Ivy Interviewer");
    expect(text).toContain("not assessed");
    expect(text.split("\r\n")[0]).toContain(",recommendation,text,offset_seconds,count");
    expect(text).toContain(",verdict,");
    expect(text).toContain(",note,");
  });

  test("a reviewer opening an unfinished interview's report is told why, not shown a bare 404", async ({ pageAs }) => {
    const owner = await pageAs("owner@panelist.dev");
    const { interviews } = (await (await owner.request.get("/api/interviews")).json()) as { interviews: { id: string; status: string }[] };
    const upcoming = interviews.find((i) => i.status === "SCHEDULED");
    expect(upcoming, "the demo data has a scheduled interview").toBeTruthy();
    const page = await pageAs(REVIEWER);
    await page.goto(`/reports/interviews/${upcoming!.id}`);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("available once the interview is completed");
    await expect(page.getByText("This page could not be found")).toHaveCount(0);
  });

  test("another organization's owner gets 404 for the report and its exports", async ({ page, request, pageAs }) => {
    const reviewer = await pageAs(REVIEWER);
    await reviewer.goto("/reports");
    const href = await reviewer.getByRole("link", { name: TITLE }).first().getAttribute("href");
    const id = href!.split("/").pop()!;

    const stranger = await createUser(request);
    await signIn(page, stranger.email, stranger.password);
    for (const path of [`/api/reports/interviews/${id}`, `/api/reports/interviews/${id}/pdf`, `/api/reports/interviews/${id}/csv`]) {
      expect((await page.request.get(path)).status(), path).toBe(404);
    }
    const res = await page.goto(`/reports/interviews/${id}`);
    expect(res?.status()).toBe(404);
  });
});
