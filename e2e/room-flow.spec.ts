// The room from its lobby to its submit, in the browser against the production build:
// - opening an interview scheduled for next year shows a lobby and changes nothing; "Start
//   interview" (confirmed, since it is far from the scheduled time) starts it for the whole panel,
//   and a co-panelist waiting in the lobby moves into the room by themselves;
// - a submit clicked right after typing the summary (0, 50, 400 ms) is never lost, and a double
//   click submits once;
// - keys land where the interviewer means (focus on the third criterion, press 2);
// - axe finds nothing critical, serious or moderate in the room and the wrap-up, light and dark.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, scheduleInterview, test } from "./fixtures";

const IVY = "ivy@panelist.dev";
const IAN = "ian@panelist.dev";
const OWNER = "owner@panelist.dev";

interface RoomJson {
  interview: { status: string; startedAt: string | null };
  questions: { id: string; criteria: { id: string; title: string }[] }[];
  me: { card: { status: string; summary: string; recommendation: string | null }; criteria: { criterionId: string; level: number | null }[] } | null;
}

async function roomJson(page: Page, id: string): Promise<RoomJson> {
  const res = await page.request.get(`/api/interviews/${id}/room`);
  expect(res.status()).toBe(200);
  return (await res.json()) as RoomJson;
}

async function openScoring(page: Page, id: string): Promise<void> {
  await page.goto(`/interviews/${id}/room`);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved");
}

/** Whole minutes from now; a start within the early window (5 min) opens scoring on entry. */
const minutesFromNow = (m: number) => new Date(Math.floor(Date.now() / 60_000) * 60_000 + m * 60_000);

test("opening the room early shows a lobby and changes nothing; Start interview starts it for the whole panel", async ({ pageAs }) => {
  const owner = await pageAs(OWNER);
  const id = await scheduleInterview(owner, { panel: [IVY, IAN], startsAt: new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 3, 9, 0)) });
  const ivy = await pageAs(IVY);
  const ian = await pageAs(IAN);

  await ivy.goto(`/interviews/${id}/room`);
  const lobby = ivy.getByTestId("room-lobby");
  await expect(lobby).toContainText(/Starts in \d+ (months?|days?)/);
  await expect(lobby).toContainText("you can read the kit");
  // The kit is readable, nothing is scorable.
  await expect(ivy.getByRole("heading", { level: 2, name: /^1\. / })).toBeVisible();
  await expect(ivy.getByRole("radio").first()).toBeDisabled();
  await ivy.reload();
  await expect(ivy.getByTestId("room-lobby")).toBeVisible();
  let state = await roomJson(ivy, id);
  expect(state.interview).toMatchObject({ status: "SCHEDULED", startedAt: null });
  expect(state.me).toBeNull();

  // Ian waits in the lobby too.
  await ian.goto(`/interviews/${id}/room`);
  await expect(ian.getByTestId("room-lobby")).toBeVisible();

  // Far from the scheduled time: Start asks first; "Not yet" changes nothing.
  await ivy.getByRole("button", { name: "Start interview" }).click();
  const dialog = ivy.getByRole("dialog", { name: "Start this interview now?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Not yet" }).click();
  expect((await roomJson(ivy, id)).interview.status).toBe("SCHEDULED");

  await ivy.getByRole("button", { name: "Start interview" }).click();
  await dialog.getByRole("button", { name: "Start now" }).click();
  await expect(ivy.getByTestId("room-lobby")).toHaveCount(0);
  await expect(ivy.getByTestId("save-status")).toHaveAttribute("data-status", "saved");
  await expect(ivy.getByRole("radio").first()).toBeEnabled();
  state = await roomJson(ivy, id);
  expect(state.interview.status).toBe("IN_PROGRESS");
  expect(state.interview.startedAt).not.toBeNull();
  expect(state.me?.card.status).toBe("DRAFT");

  // Ian's lobby turns into the room without a reload.
  await expect(ian.getByTestId("room-lobby")).toHaveCount(0, { timeout: 10_000 });
  await expect(ian.getByTestId("save-status")).toHaveAttribute("data-status", "saved");
});

test("a level key scores the focused criterion, and arrows in a level group move the level, not the question", async ({ pageAs }) => {
  const owner = await pageAs(OWNER);
  const id = await scheduleInterview(owner, { panel: [IVY], startsAt: minutesFromNow(3) });
  const ivy = await pageAs(IVY);
  await openScoring(ivy, id);
  const q0 = (await roomJson(ivy, id)).questions[0]!;
  expect(q0.criteria.length).toBeGreaterThanOrEqual(3);
  const third = q0.criteria[2]!;

  await ivy.getByRole("checkbox", { name: `Covered: ${third.title}` }).focus();
  await ivy.keyboard.press("2");
  await expect(ivy.getByRole("radiogroup", { name: `Level for ${third.title}` }).getByRole("radio", { checked: true })).toHaveText(/^2/);
  await ivy.keyboard.press("ArrowRight");
  const heading = ivy.getByRole("heading", { level: 2, name: /^\d+\. / });
  await expect(heading).toContainText("2.");
  await ivy.keyboard.press("ArrowLeft");
  await expect(heading).toContainText("1.");

  const group = ivy.getByRole("radiogroup", { name: `Level for ${q0.criteria[1]!.title}` });
  await group.getByRole("radio").nth(1).click();
  await ivy.keyboard.press("ArrowRight");
  await expect(group.getByRole("radio", { checked: true })).toBeFocused();
  await expect(heading).toContainText("1.");
  await expect(ivy.getByTestId("save-status")).toHaveAttribute("data-status", "saved");
  const saved = await roomJson(ivy, id);
  expect(saved.me!.criteria.find((c) => c.criterionId === third.id)?.level).toBe(2);
  expect(saved.me!.criteria.find((c) => c.criterionId === q0.criteria[1]!.id)?.level).not.toBeNull();
  expect(saved.me!.criteria.find((c) => c.criterionId === q0.criteria[0]!.id)).toBeUndefined();
});

for (const pause of [0, 50, 400]) {
  test(`a submit clicked ${pause} ms after typing the summary is not lost`, async ({ pageAs }) => {
    const owner = await pageAs(OWNER);
    const id = await scheduleInterview(owner, { panel: [IVY], startsAt: minutesFromNow(3) });
    const ivy = await pageAs(IVY);
    await openScoring(ivy, id);
    await ivy.keyboard.press("w");
    await ivy.getByRole("radio", { name: "Yes", exact: true }).click();
    await ivy.getByLabel("Summary").fill(`Clear on bias and variance (${pause} ms)`);
    if (pause) await ivy.waitForTimeout(pause);
    await ivy.getByTestId("submit-scorecard").click();
    await expect(ivy.getByTestId("submitted")).toBeVisible();
    await expect(ivy.getByText(/^Not saved|^Not submitted/)).toHaveCount(0);
    const state = await roomJson(ivy, id);
    expect(state.me!.card).toMatchObject({ status: "SUBMITTED", summary: `Clear on bias and variance (${pause} ms)`, recommendation: "YES" });
  });
}

test("a double click on Submit submits once", async ({ pageAs }) => {
  const owner = await pageAs(OWNER);
  const id = await scheduleInterview(owner, { panel: [IVY], startsAt: minutesFromNow(3) });
  const ivy = await pageAs(IVY);
  await openScoring(ivy, id);
  await ivy.keyboard.press("w");
  await ivy.getByRole("radio", { name: "No", exact: true }).click();
  const mutations: string[] = [];
  ivy.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/room/mutations")) mutations.push(r.postData() ?? "");
  });
  await ivy.getByTestId("submit-scorecard").dblclick();
  await expect(ivy.getByTestId("submitted")).toBeVisible();
  // The double click made one submit mutation: a second click would have queued a second one,
  // with its own mutation id. The same id may be sent twice — a resend after a lost answer (seen
  // once in CI), which the server answers as a replay — so ids are counted, not requests.
  const submitIds = mutations.filter((body) => body.includes('"kind":"submit"')).map((body) => (JSON.parse(body) as { mutationId: string }).mutationId);
  expect(submitIds.length).toBeGreaterThanOrEqual(1);
  expect(new Set(submitIds).size).toBe(1);
  await expect(ivy.getByText(/^Not saved|^Not submitted/)).toHaveCount(0);
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: no critical, serious or moderate findings in the room and the wrap-up (${scheme})`, async ({ pageAs }) => {
    test.setTimeout(120_000);
    const owner = await pageAs(OWNER);
    const id = await scheduleInterview(owner, { panel: [IVY, IAN], startsAt: minutesFromNow(3) });
    const ivy = await pageAs(IVY);
    await ivy.emulateMedia({ colorScheme: scheme });
    await openScoring(ivy, id);
    const check = async (where: string) => {
      const result = await new AxeBuilder({ page: ivy }).analyze();
      const bad = result.violations.filter((v) => v.impact === "critical" || v.impact === "serious" || v.impact === "moderate");
      expect(bad.map((v) => `${where}: ${v.id} (${v.impact}) — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
    };
    await check("question");
    await ivy.keyboard.press("?");
    await expect(ivy.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await check("shortcut sheet");
    await ivy.keyboard.press("Escape");
    await ivy.keyboard.press("w");
    await expect(ivy.getByRole("heading", { name: "Wrap-up", level: 2 })).toBeVisible();
    await check("wrap-up");
  });
}
