// The live scoring room with two panelists (the seeded demo interview: Ivy leads, Ian joins):
// each sees the other's progress within a second but never their scores; changes made
// offline are queued and saved on reconnect; a reload mid-interview loses nothing; other
// people get a 404. A question with a demo lab launches it from the room, attached to the interview.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const IVY = "ivy@panelist.dev";
const IAN = "ian@panelist.dev";

interface InterviewSummary {
  id: string;
  title: string;
  panel: { email: string }[];
}

async function demoInterviewId(page: Page): Promise<string> {
  const res = await page.request.get("/api/interviews/mine");
  expect(res.ok()).toBeTruthy();
  const mine = (await res.json()) as { today: InterviewSummary[]; upcoming: InterviewSummary[]; past: InterviewSummary[] };
  const interview = [...mine.today, ...mine.upcoming, ...mine.past].find((i) => i.title.startsWith("Alex Kim") && i.panel.some((p) => p.email === IAN));
  if (!interview) throw new Error("The demo interview with Ivy and Ian was not found");
  return interview.id;
}

async function enterRoom(page: Page, id: string): Promise<void> {
  // The demo interview is scheduled for tomorrow: start it (as "Start interview" does), so the room opens for scoring.
  const started = await page.request.post(`/api/interviews/${id}/room/start`, { data: { confirm: true } });
  expect(started.status(), await started.text()).toBe(200);
  await page.goto(`/interviews/${id}/room`);
  await expect(page.getByRole("navigation", { name: "Questions" })).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved");
}

interface RoomJson {
  questions: { id: string; criteria: { id: string; title: string }[] }[];
  me: { criteria: { interviewQuestionId: string; criterionId: string; level: number | null; covered: boolean }[]; notes: { body: string }[] };
  panel: { userId: string; isViewer: boolean; details: unknown }[];
}

async function roomJson(page: Page, id: string): Promise<RoomJson> {
  const res = await page.request.get(`/api/interviews/${id}/room`);
  expect(res.status()).toBe(200);
  return (await res.json()) as RoomJson;
}

test("two panelists score live: progress crosses, scores do not; offline queues; reload loses nothing", async ({ pageAs }) => {
  const ivy = await pageAs(IVY);
  const ian = await pageAs(IAN);
  const id = await demoInterviewId(ivy);
  await enterRoom(ivy, id);
  await enterRoom(ian, id);
  const room = await roomJson(ivy, id);
  const q0 = room.questions[0]!;
  const ivyId = (await roomJson(ivy, id)).panel.find((p) => p.isViewer)!.userId;
  const ianId = (await roomJson(ian, id)).panel.find((p) => p.isViewer)!.userId;

  // Ian sees Ivy in the room.
  const ivyOnIan = ian.getByTestId(`panelist-${ivyId}`);
  await expect(ivyOnIan.getByTestId("panelist-progress")).toContainText("In the room");

  // --- Ivy ticks a criterion and scores it from the keyboard.
  const firstCriterion = ivy.getByRole("checkbox", { name: `Covered: ${q0.criteria[0]!.title}` });
  await firstCriterion.check();
  // The row took focus with the click; the level comes from the keyboard.
  await ivy.keyboard.press("3");
  await expect(ivy.getByTestId("save-status")).toHaveAttribute("data-status", "saved");
  const savedAt = Date.now();
  // Within a second Ian sees the counts move — and nothing else.
  await expect(ivyOnIan.getByTestId("panelist-progress")).toContainText("covered 1/", { timeout: 1_000 });
  await expect(ivyOnIan.getByTestId("panelist-progress")).toContainText("scored 1/", { timeout: 1_000 });
  expect(Date.now() - savedAt).toBeLessThan(1_500);
  await expect(ian.getByTestId("panelist-details")).toHaveCount(0);
  // The API holds the line too: Ian's view of Ivy carries no scores.
  const ianView = await roomJson(ian, id);
  expect(ianView.panel.find((p) => p.userId === ivyId)!.details).toBeNull();
  expect(JSON.stringify(ianView.panel)).not.toContain(`"level"`);

  // --- Ian goes offline, keeps scoring; the changes wait on his device.
  await ian.context().setOffline(true);
  await ian.getByRole("checkbox", { name: `Covered: ${q0.criteria[0]!.title}` }).check();
  await ian.getByRole("radiogroup", { name: `Level for ${q0.criteria[0]!.title}` }).getByRole("radio").nth(1).click();
  await ian.getByLabel("New note").fill("Explains the trade-off clearly");
  await ian.getByLabel("New note").press("Enter");
  await expect(ian.getByTestId("save-status")).toHaveAttribute("data-status", "offline", { timeout: 10_000 });
  await expect(ian.getByTestId("save-status")).toContainText("kept on this device");
  await ian.context().setOffline(false);
  await expect(ian.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
  const ianSaved = await roomJson(ian, id);
  expect(ianSaved.me.criteria.find((c) => c.criterionId === q0.criteria[0]!.id)).toMatchObject({ covered: true, level: expect.any(Number) });
  expect(ianSaved.me.notes.map((n) => n.body)).toContain("Explains the trade-off clearly");
  // Ivy sees Ian's progress, not his note.
  await expect(ivy.getByTestId(`panelist-${ianId}`).getByTestId("panelist-progress")).toContainText("1 note");
  await expect(ivy.getByText("Explains the trade-off clearly")).toHaveCount(0);

  // --- Ivy scores two more criteria and reloads at once: nothing is lost.
  ivy.on("dialog", (d) => void d.accept());
  const criteria = q0.criteria.slice(1, 3);
  for (const c of criteria) await ivy.getByRole("radiogroup", { name: `Level for ${c.title}` }).getByRole("radio").nth(2).click();
  await ivy.getByLabel("New note").fill("Reload-proof note");
  await ivy.getByLabel("New note").press("Enter");
  await ivy.reload();
  await expect(ivy.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
  for (const c of criteria) {
    await expect(ivy.getByRole("radiogroup", { name: `Level for ${c.title}` }).getByRole("radio", { checked: true })).toHaveCount(1);
  }
  await expect(ivy.getByText("Reload-proof note")).toBeVisible();
  const ivySaved = await roomJson(ivy, id);
  for (const c of criteria) expect(ivySaved.me.criteria.find((x) => x.criterionId === c.id)?.level).not.toBeNull();
  expect(ivySaved.me.criteria.find((x) => x.criterionId === q0.criteria[0]!.id)).toMatchObject({ level: 3, covered: true });
});

test("the room is a 404 for people who are not on the panel, and bad input gets a clear 4xx", async ({ pageAs }) => {
  const ivy = await pageAs(IVY);
  const id = await demoInterviewId(ivy);
  const owner = await pageAs("owner@panelist.dev");
  expect((await owner.request.get(`/api/interviews/${id}/room`)).status()).toBe(404);
  expect((await owner.request.post(`/api/interviews/${id}/room/mutations`, { data: { kind: "attribute", mutationId: "m_e2e_00000001", baseVersion: 0, attribute: "x", level: 1 } })).status()).toBe(404);
  const page = await owner.goto(`/interviews/${id}/room`);
  expect(page?.status()).toBe(404);

  await ivy.request.post(`/api/interviews/${id}/room/start`, { data: { confirm: true } });
  const room = await roomJson(ivy, id);
  const q0 = room.questions[0]!;
  const offScale = await ivy.request.post(`/api/interviews/${id}/room/mutations`, {
    data: { kind: "criterion", mutationId: "m_e2e_offscale_1", baseVersion: 0, interviewQuestionId: q0.id, criterionId: q0.criteria[0]!.id, level: 99 },
  });
  expect(offScale.status()).toBe(422);
  expect(((await offScale.json()) as { error: { message: string } }).error.message).toMatch(/outside this rubric's scale/);
  const huge = await ivy.request.post(`/api/interviews/${id}/room/mutations`, {
    data: { kind: "note.create", mutationId: "m_e2e_hugenote_1", noteId: "n_e2ehugenote1", interviewQuestionId: null, body: "x".repeat(5_001), offsetSeconds: 1 },
  });
  expect(huge.status()).toBe(400);
  expect(((await huge.json()) as { error: { message: string } }).error.message).toMatch(/at most 5,000 characters/);
});

test("from the room, Ivy launches the ROC lab on the metrics question and shows AUC; the run is on the interview", async ({ pageAs }) => {
  const ivy = await pageAs(IVY);
  const id = await demoInterviewId(ivy);
  await enterRoom(ivy, id);
  await ivy.getByRole("navigation", { name: "Questions" }).getByRole("button", { name: /Is accuracy enough\?/ }).click();
  await expect(ivy.getByRole("heading", { level: 2, name: /Is accuracy enough\?/ })).toBeVisible();

  await ivy.getByText("Demo lab: Is accuracy reliable?").click();
  const lab = ivy.getByRole("region", { name: "Demo lab" });
  await lab.getByRole("button", { name: "Run lab" }).click();
  await expect(lab.getByTestId("lab-run-status")).toHaveText("Finished", { timeout: 60_000 });
  await expect(lab.getByText("ROC AUC")).toBeVisible();
  await expect(lab.getByTestId("cm-tp")).toBeVisible();

  const runs = await ivy.request.get(`/api/lab-runs?interviewId=${id}`);
  expect(runs.ok()).toBeTruthy();
  expect(((await runs.json()) as { lab: string; status: string }[]).some((r) => r.lab === "roc-imbalanced" && r.status === "SUCCEEDED")).toBe(true);
});
