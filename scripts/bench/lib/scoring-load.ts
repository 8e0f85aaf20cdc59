// Live-scoring load for bench suites (scoring, trust): a fixture of interviews whose panelists
// each own one scorecard, created straight in SQL so it fits any build's schema since the room
// landed, and a closed loop of clients writing one criterion level per request.
import http from "node:http";
import type { Pool } from "pg";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD } from "@/lib/seed/credentials";
import type { Mutation } from "@/lib/scoring/schemas";

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface Panelist {
  userId: string;
  email: string;
  interviewId: string;
  organizationId: string;
  cookie: string;
  /** Version per criterion, as acknowledged: each client is the only writer of its scorecard. */
  versions: Map<string, number>;
  next: number;
}

export interface Fixture {
  organizationId: string;
  criteria: string[];
  panelists: Panelist[];
}

export interface TimedPost {
  status: number;
  body: string;
  ms: number;
}

/** POST a JSON body with keep-alive; `ms` runs from sending to the last byte of the answer. */
export function post(url: string, body: string, headers: Record<string, string>): Promise<TimedPost> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - t0 }));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.setTimeout(30_000, () => req.destroy(new Error(`POST ${url} timed out`)));
    req.end(body);
  });
}

/**
 * `interviews` interviews of one question with `criteria` criteria, each with a panel of `panel`
 * interviewers (password: the demo one), in a new organization. Every id starts with `ns`, so
 * suites sharing a database do not collide.
 */
export async function createScoringFixture(pool: Pool, opts: { ns: string; interviews: number; panel: number; criteria: number; log: (s: string) => void }): Promise<Fixture> {
  const { ns } = opts;
  const orgId = `${ns}-org`;
  const hash = await hashPassword(DEMO_PASSWORD);
  const c = await pool.connect();
  try {
    await c.query("BEGIN");
    await c.query(`INSERT INTO organizations (id, name, slug, updated_at) VALUES ($1, $2, $3, now())`, [orgId, `Benchmark ${ns}`, ns]);
    await c.query(`INSERT INTO candidates (id, organization_id, name, updated_at) VALUES ($1, $2, 'Bench Candidate', now())`, [`${ns}-candidate`, orgId]);
    await c.query(`INSERT INTO questions (id, organization_id, status, latest_version_no, title, updated_at) VALUES ($1, $2, 'ACTIVE', 1, 'Design a rate limiter', now())`, [`${ns}-q`, orgId]);
    await c.query(
      `INSERT INTO question_versions (id, question_id, organization_id, number, title, prompt, difficulty, minutes, scale_min, scale_max)
       VALUES ($1, $2, $3, 1, 'Design a rate limiter', 'Design a rate limiter.', 'MEDIUM', 15, 0, 4)`,
      [`${ns}-qv`, `${ns}-q`, orgId],
    );
    const criteria: string[] = [];
    for (let k = 0; k < opts.criteria; k++) {
      const id = `${ns}-crit-${k}`;
      criteria.push(id);
      const levels = JSON.stringify([0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `level ${level}` })));
      await c.query(`INSERT INTO rubric_criteria (id, question_version_id, key, position, title, weight, levels) VALUES ($1, $2, $3, $4, $5, 1, $6::jsonb)`, [id, `${ns}-qv`, `k${k}`, k, `Criterion ${k}`, levels]);
    }
    const panelists: Panelist[] = [];
    for (let i = 0; i < opts.interviews; i++) {
      const interviewId = `${ns}-interview-${i}`;
      await c.query(
        `INSERT INTO interviews (id, organization_id, candidate_id, kit_name, title, starts_at, time_zone, duration_minutes, ics_uid, overall_attributes, updated_at)
         VALUES ($1, $2, $3, 'Bench kit', $4, now(), 'UTC', 60, $5, ARRAY['Communication'], now())`,
        [interviewId, orgId, `${ns}-candidate`, `Bench interview ${i}`, `${interviewId}@bench`],
      );
      await c.query(`INSERT INTO interview_questions (id, interview_id, question_version_id, position, minutes) VALUES ($1, $2, $3, 0, 15)`, [`${interviewId}-q0`, interviewId, `${ns}-qv`]);
      for (let p = 0; p < opts.panel; p++) {
        const userId = `${ns}-user-${i}-${p}`;
        const email = `${ns}-${i}-${p}@panelist.dev`;
        await c.query(`INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, $3, $4, now())`, [userId, email, `Bench ${i}.${p}`, hash]);
        await c.query(`INSERT INTO memberships (id, organization_id, user_id, role, updated_at) VALUES ($1, $2, $3, 'INTERVIEWER', now())`, [`${userId}-m`, orgId, userId]);
        await c.query(`INSERT INTO panelists (id, interview_id, user_id, is_lead) VALUES ($1, $2, $3, $4)`, [`${userId}-p`, interviewId, userId, p === 0]);
        panelists.push({ userId, email, interviewId, organizationId: orgId, cookie: "", versions: new Map(), next: 0 });
      }
    }
    await c.query("COMMIT");
    opts.log(`Created ${opts.interviews} interviews × ${opts.panel} panelists (${ns}).`);
    return { organizationId: orgId, criteria, panelists };
  } catch (err) {
    await c.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

/** Enters each panelist's room on `baseUrl`, which creates the scorecards (and warms the route up). */
export async function enterRooms(baseUrl: string, panelists: readonly Panelist[]): Promise<void> {
  for (const p of panelists) {
    const r = await post(`${baseUrl}/api/interviews/${p.interviewId}/room`, "{}", { cookie: p.cookie });
    if (r.status !== 200) throw new Error(`Entering the room answered ${r.status}: ${r.body.slice(0, 200)}`);
  }
}

/** The panelist's next write: one criterion's level (and covered tick), round robin over criteria. */
export function nextMutation(p: Panelist, fx: Fixture, rand: () => number): { mutation: Mutation; key: string } {
  const criterionId = fx.criteria[p.next++ % fx.criteria.length]!;
  const key = criterionId;
  const mutation: Mutation = {
    kind: "criterion",
    mutationId: `b_${p.userId.slice(-6)}_${p.next}_${Math.floor(rand() * 1e9).toString(36)}`,
    baseVersion: p.versions.get(key) ?? 0,
    interviewQuestionId: `${p.interviewId}-q0`,
    criterionId,
    level: Math.floor(rand() * 5),
    covered: rand() < 0.8,
  };
  return { mutation, key };
}

export interface RunStats {
  latencies: number[];
  completed: number;
  errors: number;
  seconds: number;
}

/** How a loop sends one write: the app's endpoint, or a floor server. */
export type SendWrite = (p: Panelist, mutation: Mutation) => Promise<TimedPost>;

/** The app's own write endpoint on `baseUrl`, with the panelist's session cookie. */
export const appWrite =
  (baseUrl: string): SendWrite =>
  (p, mutation) =>
    post(`${baseUrl}/api/interviews/${p.interviewId}/room/mutations`, JSON.stringify(mutation), { cookie: p.cookie });

/** `clients` closed loops for `ms` after a `warmupMs` warm-up whose samples are dropped. */
export async function closedLoop(send: SendWrite, clients: readonly Panelist[], fx: Fixture, opts: { ms: number; warmupMs: number; rand: () => number; label: string }): Promise<RunStats> {
  const latencies: number[] = [];
  let completed = 0;
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + opts.warmupMs;
  const end = measureFrom + opts.ms;
  let firstError: string | null = null;
  await Promise.all(
    clients.map(async (p) => {
      while (performance.now() < end) {
        const { mutation, key } = nextMutation(p, fx, opts.rand);
        const r = await send(p, mutation);
        const t = performance.now();
        if (r.status === 200) {
          p.versions.set(key, (JSON.parse(r.body) as { value: { version: number } }).value.version);
          if (t >= measureFrom && t <= end) {
            latencies.push(r.ms);
            completed++;
          }
        } else {
          errors++;
          firstError ??= `${r.status} ${r.body.slice(0, 200)}`;
          if (r.status === 409) p.versions.set(key, (JSON.parse(r.body) as { error: { details?: { current?: { version: number } } } }).error.details?.current?.version ?? 0);
        }
      }
    }),
  );
  if (firstError) console.warn(`[bench] ${opts.label}: ${errors} error(s), first: ${firstError}`);
  return { latencies, completed, errors, seconds: opts.ms / 1000 };
}

/** Several rounds' stats as one: all samples, and throughput over all measured seconds. */
export function mergeRuns(xs: readonly RunStats[]): { latencies: number[]; perSecond: number; errors: number } {
  return {
    latencies: xs.flatMap((x) => x.latencies),
    perSecond: xs.reduce((n, x) => n + x.completed, 0) / xs.reduce((n, x) => n + x.seconds, 0),
    errors: xs.reduce((n, x) => n + x.errors, 0),
  };
}
