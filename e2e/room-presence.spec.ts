// Presence tells the truth: two panelists (Ivy leads, Ian joins) in a fresh interview of the
// demo organization. When Ian's browser goes offline, his own badge says so (and what his
// device keeps), and Ivy sees him "reconnecting" and then "left" within 10 s; when he comes
// back she sees him back in the room; when he navigates away, "left" at once. Scores stay
// blind throughout: presence carries none.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { DateTime } from "luxon";
import { demoUser, expect, test } from "./fixtures";

const IVY = "ivy@panelist.dev";
const IAN = "ian@panelist.dev";

/** Factory: the owner schedules an interview for tomorrow with Ivy leading and Ian on the panel. */
async function scheduleInterview(owner: Page): Promise<string> {
  const kits = (await (await owner.request.get("/api/kits")).json()) as { kits: { id: string; itemCount: number }[] };
  const kit = kits.kits.find((k) => k.itemCount >= 2);
  if (!kit) throw new Error("The demo organization has no kit with two questions");
  const candidate = await owner.request.post("/api/candidates", { data: { name: `Presence ${randomBytes(3).toString("hex")}`, email: "" } });
  expect(candidate.status(), await candidate.text()).toBe(201);
  const candidateId = ((await candidate.json()) as { candidate: { id: string } }).candidate.id;
  const members = (await (await owner.request.get("/api/interviews/panel-candidates")).json()) as { members: { userId: string; email: string }[] };
  const idOf = (email: string) => members.members.find((m) => m.email === email)!.userId;
  const start = DateTime.utc().plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  const res = await owner.request.post("/api/interviews", {
    data: { candidateId, kitId: kit.id, timeZone: "UTC", startLocal: start.toFormat("yyyy-MM-dd'T'HH:mm"), durationMinutes: 60, panelistIds: [idOf(IVY), idOf(IAN)], leadId: idOf(IVY) },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { interview: { id: string } }).interview.id;
}

async function enterRoom(page: Page, id: string): Promise<void> {
  await page.goto(`/interviews/${id}/room`);
  await expect(page.getByRole("navigation", { name: "Questions" })).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved");
}

async function viewerId(page: Page, id: string): Promise<string> {
  const res = await page.request.get(`/api/interviews/${id}/room`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { panel: { userId: string; isViewer: boolean }[] }).panel.find((p) => p.isViewer)!.userId;
}

test("a panelist who goes offline shows reconnecting, then left, then back; their own badge says offline", async ({ pageAs }) => {
  const owner = await pageAs(demoUser("OWNER").email);
  const id = await scheduleInterview(owner);
  const ivy = await pageAs(IVY);
  const ian = await pageAs(IAN);
  // Tomorrow's interview opens in a lobby: start it for the panel, as "Start interview" does.
  const started = await ivy.request.post(`/api/interviews/${id}/room/start`, { data: { confirm: true } });
  expect(started.status(), await started.text()).toBe(200);
  await enterRoom(ivy, id);
  await enterRoom(ian, id);
  const [ivyId, ianId] = [await viewerId(ivy, id), await viewerId(ian, id)];

  const ianOnIvy = ivy.getByTestId(`presence-${ianId}`);
  const ivyOnIan = ian.getByTestId(`presence-${ivyId}`);
  await expect(ianOnIvy).toHaveAttribute("data-state", /^(in-room|back)$/);
  await expect(ianOnIvy).toContainText(/^(In the room|Back) · on /);
  await expect(ivy.getByTestId(`panelist-${ianId}`).getByTestId("panelist-progress")).toContainText(/In the room|Back/);
  await expect(ivyOnIan).toHaveAttribute("data-state", /^(in-room|back)$/);
  await expect(ivy.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await expect(ian.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await expect(ian.getByTestId("live-status")).toHaveText("Live");

  // --- Ian's network goes away.
  const offlineAt = Date.now();
  await ian.context().setOffline(true);
  await expect(ian.getByTestId("live-status")).toHaveAttribute("data-state", "offline");
  await expect(ian.getByTestId("live-status")).toHaveText("Offline — no unsaved changes");
  // He keeps scoring: the change waits on his device, and his badge says so.
  await ian.getByRole("checkbox", { name: /^Covered: / }).first().check();
  await expect(ian.getByTestId("live-status")).toHaveText(/^Offline — \d+ changes? kept on this device$/);

  // Ivy sees him reconnecting, then left — both within 10 s of his going offline.
  await expect(ianOnIvy).toHaveAttribute("data-state", "reconnecting", { timeout: 10_000 });
  await expect(ianOnIvy).toHaveText("Reconnecting…");
  await expect(ianOnIvy).toHaveAttribute("data-state", "left", { timeout: Math.max(1, 10_000 - (Date.now() - offlineAt)) });
  expect(Date.now() - offlineAt).toBeLessThan(10_000);
  await expect(ianOnIvy).toHaveText("Left");
  // Ivy's own link never wavered; nobody sees anybody's scores.
  await expect(ivy.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await expect(ivy.getByTestId("panelist-details")).toHaveCount(0);
  await expect(ian.getByTestId("panelist-details")).toHaveCount(0);

  // --- Ian is back: his badge goes live, his change is saved, Ivy sees him back in the room.
  await ian.context().setOffline(false);
  await expect(ian.getByTestId("live-status")).toHaveAttribute("data-state", "live", { timeout: 10_000 });
  await expect(ian.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 10_000 });
  await expect(ianOnIvy).toHaveAttribute("data-state", /^(back|in-room)$/, { timeout: 10_000 });
  await expect(ianOnIvy).toContainText(/^(Back|In the room) · on /);
  await expect(ianOnIvy).toHaveAttribute("data-state", "in-room", { timeout: 10_000 });
  // Progress crossed; scores did not.
  await expect(ivy.getByTestId(`panelist-${ianId}`).getByTestId("panelist-progress")).toContainText("covered 1/");
  await expect(ivy.getByTestId("panelist-details")).toHaveCount(0);

  // --- Ian leaves the room (navigates away): the leave beacon makes him "left" at once.
  await ian.goto("/");
  await expect(ianOnIvy).toHaveAttribute("data-state", "left", { timeout: 3_000 });
  await expect(ivy.getByTestId("panelist-details")).toHaveCount(0);
});
