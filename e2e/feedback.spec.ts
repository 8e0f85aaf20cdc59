// Feedback on time, end to end against the seeded demo data: Ian's scorecard for Jordan Lee's
// interview (two days ago) is overdue — on his own "Scorecards due" list, one click from the
// room, and on the recruiter's organization view with its counts, filters and time to feedback.
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";

const JORDAN = /Jordan Lee — ML Engineer — onsite deep learning/;

test.describe("scorecards due", () => {
  test("an interviewer sees their overdue scorecard and opens its room in one click", async ({ pageAs }) => {
    const page = await pageAs("ian@panelist.dev");
    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "Scorecards due" }).click();
    await expect(page.getByRole("heading", { name: "Scorecards due", level: 1 })).toBeVisible();
    const mine = page.getByTestId("my-scorecards-due");
    await expect(mine.getByRole("listitem")).toHaveCount(1);
    await expect(mine).toContainText("your scorecard is draft");
    await expect(mine).toContainText(/overdue by \d+ h/);
    await mine.getByRole("link", { name: JORDAN }).click();
    await expect(page).toHaveURL(/\/interviews\/[^/]+\/room$/);
  });

  test("a recruiter sees the organization's overdue scorecards, filters them, and reads time to feedback", async ({ pageAs }) => {
    const page = await pageAs("recruiter@panelist.dev");
    await page.goto("/scorecards");
    await expect(page.getByTestId("due-counts")).toHaveText(/1 open scorecard across 1 interview; 1 overdue/);
    const table = page.getByTestId("org-scorecards-due");
    await expect(table.getByRole("rowheader", { name: /Ian Interviewer/ })).toContainText("1 open, 1 overdue");
    await expect(table.getByRole("link", { name: JORDAN })).toBeVisible();

    await page.getByLabel("Group by").selectOption("interview");
    await page.getByLabel("Show").selectOption("overdue");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/state=overdue/);
    await expect(table.getByRole("rowheader", { name: JORDAN })).toBeVisible();
    await expect(table.getByRole("cell", { name: /Ian Interviewer/ })).toBeVisible();

    const figures = page.getByTestId("time-to-feedback");
    await expect(figures.getByRole("row", { name: /Ivy Interviewer/ })).toContainText("100% of 2");
    await expect(figures.getByRole("row", { name: /Organization/ })).toContainText("3 of 4");
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    const text = (await readFile((await csv.path())!, "utf8")).replace(/^\uFEFF/, "");
    expect(text.split("\r\n")[0]).toBe("period_from,period_to,time_zone,interviewer,scorecards,submitted,median_hours,p90_hours,due_or_submitted,on_time_share");
    expect(text).toMatch(/Organization,4,3,/);
  });

  test("the bell counts the overdue scorecard's reminder; the notification centre opens it and marks it read", async ({ pageAs }) => {
    const page = await pageAs("ian@panelist.dev");
    await page.goto("/scorecards");
    const bell = page.getByTestId("notification-bell");
    await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
    // A second tab of the same browser, left on another page: its bell follows the count live.
    const other = await page.context().newPage();
    await other.goto("/");
    const otherBell = other.getByTestId("notification-bell");
    await expect(otherBell).toHaveAccessibleName("Notifications, 1 unread");
    let otherLoads = 0;
    other.on("load", () => otherLoads++);
    await bell.click();
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
    const list = page.getByTestId("notifications");
    await expect(list.getByRole("link", { name: /Your scorecard for “Jordan Lee — .*” is overdue by/ })).toBeVisible();
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await expect(page.getByText("All read.")).toBeVisible();
    await expect(bell).toHaveAccessibleName("Notifications");
    // The other tab heard it over the event stream (it opens 3 s after a page settles), unreloaded.
    await expect(otherBell).toHaveAccessibleName("Notifications");
    await expect(other.getByTestId("notification-bell-status")).toHaveText("No unread notifications");
    expect(otherLoads).toBe(0);
    await other.close();
    // Muting survives a reload.
    await page.getByLabel("Mute reminders by mail").check();
    await expect(page.getByText("Saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Mute reminders by mail")).toBeChecked();
    await page.getByLabel("Mute reminders by mail").uncheck();
    await expect(page.getByText("Saved.")).toBeVisible();
  });

  test("a filter the page does not understand is named, not an error", async ({ pageAs }) => {
    const page = await pageAs("recruiter@panelist.dev");
    const res = await page.goto("/scorecards?state=someday&from=2026-99-01");
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("alert").filter({ hasText: "Some filters were not understood" })).toBeVisible();
    await expect(page.getByTestId("due-counts")).toBeVisible();
  });
});

test.describe("hiring decision", () => {
  test("a recruiter records a decision on the report, it shows on the candidate's report, and a reviewer may not decide", async ({ pageAs }) => {
    const page = await pageAs("recruiter@panelist.dev");
    await page.goto("/reports");
    await page.getByRole("link", { name: JORDAN }).first().click();
    await expect(page).toHaveURL(/\/reports\/interviews\/[^/]+$/);
    const decision = page.getByTestId("decision");
    await decision.getByRole("button", { name: /Record a decision|Change the decision/ }).click();
    await decision.getByRole("button", { name: "Save decision" }).click();
    await expect(decision.getByText("Choose advance, hire, no hire or hold.")).toBeVisible();
    await decision.getByLabel("Decision", { exact: true }).selectOption("HOLD");
    await decision.getByLabel("Rationale").fill("Ian's scorecard is still out; decide after the debrief.");
    await decision.getByRole("button", { name: "Save decision" }).click();
    await expect(decision).toContainText("Hold — recorded by Remy Recruiter");
    await expect(decision).toContainText("decide after the debrief");

    await page.getByRole("link", { name: "Jordan Lee" }).first().click();
    await expect(page.getByTestId("candidate-decision").first()).toContainText("Hold");

    const reviewer = await pageAs("rita@panelist.dev");
    const res = await reviewer.request.put(page.url().replace(/\/reports\/candidates\/.*/, "/api/interviews/none/decision"), {
      data: { outcome: "HIRE", rationale: "x" },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(res.status()).toBe(403);
  });

  test("the debrief lists the panel's discussion points and records a decision; opened early it is marked partial", async ({ pageAs }) => {
    const page = await pageAs("recruiter@panelist.dev");
    await page.goto("/reports");
    await page.getByRole("link", { name: /Sam Rivera — ML Engineer — onsite deep learning/ }).first().click();
    await page.getByRole("link", { name: "Open the debrief" }).click();
    await expect(page).toHaveURL(/\/reports\/interviews\/[^/]+\/debrief$/);
    const points = page.getByTestId("discussion-points");
    await expect(points).toContainText("The panel is split on the recommendation");
    await expect(points.locator('[data-kind="disagreement"]').first()).toContainText("Batch normalization");
    await expect(points.locator('[data-kind="gap"]').first()).toContainText("nobody assessed");
    await expect(page.getByTestId("debrief-panelist")).toHaveCount(2);
    await expect(page.getByTestId("debrief-partial")).toHaveCount(0);
    // A point about a question leads to that question's evidence, panelists side by side.
    await points.locator('[data-kind="disagreement"] a').first().click();
    await expect(page).toHaveURL(/#evidence-/);

    const decision = page.getByTestId("decision");
    await decision.getByRole("button", { name: /Record a decision|Change the decision/ }).click();
    await decision.getByLabel("Decision", { exact: true }).selectOption("ADVANCE");
    await decision.getByLabel("Rationale").fill("Split on batch norm; a second technical round settles it.");
    await decision.getByRole("button", { name: "Save decision" }).click();
    await expect(decision).toContainText("Advance — recorded by Remy Recruiter");

    // Jordan Lee: Ian's scorecard is out, so the debrief waits — until the recruiter opens it early.
    await page.goto("/reports");
    await page.getByRole("link", { name: JORDAN }).first().click();
    await page.getByRole("link", { name: "Open the debrief" }).click();
    await expect(page.getByTestId("debrief-waiting")).toContainText("waiting for Ian Interviewer");
    await page.getByRole("link", { name: /Open the debrief early/ }).click();
    await expect(page.getByTestId("debrief-partial")).toContainText("Partial debrief, opened early");
    await expect(page.getByTestId("discussion-points").locator('[data-kind="missing"]')).toContainText("Ian Interviewer");
    await page.getByRole("link", { name: "Debrief the whole loop" }).click();
    await expect(page.getByText(/Loop debrief · ML Engineer — onsite deep learning/)).toBeVisible();
    await expect(page.getByTestId("loop-interview").first()).toBeVisible();
  });
});
