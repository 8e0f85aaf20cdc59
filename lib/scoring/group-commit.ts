// Group commit for live scoring writes. Every accepted write must be durable before it is
// acknowledged (synchronous commit: a score is never lost), and on this kind of machine the
// WAL flush at commit is the largest single cost of a write. So when writes arrive faster than
// transactions finish, the ones that queued meanwhile go together in the next transaction —
// one flush for all of them — while a write that arrives to an idle writer goes at once, alone.
// Nothing about a write's meaning changes: each item is one panelist_session_score_write (its
// own session, actor and role check, idempotency check, version check, ScoreEvent and NOTIFY), and each
// is acknowledged only after the transaction that holds it has committed.
//
// Lock order: items are sorted by (interview, user) — stably, so one panelist's writes keep
// their order — so that concurrent batches take scorecard locks in one global order. Each item
// runs in its own subtransaction: one that fails (a lock timeout, a deadlock, a unique race)
// is undone alone and answered as an error (a 5xx the client retries), while the rest commit.
// If the batch as a whole fails (the connection drops, Postgres restarts), nothing of it was
// committed and each item is applied again on its own.
import { sessionPolicy } from "@/lib/auth/session-policy";
import type { Mutation } from "./schemas";
import { applySessionMutation, type CoreOutcome, type ScoringSession, type SqlRunner } from "./apply-mutation-core";

const SCORE_WRITE_BATCH_SQL = "SELECT panelist_score_write_batch($1::text[], $2::int, $3::jsonb) AS outcomes";

export interface GroupCommitOptions {
  /** The roles allowed to score (PERMISSIONS["scoring.write"]); checked in the same statement. */
  roles: readonly string[];
  /** A session idle longer than this is refused (default: SESSION_IDLE_TIMEOUT_HOURS); checked in the same statement. */
  idleTimeoutSeconds?: number;
  /** Transactions in flight at once (each holds one connection). */
  maxInFlight?: number;
  /** Writes per transaction at most (32 at most). */
  maxBatch?: number;
}

interface Pending {
  session: ScoringSession;
  interviewId: string;
  mutation: Mutation;
  resolve(o: CoreOutcome): void;
  reject(err: unknown): void;
}

export interface GroupCommitStats {
  batches: number;
  writes: number;
  fallbacks: number;
  itemErrors: number;
  largestBatch: number;
}

export class GroupCommitWriter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;
  private readonly roles: readonly string[];
  private readonly idleTimeoutSeconds: number;
  readonly stats: GroupCommitStats = { batches: 0, writes: 0, fallbacks: 0, itemErrors: 0, largestBatch: 0 };

  constructor(
    private readonly run: SqlRunner,
    opts: GroupCommitOptions,
  ) {
    this.roles = opts.roles;
    this.idleTimeoutSeconds = opts.idleTimeoutSeconds ?? sessionPolicy().idleTimeoutSeconds;
    this.maxInFlight = Math.max(1, opts.maxInFlight ?? 4);
    // At most 32: each item is a subtransaction, and Postgres caches 64 per transaction.
    this.maxBatch = Math.min(32, Math.max(1, opts.maxBatch ?? 32));
  }

  /** Applies one mutation for a session; resolves once the transaction holding it has committed. */
  write(session: ScoringSession, interviewId: string, mutation: Mutation): Promise<CoreOutcome> {
    return new Promise<CoreOutcome>((resolve, reject) => {
      this.queue.push({ session, interviewId, mutation, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    this.stats.batches++;
    this.stats.writes += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    if (batch.length === 1) return this.alone(batch[0]!);
    const ordered = batch
      .map((p, i) => ({ p, i }))
      .sort((a, b) => cmp(a.p.interviewId, b.p.interviewId) || cmp(a.p.session.userId, b.p.session.userId) || a.i - b.i)
      .map((x) => x.p);
    let outcomes: (CoreOutcome | ItemError)[];
    try {
      const items = ordered.map((p) => ({ s: p.session.sessionId, u: p.session.userId, p: p.session.preferredOrgId ?? null, i: p.interviewId, m: p.mutation }));
      const [row] = await this.run.query<{ outcomes: (CoreOutcome | ItemError)[] }>(SCORE_WRITE_BATCH_SQL, [this.roles, this.idleTimeoutSeconds, JSON.stringify(items)]);
      outcomes = row?.outcomes ?? [];
      if (outcomes.length !== ordered.length) throw new Error(`panelist_score_write_batch returned ${outcomes.length} outcomes for ${ordered.length} writes`);
    } catch {
      // Nothing of the batch committed: apply each on its own, in order, so only a bad item fails.
      this.stats.fallbacks++;
      for (const p of ordered) await this.alone(p);
      return;
    }
    ordered.forEach((p, k) => {
      const o = outcomes[k]!;
      if (o.type !== "error") return p.resolve(o);
      this.stats.itemErrors++;
      p.reject(new Error(`score write failed in its batch (${o.sqlstate}): ${o.message}`));
    });
  }

  private async alone(p: Pending): Promise<void> {
    try {
      p.resolve(await applySessionMutation(this.run, p.session, this.roles, this.idleTimeoutSeconds, p.interviewId, p.mutation));
    } catch (err) {
      p.reject(err);
    }
  }
}

/** An item whose subtransaction failed (panelist_score_write_batch); it wrote nothing. */
interface ItemError {
  type: "error";
  sqlstate: string;
  message: string;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
