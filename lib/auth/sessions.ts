import "server-only";
// Server-side sessions: the record behind every session cookie.
//
// Design. Each sign-in creates a row in `sessions` and a fresh random 256-bit token; the token
// travels as `sid` inside next-auth's encrypted JWT cookie, and only its sha256 is stored (the
// row's id), so a leaked copy of the table (a backup, a replica) signs nobody in — hashing costs
// about a microsecond per token, and lib/auth/session-token.ts remembers it with the decoded JWT.
// Every request checks the row in the same statement that loads the actor (panelist_session_actor,
// migration 20261204180000_sessions): not revoked, before expires_at (SESSION_MAX_AGE_HOURS after
// sign-in), and seen within SESSION_IDLE_TIMEOUT_HOURS. last_seen_at moves at most once a minute
// (one conditional UPDATE), so an active session costs one small write a minute, not one per
// request. The scoring fast path checks it inside its own write statement; open event streams
// re-check on every auth event and every 30 s (lib/live/stream-guard.ts).
//
// Cost: no extra round trip anywhere (the check rides in the statement each path already ran),
// and about 15 µs of Postgres CPU per request for panelist_session_valid, measured inside the
// database by tests/integration/sessions-cost.test.ts — under 0.1% of the scoring write's p99
// (~20–25 ms at 64 clients). panelist_session_actor as a whole costs no more than the plain
// panelist_actor it replaces (≈ 42 vs 49 µs there: its plans are cached as PL/pgSQL).
//
// Ending a session sets revoked_at; a trigger then NOTIFYs the live channel so that the user's
// open streams on every instance re-check at once.
import { randomBytes } from "node:crypto";
import { db, getPgPool, type Tx } from "@/lib/db/client";
import { poolRunner } from "@/lib/db/sql-runner";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "./actor-query";
import { loadActorWith, loadSessionActorWith } from "./actor-query";
import { sessionPolicy } from "./session-policy";
import { sessionIdOf } from "./session-token";

/** Ended sessions (revoked or expired) are kept this long for a "devices" view, then deleted at the user's next sign-in. */
const ENDED_RETENTION_MS = 30 * 24 * 3600 * 1000;

export interface NewSession {
  userId: string;
  userAgent?: string | null;
  ip?: string | null;
}

/** Starts a session for a signed-in user; returns the token for the cookie (never stored). */
export async function createSession(input: NewSession): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const cutoff = new Date(now - ENDED_RETENTION_MS);
  await db.$transaction([
    db.session.deleteMany({ where: { userId: input.userId, OR: [{ expiresAt: { lt: cutoff } }, { revokedAt: { lt: cutoff } }] } }),
    db.session.create({
      data: {
        id: sessionIdOf(token),
        userId: input.userId,
        createdAt: new Date(now),
        lastSeenAt: new Date(now),
        expiresAt: new Date(now + sessionPolicy().maxAgeSeconds * 1000),
        userAgent: input.userAgent ? input.userAgent.slice(0, 300) : null,
        ip: input.ip ? input.ip.slice(0, 64) : null,
      },
    }),
  ]);
  return token;
}

/** Sign-out: ends the session whose token a cookie carried (idempotent). */
export async function endSession(token: string): Promise<void> {
  await db.session.updateMany({ where: { id: sessionIdOf(token), revokedAt: null }, data: { revokedAt: new Date() } });
}

/**
 * Ends a user's sessions — all of them, or all but `keep` (a sessions.id) — inside the caller's
 * transaction, so the change that warrants it and the sign-out commit together. Returns how many ended.
 */
export async function endUserSessions(tx: Tx, userId: string, opts: { keep?: string } = {}): Promise<number> {
  const res = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(opts.keep ? { id: { not: opts.keep } } : {}) },
    data: { revokedAt: new Date() },
  });
  return res.count;
}

/** "Sign out of all devices": ends every session of the actor, the current one included. Audited. */
export async function signOutEverywhere(actor: Actor): Promise<{ ended: number }> {
  return db.$transaction(async (tx) => {
    const ended = await endUserSessions(tx, actor.userId);
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "user.signed_out_everywhere",
      targetType: "user",
      targetId: actor.userId,
      data: { ended },
    });
    return { ended };
  });
}

/**
 * Whether the actor an event stream was opened with still holds: its session still valid (not
 * signed out, idle or expired), and the user still in that organization with that role. Never
 * moves last_seen_at — an open stream is not activity, so an idle tab still times out.
 */
export async function isActorCurrent(actor: Actor): Promise<boolean> {
  const run = poolRunner(getPgPool);
  const now = actor.sessionId
    ? await loadSessionActorWith(run, { userId: actor.userId, sessionId: actor.sessionId }, {
        preferredOrgId: actor.organizationId,
        idleTimeoutSeconds: sessionPolicy().idleTimeoutSeconds,
        touch: false,
      }).then((s) => (s.state === "actor" ? s.actor : null))
    : await loadActorWith(run, actor.userId, actor.organizationId);
  return now !== null && now.organizationId === actor.organizationId && now.role === actor.role;
}
