// Report suite for `npm run bench` (issue 7, "Benchmark"): building the report of an interview
// with 5 panelists × 12 questions × 5 criteria (300 levels), and its PDF, on the production build.
//   report_build_p50_ms   server time to build the report (Server-Timing `report`, from the
//                         route: authorization, queries, aggregation) — target ≤ 50 ms
//   report_http_p50_ms    the same request end to end (session lookup, JSON, HTTP)
//   report_pdf_p50_ms     server time to build the report and render the PDF (Server-Timing
//                         `total`) — target ≤ 1.5 s
//   report_pdf_http_p50_ms, report_pdf_kb
// Baseline, measured interleaved in the same rounds: `raw-pg-rows`, the floor of reading the
// same rows with hand-written SQL over one pg connection (no authorization, no aggregation).
import http from "node:http";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { hashPassword } from "@/lib/auth/password";
import { PrismaClient } from "@/lib/db/generated/client";
import { DEMO_PASSWORD } from "@/lib/seed/credentials";
import { percentile, prng, result } from "./lib/stats";
import type { BenchContext, BenchResult } from "./types";

export const description = "Interview report (5 panelists × 12 questions × 5 criteria): server build time and PDF, beside a raw-SQL floor";
export const servers = 1;

const SUITE = "report";
const ORG_ID = "bench-report-org";
const OWNER_EMAIL = "bench-report-owner@panelist.dev";
const INTERVIEW_ID = "bench-report-interview";
const PANELISTS = 5;
const QUESTIONS = 12;
const CRITERIA = 5;
const JSON_ROUNDS = Number(process.env.BENCH_REPORT_ROUNDS ?? 60);
const PDF_ROUNDS = Number(process.env.BENCH_REPORT_PDF_ROUNDS ?? 20);

interface Timed {
  status: number;
  ms: number;
  bytes: number;
  serverTiming: Record<string, number>;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function parseServerTiming(h: string | string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (Array.isArray(h) ? h.join(",") : (h ?? "")).split(",")) {
    const m = /^\s*([\w-]+)\s*;\s*dur=([\d.]+)/.exec(part);
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}

function timedGet(url: string, cookie: string): Promise<Timed> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, headers: { cookie } }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => (bytes += c.length));
      res.on("end", () => done({ status: res.statusCode ?? 0, ms: performance.now() - t0, bytes, serverTiming: parseServerTiming(res.headers["server-timing"]) }));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.setTimeout(60_000, () => req.destroy(new Error(`GET ${url} timed out`)));
  });
}

/** The benchmark interview, written once through Prisma into its own organization. */
async function createInterview(databaseUrl: string, log: (s: string) => void): Promise<void> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  try {
    if (await prisma.interview.findUnique({ where: { id: INTERVIEW_ID }, select: { id: true } })) return;
    const started = Date.now();
    const rand = prng(7);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await prisma.$transaction(
      async (tx) => {
        await tx.organization.create({ data: { id: ORG_ID, name: "Report benchmark", slug: "bench-report" } });
        const owner = await tx.user.create({ data: { email: OWNER_EMAIL, name: "Report Bench Owner", passwordHash }, select: { id: true } });
        await tx.membership.create({ data: { organizationId: ORG_ID, userId: owner.id, role: "OWNER" } });
        const candidate = await tx.candidate.create({ data: { organizationId: ORG_ID, name: "Bench Candidate", email: "bench-candidate@example.com", links: ["https://example.com/bench"] } });
        const versions: { id: string; criteria: { id: string }[] }[] = [];
        for (let q = 0; q < QUESTIONS; q++) {
          const question = await tx.question.create({ data: { organizationId: ORG_ID, title: `Benchmark question ${q + 1}`, status: "ACTIVE", latestVersionNo: 1 } });
          versions.push(
            await tx.questionVersion.create({
              data: {
                questionId: question.id,
                organizationId: ORG_ID,
                number: 1,
                title: `Benchmark question ${q + 1}: design a system under realistic constraints`,
                prompt: "Prompt",
                difficulty: "MEDIUM",
                minutes: 10,
                scaleMin: 0,
                scaleMax: 4,
                criteria: {
                  create: Array.from({ length: CRITERIA }, (_, c) => ({
                    key: `criterion-${c + 1}`,
                    position: c,
                    title: `Criterion ${c + 1} with an anchored rubric`,
                    weight: 1 + (c % 3),
                    levels: [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `Level ${level} descriptor for criterion ${c + 1}` })),
                  })),
                },
              },
              select: { id: true, criteria: { orderBy: { position: "asc" }, select: { id: true } } },
            }),
          );
        }
        const interview = await tx.interview.create({
          data: {
            id: INTERVIEW_ID,
            organizationId: ORG_ID,
            candidateId: candidate.id,
            kitName: "Benchmark kit",
            overallAttributes: ["Communication", "Problem solving"],
            title: "Bench Candidate — Benchmark kit",
            startsAt: new Date(Date.now() - 86_400_000),
            timeZone: "UTC",
            durationMinutes: 120,
            status: "COMPLETED",
            icsUid: "bench-report@panelist",
            questions: { create: versions.map((v, position) => ({ questionVersionId: v.id, position, minutes: 10 })) },
          },
          select: { questions: { orderBy: { position: "asc" }, select: { id: true } } },
        });
        for (let p = 0; p < PANELISTS; p++) {
          const user = await tx.user.create({ data: { email: `bench-report-panelist-${p + 1}@panelist.dev`, name: `Bench Panelist ${p + 1}`, passwordHash }, select: { id: true } });
          await tx.membership.create({ data: { organizationId: ORG_ID, userId: user.id, role: "INTERVIEWER" } });
          const panelist = await tx.panelist.create({ data: { interviewId: INTERVIEW_ID, userId: user.id, isLead: p === 0 } });
          const scorecard = await tx.scorecard.create({
            data: { interviewId: INTERVIEW_ID, panelistId: panelist.id, status: "SUBMITTED", recommendation: (["STRONG_NO", "NO", "YES", "STRONG_YES"] as const)[p % 4], summary: "A few sentences of summary. ".repeat(6), submittedAt: new Date() },
          });
          await tx.criterionScore.createMany({
            data: versions.flatMap((v, q) =>
              v.criteria.map((c) => {
                const r = rand();
                return { scorecardId: scorecard.id, interviewQuestionId: interview.questions[q]!.id, criterionId: c.id, level: r < 0.08 ? null : Math.floor(r * 5), covered: r >= 0.08 };
              }),
            ),
          });
          await tx.attributeScore.createMany({ data: ["Communication", "Problem solving"].map((attribute) => ({ scorecardId: scorecard.id, attribute, level: Math.floor(rand() * 5) })) });
          await tx.note.createMany({
            data: Array.from({ length: 6 }, (_, n) => ({ scorecardId: scorecard.id, interviewQuestionId: interview.questions[(n * 2) % QUESTIONS]!.id, body: `Note ${n + 1}: observed a thoughtful trade-off discussion.`, offsetSeconds: 300 * n + p * 17 })),
          });
        }
      },
      { timeout: 60_000 },
    );
    log(`Created the benchmark interview (${PANELISTS}×${QUESTIONS}×${CRITERIA}) in ${Date.now() - started} ms.`);
  } finally {
    await prisma.$disconnect();
  }
}

/** The floor: the same rows read with plain SQL, nothing else. */
async function rawRows(pool: Pool): Promise<number> {
  const t0 = performance.now();
  await Promise.all([
    pool.query(
      `SELECT iq.id, iq.position, qv.title, qv.scale_min, qv.scale_max, rc.id AS criterion_id, rc.key, rc.title AS criterion, rc.weight, rc.levels
         FROM interview_questions iq JOIN question_versions qv ON qv.id = iq.question_version_id JOIN rubric_criteria rc ON rc.question_version_id = qv.id
        WHERE iq.interview_id = $1 ORDER BY iq.position, rc.position`,
      [INTERVIEW_ID],
    ),
    pool.query(
      `SELECT p.id, p.is_lead, u.name, s.id AS scorecard_id, s.status, s.recommendation, s.summary FROM panelists p JOIN users u ON u.id = p.user_id
         LEFT JOIN scorecards s ON s.panelist_id = p.id WHERE p.interview_id = $1`,
      [INTERVIEW_ID],
    ),
    pool.query(`SELECT cs.scorecard_id, cs.interview_question_id, cs.criterion_id, cs.level FROM criterion_scores cs JOIN scorecards s ON s.id = cs.scorecard_id WHERE s.interview_id = $1`, [INTERVIEW_ID]),
    pool.query(`SELECT n.* FROM notes n JOIN scorecards s ON s.id = n.scorecard_id WHERE s.interview_id = $1 AND n.deleted_at IS NULL ORDER BY n.offset_seconds`, [INTERVIEW_ID]),
  ]);
  return performance.now() - t0;
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const base = ctx.baseUrls[0];
  if (!base) throw new Error("The report suite needs a running server.");
  await createInterview(ctx.databaseUrl, ctx.log);
  const pool = new Pool({ connectionString: ctx.databaseUrl, max: 4 });
  try {
    await pool.query("VACUUM ANALYZE criterion_scores, notes, scorecards, panelists, interview_questions, rubric_criteria");
    const cookie = await ctx.signIn(OWNER_EMAIL);
    const jsonUrl = `${base}/api/reports/interviews/${INTERVIEW_ID}`;
    const pdfUrl = `${base}/api/reports/interviews/${INTERVIEW_ID}/pdf?paper=a4`;

    // Warm-up: route compiled into memory, Prisma's query plans cached, pdfkit's fonts loaded.
    for (let i = 0; i < 5; i++) {
      const r = await timedGet(jsonUrl, cookie);
      if (r.status !== 200) throw new Error(`GET ${jsonUrl} answered ${r.status}`);
      await rawRows(pool);
    }
    for (let i = 0; i < 2; i++) {
      const r = await timedGet(pdfUrl, cookie);
      if (r.status !== 200) throw new Error(`GET ${pdfUrl} answered ${r.status}`);
    }

    const build: number[] = [];
    const httpMs: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < JSON_ROUNDS; i++) {
      // Interleaved: noise on the shared machine hits the report and its floor alike.
      const r = await timedGet(jsonUrl, cookie);
      build.push(r.serverTiming.report ?? Number.NaN);
      httpMs.push(r.ms);
      raw.push(await rawRows(pool));
    }
    const pdfTotal: number[] = [];
    const pdfRender: number[] = [];
    const pdfHttp: number[] = [];
    let pdfBytes = 0;
    for (let i = 0; i < PDF_ROUNDS; i++) {
      const r = await timedGet(pdfUrl, cookie);
      pdfTotal.push(r.serverTiming.total ?? Number.NaN);
      pdfRender.push(r.serverTiming.pdf ?? Number.NaN);
      pdfHttp.push(r.ms);
      pdfBytes = r.bytes;
    }
    const rawP50 = percentile(raw, 50);
    ctx.log(`report build p50 ${percentile(build, 50).toFixed(1)} ms (raw rows ${rawP50.toFixed(1)} ms); PDF p50 ${percentile(pdfTotal, 50).toFixed(0)} ms, ${(pdfBytes / 1024).toFixed(0)} KB`);
    return [
      result(SUITE, "report_build_p50_ms", percentile(build, 50), "ms", { baseline: { name: "raw-pg-rows", value: rawP50 }, target: { op: "<=", value: 50 } }),
      result(SUITE, "report_build_p95_ms", percentile(build, 95), "ms", { baseline: { name: "raw-pg-rows", value: percentile(raw, 95) } }),
      result(SUITE, "report_http_p50_ms", percentile(httpMs, 50), "ms"),
      result(SUITE, "report_pdf_p50_ms", percentile(pdfTotal, 50), "ms", { target: { op: "<=", value: 1500 } }),
      result(SUITE, "report_pdf_render_p50_ms", percentile(pdfRender, 50), "ms"),
      result(SUITE, "report_pdf_http_p50_ms", percentile(pdfHttp, 50), "ms"),
      result(SUITE, "report_pdf_kb", pdfBytes / 1024, "kb"),
    ];
  } finally {
    await pool.end();
  }
}
