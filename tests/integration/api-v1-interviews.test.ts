import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { keysetOrder, keysetWhere, pageQuerySchema } from "@/lib/api/v1/pagination";
import { interviewAccessWhere } from "@/lib/interviews/interview-access";
import { interviewSummarySelect, toInterviewSummary } from "@/lib/interviews/interview-view";
import { db } from "@/lib/db/client";
import { listInterviewsPage } from "@/lib/interviews/list-interviews-page";
import { makeOrg } from "../helpers/factories";
import { makeActor, makeRoomInterview } from "../helpers/room-factories";

// The public API's interview list: keyset pages in (updatedAt, id) order from updated_since.

let orgId: string;
let recruiter: Actor;
const ids: string[] = [];
const T0 = new Date("2026-11-01T00:00:00.000Z");

async function setUpdatedAt(id: string, at: Date) {
  await db.$executeRaw`UPDATE interviews SET updated_at = ${at} WHERE id = ${id}`;
}

async function pageThrough(actor: Actor, query: Record<string, string>) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await listInterviewsPage(actor, pageQuerySchema.parse({ ...query, ...(cursor ? { cursor } : {}) }));
    seen.push(...page.data.map((i) => i.id));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  return { seen, pages };
}

beforeAll(async () => {
  orgId = (await makeOrg()).id;
  recruiter = await makeActor(orgId, "RECRUITER");
  // Seven interviews; three share one updated_at, so the id must break the tie.
  for (let i = 0; i < 7; i++) ids.push((await makeRoomInterview({ organizationId: orgId, panelSize: 1 })).interviewId);
  const stamps = [0, 1, 1, 1, 2, 3, 4].map((m) => new Date(T0.getTime() + m * 60_000));
  for (const [i, id] of ids.entries()) await setUpdatedAt(id, stamps[i]!);
  // Another organization's interview changed in the same window.
  const other = await makeRoomInterview({ panelSize: 1 });
  await setUpdatedAt(other.interviewId, new Date(T0.getTime() + 60_000));
});

const expectedOrder = () =>
  [...ids]
    .map((id, i) => ({ id, m: [0, 1, 1, 1, 2, 3, 4][i]! }))
    .sort((a, b) => a.m - b.m || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((x) => x.id);

describe("GET /api/v1/interviews pages", () => {
  it("pass every interview of the organization exactly once, in (updatedAt, id) order, across pages of 2", async () => {
    const { seen, pages } = await pageThrough(recruiter, { limit: "2", updated_since: T0.toISOString() });
    expect(seen).toEqual(expectedOrder());
    expect(pages).toBe(4);
  });

  it("start at updated_since, inclusive", async () => {
    const since = new Date(T0.getTime() + 60_000).toISOString();
    const { seen } = await pageThrough(recruiter, { limit: "50", updated_since: since });
    expect(seen).toEqual(expectedOrder().slice(1));
    const page = await listInterviewsPage(recruiter, pageQuerySchema.parse({ updated_since: since }));
    expect(page.nextCursor).toBeNull();
    expect(page.data[0]!.updatedAt).toBe(since);
  });

  it("bring an interview changed while a client pages back on a later page, so nothing is missed", async () => {
    const first = await listInterviewsPage(recruiter, pageQuerySchema.parse({ limit: "2", updated_since: T0.toISOString() }));
    const alreadySeen = first.data[0]!.id;
    await setUpdatedAt(alreadySeen, new Date(T0.getTime() + 10 * 60_000));
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await listInterviewsPage(recruiter, pageQuerySchema.parse({ limit: "2", cursor }));
      rest.push(...page.data.map((i) => i.id));
      cursor = page.nextCursor;
    }
    expect(rest.at(-1)).toBe(alreadySeen);
    await setUpdatedAt(alreadySeen, T0);
  });

  it("show an interviewer only the interviews they sit on", async () => {
    const panelist = await db.panelist.findFirstOrThrow({ where: { interviewId: ids[3]! }, select: { userId: true } });
    const { loadActor } = await import("@/lib/auth/actor");
    const interviewer = (await loadActor(panelist.userId, orgId))!;
    const { seen } = await pageThrough(interviewer, {});
    expect(seen).toEqual([ids[3]]);
  });

  it("each row is the interview as the app's own select reads it (panel order and scorecards, question count, erased candidate), for every kind of reader", async () => {
    const org = (await makeOrg()).id;
    const made = [
      await makeRoomInterview({ organizationId: org, panelSize: 3 }),
      await makeRoomInterview({ organizationId: org, panelSize: 2, status: "COMPLETED" }),
      await makeRoomInterview({ organizationId: org, panelSize: 1, questions: [] }),
    ];
    // Variety the page must carry through: a lead, a submitted scorecard, an erased candidate.
    await db.panelist.updateMany({ where: { interviewId: made[0]!.interviewId }, data: { isLead: false } });
    await db.panelist.updateMany({ where: { interviewId: made[0]!.interviewId, userId: made[0]!.panel[2]!.userId }, data: { isLead: true } });
    const sc = await db.panelist.findFirstOrThrow({ where: { interviewId: made[1]!.interviewId }, select: { id: true, userId: true } });
    await db.scorecard.upsert({ where: { panelistId: sc.id }, create: { panelistId: sc.id, interviewId: made[1]!.interviewId, status: "SUBMITTED", submittedAt: new Date() }, update: { status: "SUBMITTED", submittedAt: new Date() } });
    const interview2 = await db.interview.findUniqueOrThrow({ where: { id: made[2]!.interviewId }, select: { candidateId: true } });
    await db.candidate.update({ where: { id: interview2.candidateId }, data: { erasedAt: new Date() } });

    const { loadActor } = await import("@/lib/auth/actor");
    const readers: Actor[] = [await makeActor(org, "RECRUITER"), (await loadActor(made[0]!.panel[0]!.userId, org))!, await makeActor(org, "REVIEWER")];
    for (const reader of readers) {
      const page = await listInterviewsPage(reader, pageQuerySchema.parse({ limit: "50" }));
      const viaOrm = await db.interview.findMany({ where: { AND: [interviewAccessWhere(reader), keysetWhere({})] }, orderBy: [...keysetOrder], select: { ...interviewSummarySelect, updatedAt: true } });
      expect(page.data, reader.role).toEqual(viaOrm.map((row) => ({ ...toInterviewSummary(reader, row), updatedAt: row.updatedAt.toISOString() })));
      expect(page.data.length, reader.role).toBe(reader.role === "RECRUITER" ? 3 : 1);
    }
  });

  it("an empty organization gets an empty last page", async () => {
    const lonely = await makeActor((await makeOrg()).id, "OWNER");
    expect(await listInterviewsPage(lonely, pageQuerySchema.parse({}))).toEqual({ data: [], nextCursor: null });
  });
});
