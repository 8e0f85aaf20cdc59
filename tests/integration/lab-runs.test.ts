// LabRun services against a real Postgres: validation, tenant scope, results saved on the
// interview, time limit and cancel recorded on the row. Runs go through the job queue (pg-boss
// on the file's database) to this process's lab workers, in real worker threads.
import { beforeAll, describe, expect, it } from "vitest";
import { type Actor, loadActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import { toErrorResponse } from "@/lib/errors";
import { cancelLabRun } from "@/lib/lab/cancel-lab-run";
import { getLabRun } from "@/lib/lab/get-lab-run";
import { runLabJob, startLabWorkers } from "@/lib/lab/lab-jobs";
import { labRunEventStream } from "@/lib/lab/lab-run-event-stream";
import { LabPool } from "@/lib/lab/runner/lab-pool";
import { isTerminal } from "@/lib/lab/schemas";
import type { BiasVarianceResult, LabRunView } from "@/lib/lab/types";
import { makeMembership, uniqueSuffix } from "../helpers/factories";
import { rejection } from "../helpers/app-errors";
import { listLabRuns, startLabRun } from "../helpers/boundary";

const pool = new LabPool({ maxWorkers: 2 });

// This process is a replica with lab workers: runs go through the job queue to them.
beforeAll(() => startLabWorkers({ pool, pollingIntervalSeconds: 0.5 }));

async function actorWith(role: Role, organizationId?: string): Promise<Actor> {
  const m = await makeMembership({ role, organizationId });
  const actor = await loadActor(m.userId, m.organizationId);
  if (!actor) throw new Error("actor missing");
  return actor;
}

async function makeInterview(organizationId: string, panelistUserIds: string[] = []): Promise<string> {
  const candidate = await db.candidate.create({ data: { organizationId, name: `Candidate ${uniqueSuffix()}` } });
  const interview = await db.interview.create({
    data: {
      organizationId,
      candidateId: candidate.id,
      kitName: "ML kit",
      title: "ML interview",
      startsAt: new Date(),
      timeZone: "UTC",
      durationMinutes: 60,
      icsUid: `lab-${uniqueSuffix()}@panelist.test`,
      panelists: { create: panelistUserIds.map((userId) => ({ userId })) },
    },
  });
  return interview.id;
}

async function waitForEnd(actor: Actor, id: string, timeoutMs = 60_000): Promise<LabRunView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await getLabRun(actor, { id });
    if (isTerminal(run.status)) return run;
    if (Date.now() > until) throw new Error(`run ${id} still ${run.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("startLabRun", () => {
  it("runs a lab on an interview and saves the result on the LabRun row", async () => {
    const actor = await actorWith("INTERVIEWER");
    const interviewId = await makeInterview(actor.organizationId, [actor.userId]);
    const started = await startLabRun(actor, { lab: "bias-variance", params: { seed: 3 }, interviewId });
    expect(started.status).toMatch(/QUEUED|RUNNING/);
    const done = await waitForEnd(actor, started.id);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect((done.result as BiasVarianceResult).degrees).toHaveLength(16);
    expect(done.progress.length).toBeGreaterThan(0);
    expect(done.params).toMatchObject({ seed: 3, maxDegree: 15 });
    const row = await db.labRun.findUniqueOrThrow({ where: { id: started.id } });
    expect(row).toMatchObject({ organizationId: actor.organizationId, interviewId, createdById: actor.userId, status: "SUCCEEDED" });
    expect((await listLabRuns(actor, { interviewId })).map((r) => r.id)).toEqual([started.id]);
  });

  it("gives the same result for the same inputs", async () => {
    const actor = await actorWith("INTERVIEWER");
    const a = await startLabRun(actor, { lab: "bias-variance", params: { seed: 9, noise: 0.5 } });
    const b = await startLabRun(actor, { lab: "bias-variance", params: { seed: 9, noise: 0.5 } });
    expect((await waitForEnd(actor, a.id)).result).toEqual((await waitForEnd(actor, b.id)).result);
  });

  it("rejects out-of-range parameters with a 400 naming the field, and records nothing", async () => {
    const actor = await actorWith("INTERVIEWER");
    const cases = [
      { lab: "roc-imbalanced", params: { threshold: 2 }, field: "params.threshold" },
      { lab: "roc-imbalanced", params: { rows: 10 }, field: "params.rows" },
      { lab: "batch-norm", params: { highLearningRate: -1 }, field: "params.highLearningRate" },
      { lab: "batch-norm", params: { epochs: 500 }, field: "params.epochs" },
      { lab: "nearest-face", params: { vectors: 5_000_000 }, field: "params.vectors" },
      { lab: "bias-variance", params: {}, timeLimitSeconds: 9999, field: "timeLimitSeconds" },
    ] as const;
    for (const c of cases) {
      const err = await rejection(startLabRun(actor, c as never));
      expect(err.code).toBe("VALIDATION");
      expect(toErrorResponse(err).status).toBe(400);
      expect(Object.keys(err.fieldErrors ?? {})).toContain(c.field);
    }
    expect(await db.labRun.count({ where: { organizationId: actor.organizationId } })).toBe(0);
  });

  it("forbids roles without lab.run and refuses another organization's interview", async () => {
    const reviewer = await actorWith("REVIEWER");
    expect((await rejection(startLabRun(reviewer, { lab: "bias-variance" }))).code).toBe("FORBIDDEN");
    const actor = await actorWith("INTERVIEWER");
    const other = await actorWith("OWNER");
    const foreignInterview = await makeInterview(other.organizationId);
    expect((await rejection(startLabRun(actor, { lab: "bias-variance", interviewId: foreignInterview }))).code).toBe("NOT_FOUND");
  });

  it("attaches a run to an interview only for its panelists and those who see every interview", async () => {
    const owner = await actorWith("OWNER");
    const panelist = await actorWith("INTERVIEWER", owner.organizationId);
    const outsider = await actorWith("INTERVIEWER", owner.organizationId);
    const recruiter = await actorWith("RECRUITER", owner.organizationId);
    const interviewId = await makeInterview(owner.organizationId, [panelist.userId]);
    expect((await rejection(startLabRun(outsider, { lab: "bias-variance", params: { seed: 1 }, interviewId }))).code).toBe("NOT_FOUND");
    expect(await db.labRun.count({ where: { interviewId } })).toBe(0);
    const runs = [
      await startLabRun(panelist, { lab: "bias-variance", params: { seed: 1 }, interviewId }),
      await startLabRun(recruiter, { lab: "bias-variance", params: { seed: 1 }, interviewId }),
      await startLabRun(owner, { lab: "bias-variance", params: { seed: 1 }, interviewId }),
    ];
    // Without an interview an outsider still runs the lab (the lab page).
    runs.push(await startLabRun(outsider, { lab: "bias-variance", params: { seed: 1 } }));
    for (const run of runs) await waitForEnd(owner, run.id);
    expect(await db.labRun.count({ where: { interviewId } })).toBe(3);
  });
});

describe("time limit and cancel", () => {
  it("stops a run at its time limit and records TIMED_OUT", async () => {
    const actor = await actorWith("INTERVIEWER");
    const run = await startLabRun(actor, { lab: "nearest-face", params: { vectors: 1_000_000, hnsw: false }, timeLimitSeconds: 1 });
    const done = await waitForEnd(actor, run.id, 20_000);
    expect(done.status).toBe("TIMED_OUT");
    expect(done.error).toMatch(/time limit/);
    expect(done.result).toBeNull();
  });

  it("cancels a running run; cancelling again changes nothing", async () => {
    const actor = await actorWith("INTERVIEWER");
    const run = await startLabRun(actor, { lab: "batch-norm", params: { epochs: 40 } });
    await new Promise((r) => setTimeout(r, 300));
    const cancelled = await cancelLabRun(actor, { id: run.id }, { pool });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.error).toContain(actor.name);
    expect(pool.has(run.id)).toBe(false);
    // A late worker outcome cannot overwrite the cancel.
    await new Promise((r) => setTimeout(r, 300));
    expect((await getLabRun(actor, { id: run.id })).status).toBe("CANCELLED");
    expect((await cancelLabRun(actor, { id: run.id }, { pool })).finishedAt).toBe(cancelled.finishedAt);
  });
});

describe("across app instances", () => {
  it("stops the worker when another instance marked the run cancelled (seen at the next progress write)", async () => {
    const actor = await actorWith("INTERVIEWER");
    const run = await startLabRun(actor, { lab: "batch-norm", params: { epochs: 40 } });
    await expect.poll(async () => (await getLabRun(actor, { id: run.id })).status, { timeout: 15_000 }).toBe("RUNNING");
    // What cancelLabRun on another instance writes; this instance's pool is not told.
    await db.labRun.update({ where: { id: run.id }, data: { status: "CANCELLED", finishedAt: new Date(), error: "Cancelled elsewhere." } });
    await expect.poll(() => pool.has(run.id), { timeout: 15_000 }).toBe(false);
    expect((await getLabRun(actor, { id: run.id })).status).toBe("CANCELLED");
  });

  it("closes a run orphaned by a restarted server once it is past its time limit", async () => {
    const actor = await actorWith("INTERVIEWER");
    const orphan = await db.labRun.create({
      data: {
        organizationId: actor.organizationId,
        lab: "bias-variance",
        params: {},
        status: "RUNNING",
        startedAt: new Date(Date.now() - 10 * 60_000),
        result: { v: 1, timeLimitSeconds: 30, progress: [], output: null },
      },
    });
    const seen = await getLabRun(actor, { id: orphan.id });
    expect(seen.status).toBe("TIMED_OUT");
    expect(seen.error).toMatch(/restarted/);
    // A run still inside its limit is left alone.
    const fresh = await db.labRun.create({
      data: { organizationId: actor.organizationId, lab: "bias-variance", params: {}, status: "RUNNING", startedAt: new Date(), result: { v: 1, timeLimitSeconds: 30, progress: [], output: null } },
    });
    expect((await getLabRun(actor, { id: fresh.id })).status).toBe("RUNNING");
  });
});

describe("tenant scope", () => {
  it("hides another organization's runs (404) and lists only one's own", async () => {
    const actor = await actorWith("INTERVIEWER");
    const stranger = await actorWith("OWNER");
    const run = await startLabRun(actor, { lab: "bias-variance" });
    expect((await rejection(getLabRun(stranger, { id: run.id }))).code).toBe("NOT_FOUND");
    expect((await rejection(cancelLabRun(stranger, { id: run.id }, { pool }))).code).toBe("NOT_FOUND");
    expect(await listLabRuns(stranger)).toEqual([]);
    await waitForEnd(actor, run.id);
  });

  it("lets reviewers read runs (they appear in reports) but not cancel them", async () => {
    const actor = await actorWith("INTERVIEWER");
    const reviewer = await actorWith("REVIEWER", actor.organizationId);
    const run = await startLabRun(actor, { lab: "bias-variance" });
    expect((await getLabRun(reviewer, { id: run.id })).id).toBe(run.id);
    expect((await rejection(cancelLabRun(reviewer, { id: run.id }, { pool }))).code).toBe("FORBIDDEN");
    await waitForEnd(actor, run.id);
  });
});

describe("runs on an interview follow the interview's visibility", () => {
  it("interviewers see runs of their own panels only; reviewers only once the interview is completed", async () => {
    const owner = await actorWith("OWNER");
    const panelist = await actorWith("INTERVIEWER", owner.organizationId);
    const outsider = await actorWith("INTERVIEWER", owner.organizationId);
    const reviewer = await actorWith("REVIEWER", owner.organizationId);
    const interviewId = await makeInterview(owner.organizationId, [panelist.userId]);
    const run = await startLabRun(panelist, { lab: "bias-variance", interviewId });

    expect((await listLabRuns(panelist, { interviewId })).map((r) => r.id)).toEqual([run.id]);
    expect((await listLabRuns(owner, { interviewId })).map((r) => r.id)).toEqual([run.id]);
    expect(await listLabRuns(outsider, { interviewId })).toEqual([]);
    expect(await listLabRuns(outsider)).toEqual([]);
    expect((await rejection(getLabRun(outsider, { id: run.id }))).code).toBe("NOT_FOUND");
    expect(await listLabRuns(reviewer, { interviewId })).toEqual([]);
    expect((await rejection(getLabRun(reviewer, { id: run.id }))).code).toBe("NOT_FOUND");

    await db.interview.update({ where: { id: interviewId }, data: { status: "COMPLETED" } });
    expect((await getLabRun(reviewer, { id: run.id })).id).toBe(run.id);
    await waitForEnd(panelist, run.id);
  });
});

describe("event stream (SSE)", () => {
  it("sends a snapshot, the progress as it happens, and the finished run, then ends", async () => {
    const actor = await actorWith("INTERVIEWER");
    const run = await startLabRun(actor, { lab: "batch-norm", params: { epochs: 2, trainRows: 512 } });
    const res = await labRunEventStream(actor, { id: run.id });
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const text = await res.text(); // resolves only when the server closes the stream
    const events = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((m) => ({ type: m[1]!, data: JSON.parse(m[2]!) as unknown }));
    expect(events[0]!.type).toBe("snapshot");
    expect(events.at(-1)).toMatchObject({ type: "done", data: { id: run.id, status: "SUCCEEDED" } });
    // The worker takes ~1 s to boot, so the stream sees progress live; the finished run
    // carries all of it (2 epochs × 4 networks), as a late subscriber would get it.
    expect(events.filter((e) => e.type === "progress").length).toBeGreaterThan(0);
    const final = events.at(-1)!.data as LabRunView;
    expect(final.progress.map((p) => p.data?.epoch)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it("opens no stream for another organization's run", async () => {
    const actor = await actorWith("INTERVIEWER");
    const stranger = await actorWith("INTERVIEWER");
    const run = await startLabRun(actor, { lab: "bias-variance" });
    expect((await rejection(labRunEventStream(stranger, { id: run.id }))).code).toBe("NOT_FOUND");
    await waitForEnd(actor, run.id);
  });
});

describe("the job queue", () => {
  it("a run whose worker died (still RUNNING) is run again from the start by the worker that takes its job back", async () => {
    const actor = await actorWith("INTERVIEWER");
    // What a replica killed mid-run leaves behind: RUNNING, started a while ago, partial progress.
    const orphan = await db.labRun.create({
      data: {
        organizationId: actor.organizationId,
        createdById: actor.userId,
        lab: "bias-variance",
        params: { seed: 4 },
        status: "RUNNING",
        startedAt: new Date(Date.now() - 20_000),
        result: { v: 1, timeLimitSeconds: 30, progress: [{ message: "from the dead worker" }], output: null },
      },
    });
    await runLabJob(orphan.id, pool);
    const done = await getLabRun(actor, { id: orphan.id });
    expect(done.status).toBe("SUCCEEDED");
    expect(done.progress.map((p) => p.message)).not.toContain("from the dead worker");
    expect(new Date(done.startedAt!).getTime()).toBeGreaterThan(Date.now() - 20_000);
  });

  it("a job whose run was cancelled (or finished) meanwhile does nothing", async () => {
    const actor = await actorWith("INTERVIEWER");
    const cancelled = await db.labRun.create({
      data: { organizationId: actor.organizationId, createdById: actor.userId, lab: "bias-variance", params: {}, status: "CANCELLED", finishedAt: new Date(), error: "Cancelled.", result: { v: 1, timeLimitSeconds: 30, progress: [], output: null } },
    });
    await runLabJob(cancelled.id, pool);
    expect((await getLabRun(actor, { id: cancelled.id })).status).toBe("CANCELLED");
    expect(pool.has(cancelled.id)).toBe(false);
  });
});
