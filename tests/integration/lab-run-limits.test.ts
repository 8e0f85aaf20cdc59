// Lab runs against a real Postgres: how many may be queued or running at once (per person,
// per organization, under parallel starts), and who may cancel whose run.
import { describe, expect, it } from "vitest";
import { type Actor, loadActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import { toErrorResponse } from "@/lib/errors";
import { cancelLabRun } from "@/lib/lab/cancel-lab-run";
import { LabPool, type LabJob, type LabJobCallbacks } from "@/lib/lab/runner/lab-pool";
import { LAB_RUN_LIMITS, startLabRun } from "@/lib/lab/start-lab-run";
import { makeMembership } from "../helpers/factories";
import { rejection } from "../helpers/app-errors";

/**
 * No lab workers run in this file, so started runs stay QUEUED on the job queue until cancelled;
 * this pool stands for the instance's worker threads when a cancel asks it to stop one.
 */
class HoldingPool extends LabPool {
  private readonly held = new Map<string, LabJobCallbacks>();
  override submit(job: LabJob, cb: LabJobCallbacks): void {
    this.held.set(job.id, cb);
  }
  override cancel(id: string, reason = "Cancelled."): boolean {
    const cb = this.held.get(id);
    if (!cb) return false;
    this.held.delete(id);
    cb.onDone({ status: "CANCELLED", error: reason });
    return true;
  }
  override has(id: string): boolean {
    return this.held.has(id);
  }
}

const pool = new HoldingPool();

async function actorWith(role: Role, organizationId?: string): Promise<Actor> {
  const m = await makeMembership({ role, organizationId });
  const actor = await loadActor(m.userId, m.organizationId);
  if (!actor) throw new Error("actor missing");
  return actor;
}

const start = (actor: Actor) => startLabRun(actor, { lab: "bias-variance", params: { seed: 1 } });

async function activeCount(organizationId: string, userId?: string): Promise<number> {
  return db.labRun.count({ where: { organizationId, status: { in: ["QUEUED", "RUNNING"] }, ...(userId ? { createdById: userId } : {}) } });
}

describe("queue limits", () => {
  it(`lets one person hold at most ${LAB_RUN_LIMITS.perUser} queued or running runs: the next gets 429 with Retry-After, and a place frees when one ends`, async () => {
    const actor = await actorWith("INTERVIEWER");
    const runs = [await start(actor), await start(actor)];
    const err = await rejection(start(actor));
    expect(err.code).toBe("RATE_LIMITED");
    const res = toErrorResponse(err);
    expect(res.status).toBe(429);
    expect(Number(res.headers["Retry-After"])).toBeGreaterThan(0);
    expect(Number(res.headers["Retry-After"])).toBeLessThanOrEqual(600);
    expect(err.message).toMatch(/You already have 2 lab runs queued or running.*cancel one/);
    expect(await activeCount(actor.organizationId, actor.userId)).toBe(2);

    await cancelLabRun(actor, { id: runs[0]!.id }, { pool });
    expect((await start(actor)).status).toBe("QUEUED");
  });

  it(`lets one organization hold at most ${LAB_RUN_LIMITS.perOrganization}, whoever started them; other organizations are not affected`, async () => {
    const owner = await actorWith("OWNER");
    const members = await Promise.all([1, 2, 3].map(() => actorWith("INTERVIEWER", owner.organizationId)));
    for (const m of members) {
      await start(m);
      await start(m);
    }
    expect(await activeCount(owner.organizationId)).toBe(6);
    const err = await rejection(start(owner));
    expect(err.code).toBe("RATE_LIMITED");
    expect(err.message).toMatch(/Your organization already has 6 lab runs queued or running/);
    expect(err.retryAfterSeconds).toBeGreaterThan(0);

    const elsewhere = await actorWith("INTERVIEWER");
    expect((await start(elsewhere)).status).toBe("QUEUED");
  });

  it("holds under parallel starts: 8 at once from one person start exactly 2", async () => {
    const actor = await actorWith("RECRUITER");
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => start(actor)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(LAB_RUN_LIMITS.perUser);
    for (const r of results) if (r.status === "rejected") expect((r.reason as { code?: string }).code).toBe("RATE_LIMITED");
    expect(await activeCount(actor.organizationId, actor.userId)).toBe(LAB_RUN_LIMITS.perUser);
  });

  it("holds under parallel starts across an organization: 12 at once from 6 people start exactly 6", async () => {
    const owner = await actorWith("OWNER");
    const members = [owner, ...(await Promise.all([1, 2, 3, 4, 5].map(() => actorWith("INTERVIEWER", owner.organizationId))))];
    const results = await Promise.allSettled(members.flatMap((m) => [start(m), start(m)]));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(LAB_RUN_LIMITS.perOrganization);
    expect(await activeCount(owner.organizationId)).toBe(LAB_RUN_LIMITS.perOrganization);
  });

  it("does not count a run orphaned by a restarted server once it is past its time limit", async () => {
    const actor = await actorWith("INTERVIEWER");
    for (let i = 0; i < 2; i++) {
      await db.labRun.create({
        data: {
          organizationId: actor.organizationId,
          createdById: actor.userId,
          lab: "bias-variance",
          params: {},
          status: "RUNNING",
          startedAt: new Date(Date.now() - 10 * 60_000),
          result: { v: 1, timeLimitSeconds: 30, progress: [], output: null },
        },
      });
    }
    expect((await start(actor)).status).toBe("QUEUED");
    expect(await db.labRun.count({ where: { organizationId: actor.organizationId, status: "TIMED_OUT" } })).toBe(2);
  });
});

describe("who may cancel a run", () => {
  it("the person who started it, and an owner or admin; any other member gets 403 and another organization 404", async () => {
    const owner = await actorWith("OWNER");
    const admin = await actorWith("ADMIN", owner.organizationId);
    const launcher = await actorWith("INTERVIEWER", owner.organizationId);
    const otherInterviewer = await actorWith("INTERVIEWER", owner.organizationId);
    const recruiter = await actorWith("RECRUITER", owner.organizationId);
    const reviewer = await actorWith("REVIEWER", owner.organizationId);
    const stranger = await actorWith("OWNER");

    const a = await start(launcher);
    for (const other of [otherInterviewer, recruiter, reviewer]) {
      const err = await rejection(cancelLabRun(other, { id: a.id }, { pool }));
      expect(err.code, other.role).toBe("FORBIDDEN");
      expect(toErrorResponse(err).status).toBe(403);
    }
    expect((await rejection(cancelLabRun(stranger, { id: a.id }, { pool }))).code).toBe("NOT_FOUND");
    expect((await db.labRun.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("QUEUED");

    const byLauncher = await cancelLabRun(launcher, { id: a.id }, { pool });
    expect(byLauncher.status).toBe("CANCELLED");
    expect(byLauncher.error).toContain(launcher.name);

    const b = await start(launcher);
    expect((await cancelLabRun(owner, { id: b.id }, { pool })).status).toBe("CANCELLED");
    const c = await start(launcher);
    expect((await cancelLabRun(admin, { id: c.id }, { pool })).status).toBe("CANCELLED");
  });

  it("a run whose launcher is gone can still be cancelled by an owner or admin, by nobody else", async () => {
    const owner = await actorWith("OWNER");
    const member = await actorWith("INTERVIEWER", owner.organizationId);
    const run = await start(member);
    await db.labRun.update({ where: { id: run.id }, data: { createdById: null } });
    expect((await rejection(cancelLabRun(member, { id: run.id }, { pool }))).code).toBe("FORBIDDEN");
    expect((await cancelLabRun(owner, { id: run.id }, { pool })).status).toBe("CANCELLED");
  });
});
