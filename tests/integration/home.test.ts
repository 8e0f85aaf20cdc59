// The home page's sections per role (lib/home/get-home.ts): what each role starts the day with,
// and nothing a role may not read.
import { beforeAll, describe, expect, it } from "vitest";
import { type Actor, loadActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { getHome } from "@/lib/home/get-home";
import { makeOrg } from "../helpers/factories";
import { makeReportInterview, reportActor } from "../helpers/report-factories";

const NOW = new Date();
const DAY = 86_400_000;
let org: string;
let interviewer: Actor;
let recruiter: Actor;
let reviewer: Actor;
const ids: Record<string, string> = {};

async function moveTo(interviewId: string, startsAt: Date) {
  await db.interview.update({ where: { id: interviewId }, data: { startsAt } });
}

beforeAll(async () => {
  org = (await makeOrg()).id;
  // Started yesterday; one scorecard in, the interviewer's own still a draft.
  const a = await makeReportInterview({ organizationId: org, title: "Waiting", status: "IN_PROGRESS", panel: [{ status: "SUBMITTED", levels: [[2]] }, { status: "DRAFT" }] });
  ids.waiting = a.interviewId;
  const draftUser = a.panel[1]!.userId;
  await db.user.update({ where: { id: draftUser }, data: { timeZone: "Pacific/Auckland" } });
  interviewer = (await loadActor(draftUser, org))!;
  const b = await makeReportInterview({ organizationId: org, title: "Done", status: "COMPLETED", panel: [{ status: "SUBMITTED", levels: [[3]] }] });
  ids.done = b.interviewId;
  const c = await makeReportInterview({ organizationId: org, title: "Soon", status: "SCHEDULED", panel: [{ status: null }] });
  ids.soon = c.interviewId;
  await moveTo(c.interviewId, new Date(NOW.getTime() + 2 * DAY));
  await db.panelist.create({ data: { interviewId: c.interviewId, userId: draftUser, isLead: false } });
  const d = await makeReportInterview({ organizationId: org, title: "Later", status: "SCHEDULED", panel: [{ status: null }] });
  await moveTo(d.interviewId, new Date(NOW.getTime() + 10 * DAY));
  await db.panelist.create({ data: { interviewId: d.interviewId, userId: draftUser, isLead: false } });
  const e = await makeReportInterview({ organizationId: org, title: "Called off", status: "CANCELLED", panel: [{ status: "DRAFT" }] });
  await db.panelist.create({ data: { interviewId: e.interviewId, userId: draftUser, isLead: false } });
  recruiter = await reportActor({ organizationId: org, role: "RECRUITER" });
  reviewer = await reportActor({ organizationId: org, role: "REVIEWER" });
});

const titles = (xs: { title: string }[] | null | undefined) => (xs ?? []).map((x) => x.title);

describe("home", () => {
  it("an interviewer: their scorecards to finish and their own next days, in their zone; no agenda or reports", async () => {
    const home = await getHome(interviewer, NOW);
    expect(home.timeZone).toBe("Pacific/Auckland");
    expect(titles(home.toFinish)).toEqual(["Waiting"]);
    expect(titles(home.mine?.upcoming)).toEqual(["Soon"]);
    expect(titles(home.mine?.upcoming)).not.toContain("Later");
    expect(home.agenda).toBeNull();
    expect(home.waitingOnFeedback).toBeNull();
    expect(home.newReports).toBeNull();
  });

  it("a recruiter: the week's agenda by day and the interviews waiting on feedback", async () => {
    const home = await getHome(recruiter, NOW);
    expect(home.agenda).toHaveLength(7);
    expect(home.agenda!.flatMap((d) => titles(d.interviews))).toEqual(["Soon"]);
    expect(home.agenda!.findIndex((d) => d.interviews.length > 0)).toBe(2);
    expect(titles(home.waitingOnFeedback)).toEqual(["Waiting"]);
    expect(titles(home.toFinish)).toEqual([]);
    expect(titles(home.newReports)).toEqual(["Done"]);
  });

  it("a reviewer: newly completed reports only", async () => {
    const home = await getHome(reviewer, NOW);
    expect(titles(home.newReports)).toEqual(["Done"]);
    expect(home.mine).toBeNull();
    expect(home.toFinish).toBeNull();
    expect(home.agenda).toBeNull();
    expect(home.waitingOnFeedback).toBeNull();
  });

  it("a panelist in training: their stage and progress in each kit's pool; qualified pools and other roles show none", async () => {
    const kit = async (name: string) => (await db.kit.create({ data: { organizationId: org, name, reverseShadowsRequired: 3 }, select: { id: true } })).id;
    const [training, qualified] = [await kit("Onsite"), await kit("Phone screen")];
    await db.interviewerPoolMember.createMany({
      data: [
        { organizationId: org, kitId: training, userId: interviewer.userId, stage: "REVERSE_SHADOW" },
        { organizationId: org, kitId: qualified, userId: interviewer.userId, stage: "QUALIFIED" },
      ],
    });
    const home = await getHome(interviewer, NOW);
    expect(home.training).toEqual([expect.objectContaining({ kitId: training, kitName: "Onsite", stage: "REVERSE_SHADOW", progress: { done: 0, required: 3, ready: false } })]);
    expect((await getHome(recruiter, NOW)).training).toEqual([]);
    expect((await getHome(reviewer, NOW)).training).toBeNull();
  });
});
