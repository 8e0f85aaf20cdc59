// Without SMTP_URL, scheduling, rescheduling and cancelling work as ever: the invitation mails
// are recorded as skipped, nothing is queued, and a job that still comes finds nothing to send.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { deliverInvitationMail, sweepInvitationMails } from "@/lib/interviews/invitation-jobs";
import { instantToLocal } from "@/lib/interviews/time-zones";
import { jobsStatus } from "@/lib/jobs/queue";
import { makeOrg } from "../helpers/factories";
import { makeActor } from "../helpers/room-factories";
import { cancelInterview, createCandidate, createOneQuestionKit, rescheduleInterview, scheduleInterview } from "../helpers/boundary";

// Read at the first env() of this file: whatever an earlier file in this worker set.
delete process.env.SMTP_URL;

let recruiter: Actor;
let panel: Actor[];
let kitId: string;
let candidateId: string;

beforeAll(async () => {
  const orgId = (await makeOrg()).id;
  recruiter = await makeActor(orgId, "RECRUITER");
  panel = [await makeActor(orgId, "INTERVIEWER", "Europe/Berlin"), await makeActor(orgId, "INTERVIEWER")];
  ({ kitId } = await createOneQuestionKit(recruiter, { kit: "ML onsite", question: "Batch normalization", prompt: "Explain." }));
  candidateId = (await createCandidate(recruiter, { name: "Alex Kim", email: null, links: [] })).id;
});

describe("interview invitations without SMTP_URL", () => {
  it("records every mail as skipped, queues nothing and fails nothing", async () => {
    const day = (n: number) => `${instantToLocal(new Date(Date.now() + n * 86_400_000), "Europe/Berlin").slice(0, 10)}T10:00`;
    const base = { candidateId, kitId, timeZone: "Europe/Berlin", durationMinutes: 60, panelistIds: panel.map((p) => p.userId), leadId: panel[0]!.userId };
    const { interview } = await scheduleInterview(recruiter, { ...base, startLocal: day(2) });
    await rescheduleInterview(recruiter, interview.id, { ...base, startLocal: day(3), panelistIds: [panel[0]!.userId], sequence: 0 });
    await cancelInterview(recruiter, interview.id, {});

    const rows = await db.interviewMail.findMany({ where: { interviewId: interview.id }, orderBy: [{ round: "asc" }, { kind: "asc" }] });
    expect(rows.map((r) => [r.round, r.kind, r.status])).toEqual([
      [0, "invitation", "skipped"],
      [0, "invitation", "skipped"],
      [1, "cancellation", "skipped"],
      [1, "update", "skipped"],
      [2, "cancellation", "skipped"],
    ]);
    expect(jobsStatus().state).toBe("stopped"); // the queue was never needed
    expect(await deliverInvitationMail(rows[0]!.id)).toBe("skipped");
    expect(await sweepInvitationMails(new Date(Date.now() + 5 * 60_000))).toBe(0);
  });
});
