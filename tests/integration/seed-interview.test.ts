// The demo seed's scheduled interview, against this file's own migrated database.
import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { getInterviewInvite } from "@/lib/interviews/get-interview-invite";
import { listMyInterviews } from "@/lib/interviews/list-my-interviews";
import { instantToLocal } from "@/lib/interviews/time-zones";
import { DEMO_KIT, demoInterviewStart, seedDemoData } from "@/lib/seed/demo";

describe("demo seed: Alex Kim's panel interview", () => {
  it("schedules it tomorrow at 10:00 Berlin with Ivy leading and Ian on the panel, once", async () => {
    await seedDemoData();
    await seedDemoData();
    const rows = await db.interview.findMany({
      where: { candidate: { email: "alex.kim@example.com" } },
      select: {
        id: true,
        startsAt: true,
        timeZone: true,
        status: true,
        icsUid: true,
        kitName: true,
        questions: { select: { id: true } },
        panelists: { orderBy: { isLead: "desc" }, select: { isLead: true, user: { select: { email: true } } } },
      },
    });
    expect(rows).toHaveLength(1);
    const i = rows[0]!;
    expect(i).toMatchObject({ timeZone: "Europe/Berlin", status: "SCHEDULED", kitName: DEMO_KIT.name });
    expect(i.questions).toHaveLength(4);
    expect(i.panelists.map((p) => [p.user.email, p.isLead])).toEqual([
      ["ivy@panelist.dev", true],
      ["ian@panelist.dev", false],
    ]);
    expect(instantToLocal(i.startsAt, "Europe/Berlin").slice(11)).toBe("10:00");
    expect(Math.abs(i.startsAt.getTime() - demoInterviewStart().getTime())).toBeLessThan(60_000);
  }, 60_000);

  it("shows up on Ivy's and Ian's dashboards in their own zones, with a downloadable invite", async () => {
    const ivyUser = await db.user.findUniqueOrThrow({ where: { email: "ivy@panelist.dev" }, select: { id: true } });
    const ian = await db.user.findUniqueOrThrow({ where: { email: "ian@panelist.dev" }, select: { id: true, timeZone: true } });
    const ivy = (await loadActor(ivyUser.id))!;
    expect(ivy.timeZone).toBe("Europe/Berlin");
    expect(ian.timeZone).toBe("America/New_York");
    const mine = await listMyInterviews(ivy);
    const all = [...mine.today, ...mine.upcoming];
    expect(all.map((x) => x.title)).toContain("Alex Kim — ML Engineer — onsite deep learning");
    const alex = all.find((x) => x.title.startsWith("Alex Kim"))!;
    const { icsUid } = await db.interview.findUniqueOrThrow({ where: { id: alex.id }, select: { icsUid: true } });
    const invite = await getInterviewInvite(ivy, alex.id);
    expect(invite.content).toContain(`UID:${icsUid}`);
  });

  it("moves a demo interview left in the past to tomorrow, as a reschedule through the service", async () => {
    const alex = { candidate: { email: "alex.kim@example.com" } };
    const { id } = await db.interview.findFirstOrThrow({ where: alex, select: { id: true } });
    await db.interview.update({ where: { id }, data: { startsAt: new Date("2020-01-01T09:00:00Z") } });
    await seedDemoData();
    const i = await db.interview.findUniqueOrThrow({ where: { id }, select: { startsAt: true, icsSequence: true, status: true } });
    expect(i.startsAt.getTime()).toBeGreaterThan(Date.now());
    expect(Math.abs(i.startsAt.getTime() - demoInterviewStart().getTime())).toBeLessThan(60_000);
    expect(i.icsSequence).toBe(1);
    expect(i.status).toBe("SCHEDULED");
    expect(await db.auditEvent.count({ where: { action: "interview.rescheduled", targetId: id } })).toBe(1);
  }, 60_000);
});
