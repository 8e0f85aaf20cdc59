// Scheduling end to end, in the seeded demo organization: the owner builds a kit (reordering
// with the keyboard path), adds a candidate, schedules a panel interview in New York time,
// downloads the invite; Ivy — whose own zone is Europe/Berlin — finds it on her dashboard in
// Berlin time; and another organization cannot reach any of it.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { formatRangeInZone } from "../lib/interviews/time-zones";
import { createUser, demoUser, expect, signIn, test } from "./fixtures";

const tag = () => randomBytes(4).toString("hex");

test.describe("kits, candidates and scheduling", () => {
  test("create a kit and a candidate, schedule a panel interview, see it in the interviewer's zone, download the invite", async ({ page, pageAs, request }) => {
    const word = tag();
    const kitName = `E2E onsite ${word}`;
    const candidateName = `Casey E2E ${word}`;
    await signIn(page, demoUser("OWNER").email);

    // --- Kit: two bank questions, reordered with Move up, minutes edited, total shown.
    await page.goto("/kits/new");
    await page.getByLabel("Name", { exact: true }).fill(kitName);
    await page.getByLabel("Role", { exact: true }).fill("ML Engineer");
    await page.getByLabel("Overall attributes").fill("Communication, Ownership");
    const search = page.getByLabel("Add questions from the bank");
    await search.fill("batch normalization");
    await page.getByRole("button", { name: /^Add Batch normalization/ }).click();
    await search.fill("bias");
    await page.getByRole("button", { name: /^Add Bias, variance/ }).click();
    const list = page.getByRole("list", { name: "Kit questions in interview order" });
    await expect(list.getByRole("listitem")).toHaveCount(2);
    await page.getByRole("button", { name: /^Move Bias, variance .* up$/ }).click();
    await expect(list.getByRole("listitem").first()).toContainText("Bias, variance");
    await page.getByLabel(/Minutes for Batch normalization/).fill("20");
    await page.getByLabel(/Minutes for Bias, variance/).fill("25");
    await expect(page.getByText("45 minutes", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Create kit" }).click();
    await expect(page).toHaveURL(/\/kits\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1, name: kitName })).toBeVisible();
    await expect(list.getByRole("listitem").first()).toContainText("Bias, variance");

    // --- Candidate.
    await page.goto("/candidates");
    await page.getByLabel("Name", { exact: true }).fill(candidateName);
    await page.getByLabel("Email (optional)").fill(`casey-${word}@example.com`);
    await page.getByRole("button", { name: "Add candidate" }).click();
    await expect(page.getByRole("heading", { level: 1, name: candidateName })).toBeVisible();

    // --- Schedule: bad input first (no panel), then a valid panel with Ivy leading.
    const startNy = DateTime.now().setZone("America/New_York").plus({ days: 7 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await page.goto("/interviews/new");
    await page.getByLabel("Candidate", { exact: true }).selectOption({ label: candidateName });
    await page.getByLabel("Kit", { exact: true }).selectOption({ label: `${kitName} (2 questions)` });
    await page.getByLabel("Time zone", { exact: true }).selectOption("America/New_York");
    await page.getByLabel("Start", { exact: true }).fill(startNy.toFormat("yyyy-MM-dd'T'HH:mm"));
    // The kit's 45 minutes propose the end.
    await expect(page.getByLabel("End", { exact: true })).toHaveValue(startNy.plus({ minutes: 45 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.getByLabel("Meeting link (optional)").fill("https://meet.example.com/e2e");
    await page.getByRole("button", { name: "Schedule interview" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Add at least one interviewer" })).toBeVisible();

    const ivy = demoUser("INTERVIEWER");
    await page.getByRole("checkbox", { name: `${ivy.name} on the panel` }).check();
    await page.getByRole("checkbox", { name: "Ian Interviewer on the panel" }).check();
    await page.getByRole("radio", { name: `${ivy.name} leads` }).check();
    await page.getByRole("button", { name: "Schedule interview" }).click();
    await expect(page.getByRole("heading", { name: "Interview scheduled" })).toBeVisible();

    // --- Invite: a real .ics, parsed back.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download invite (.ics)" }).click()]);
    const ics = await readFile((await download.path())!, "utf8");
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(event.startDate.toJSDate().toISOString()).toBe(startNy.toJSDate().toISOString());
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe(`${candidateName} — ${kitName}`);

    // --- Ivy's dashboard, in her own zone (Europe/Berlin, set by the demo seed).
    const start = startNy.toUTC().toJSDate();
    const end = startNy.plus({ minutes: 45 }).toUTC().toJSDate();
    const ivyPage = await pageAs(ivy.email);
    await ivyPage.goto("/interviews");
    await expect(ivyPage.getByText("Times in your time zone, Europe/Berlin.")).toBeVisible();
    const row = ivyPage.getByRole("listitem").filter({ hasText: `${candidateName} — ${kitName}` });
    await expect(row).toContainText(formatRangeInZone(start, end, "Europe/Berlin"));
    await expect(row).toContainText("You lead");
    await row.getByRole("link").click();
    await expect(ivyPage.getByRole("heading", { level: 1, name: `${candidateName} — ${kitName}` })).toBeVisible();
    // Interviewers may download the invite for their interview too.
    const [again] = await Promise.all([ivyPage.waitForEvent("download"), ivyPage.getByRole("link", { name: "Download invite (.ics)" }).click()]);
    expect(await readFile((await again.path())!, "utf8")).toContain(`UID:${event.uid}`);
    const interviewPath = new URL(ivyPage.url()).pathname;

    // --- Another organization gets 404 for the same interview, its invite, kit and candidate.
    const stranger = await createUser(request);
    const strangerPage = await pageAs(stranger.email, stranger.password);
    const interviewId = interviewPath.split("/").pop()!;
    for (const url of [`/api/interviews/${interviewId}`, `/api/interviews/${interviewId}/ics`]) {
      expect((await strangerPage.request.get(url)).status(), url).toBe(404);
    }
    const kitId = ((await (await page.request.get(`/api/kits?q=${encodeURIComponent(kitName)}`)).json()) as { kits: { id: string }[] }).kits[0]!.id;
    expect((await strangerPage.request.get(`/api/kits/${kitId}`)).status()).toBe(404);
  });

  test("the schedule form's choices come with the page: filled even when the lists' API calls never answer", async ({ pageAs }) => {
    const page = await pageAs("recruiter@panelist.dev");
    // Hold every client-side list request: the dropdowns must not depend on them.
    for (const pattern of ["**/api/candidates?*", "**/api/kits?*", "**/api/interviews/panel-candidates"]) await page.route(pattern, () => {});
    await page.goto("/interviews/new");
    await expect(page.getByLabel("Candidate", { exact: true }).locator("option", { hasText: "Alex Kim" })).toHaveCount(1);
    await expect(page.getByLabel("Kit", { exact: true }).locator("option", { hasText: "ML Engineer — onsite deep learning" })).toHaveCount(1);
    await expect(page.getByRole("checkbox", { name: /Ivy/ }).first()).toBeVisible();
  });

  test("an interviewer cannot schedule and sees only their own interviews", async ({ pageAs }) => {
    const ian = await pageAs("ian@panelist.dev");
    const res = await ian.request.post("/api/interviews", { data: {} });
    expect(res.status()).toBe(403);
    await ian.goto("/interviews");
    await expect(ian.getByRole("link", { name: "Schedule interview" })).toHaveCount(0);
    await expect(ian.getByRole("heading", { name: "All interviews in the organization" })).toHaveCount(0);
    // The seeded demo interview has Ian on its panel, shown in his zone.
    await expect(ian.getByText("Times in your time zone, America/New_York.")).toBeVisible();
    await expect(ian.getByRole("listitem").filter({ hasText: "Alex Kim — ML Engineer — onsite deep learning" }).first()).toBeVisible();
  });
});
