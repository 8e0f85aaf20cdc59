// Lab models, labs and the worker pool, without a database. The pool tests start real
// worker threads from lib/lab/runner/lab-worker.mjs — the same file `next start` uses.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ATTACK_FEATURE_COUNT, generateAttackData, generateFaceGallery, generateMoons } from "@/lib/lab/data";
import { runBiasVarianceLab } from "@/lib/lab/labs/bias-variance";
import { runRocLab } from "@/lib/lab/labs/roc-imbalanced";
import { mannWhitneyAuc } from "@/lib/lab/metrics";
import { ATTACK_MODEL, BN_INIT_MODEL } from "@/lib/lab/model-defs";
import { INTERNAL_FAILURE, LAB_WORKER_FILE, LabPool, type LabOutcome } from "@/lib/lab/runner/lab-pool";
import { parseLabParams, startLabRunSchema } from "@/lib/lab/schemas";
import { initTf, loadLabModel, tf } from "@/lib/lab/tf-runtime";
import type { LabProgress, RocResult } from "@/lib/lab/types";

function runInPool(pool: LabPool, job: Parameters<LabPool["submit"]>[0], onStart?: () => void) {
  const progress: LabProgress[] = [];
  return new Promise<{ outcome: LabOutcome; progress: LabProgress[]; ms: number }>((resolve) => {
    const t = performance.now();
    pool.submit(job, { onStart, onProgress: (p) => progress.push(p), onDone: (outcome) => resolve({ outcome, progress, ms: performance.now() - t }) });
  });
}

describe("synthetic data", () => {
  it("is the same for the same seed and different for another", () => {
    const a = generateAttackData({ rows: 2000, prevalence: 0.01, seed: 1 });
    const b = generateAttackData({ rows: 2000, prevalence: 0.01, seed: 1 });
    const c = generateAttackData({ rows: 2000, prevalence: 0.01, seed: 2 });
    expect(Buffer.from(a.features.buffer).equals(Buffer.from(b.features.buffer))).toBe(true);
    expect(Buffer.from(a.features.buffer).equals(Buffer.from(c.features.buffer))).toBe(false);
    expect(generateMoons({ rows: 50, seed: 3 }).features).toEqual(generateMoons({ rows: 50, seed: 3 }).features);
    expect(generateFaceGallery({ vectors: 100, queries: 5, seed: 3 }).queries).toEqual(generateFaceGallery({ vectors: 100, queries: 5, seed: 3 }).queries);
  });

  it("holds about one attack per thousand rows at the default prevalence", () => {
    const d = generateAttackData({ rows: 200_000, prevalence: 0.001, seed: 7 });
    const positives = d.labels.reduce((s, v) => s + v, 0);
    expect(positives).toBeGreaterThan(150);
    expect(positives).toBeLessThan(250);
  });
});

describe("bundled models", () => {
  it("load from model.json + weights.bin and predict the same scores every time", async () => {
    await initTf();
    const data = generateAttackData({ rows: 5000, prevalence: 0.05, seed: 99 });
    const predict = async () => {
      const model = await loadLabModel(ATTACK_MODEL);
      const out = model.predict(tf.tensor2d(data.features, [data.rows, ATTACK_FEATURE_COUNT])) as tf.Tensor;
      const scores = Float32Array.from(await out.data());
      model.dispose();
      return scores;
    };
    const first = await predict();
    const second = await predict();
    expect(first).toEqual(second);
    expect(first.every((s) => s > 0 && s < 1)).toBe(true);
    // The classifier is useful: far better than chance at ranking attacks.
    expect(mannWhitneyAuc(first, data.labels)).toBeGreaterThan(0.9);
  });

  it("ships the batch-norm lab's shared initial weights", async () => {
    await initTf();
    const init = await loadLabModel(BN_INIT_MODEL);
    expect(init.getLayer("dense1").getWeights()[0]!.shape).toEqual([16, 64]);
    init.dispose();
  });
});

describe("labs are deterministic", () => {
  it("ROC lab: same params, same result (timings aside)", async () => {
    const params = parseLabParams("roc-imbalanced", { rows: 100_000, seed: 11 });
    if (!params.success) throw params.error;
    const a = await runRocLab(params.data, () => {});
    const b = await runRocLab(params.data, () => {});
    expect({ ...a, timings: null }).toEqual({ ...b, timings: null });
    expect(a.rows).toBe(100_000);
    expect(a.auc).toBeCloseTo(a.aucMannWhitney, 9);
    // The point of the lab: the trivial model's accuracy beats or rivals the real one's.
    expect(a.alwaysNegativeAccuracy).toBeGreaterThan(0.99);
  });

  it("bias–variance lab marks under-fitting below and over-fitting above the best degree", async () => {
    const params = parseLabParams("bias-variance", { seed: 5 });
    if (!params.success) throw params.error;
    const a = await runBiasVarianceLab(params.data, () => {});
    expect(await runBiasVarianceLab(params.data, () => {})).toEqual(a);
    expect(a.degrees[0]!.fit).toBe("underfit");
    expect(a.degrees.at(-1)!.fit).toBe("overfit");
    // Training error never rises with capacity (nested models, least squares).
    for (let i = 1; i < a.degrees.length; i++) expect(a.degrees[i]!.trainMse).toBeLessThanOrEqual(a.degrees[i - 1]!.trainMse + 1e-9);
  });
});

describe("parameters", () => {
  const bad: [string, Record<string, unknown>, string][] = [
    ["roc-imbalanced", { threshold: 1.5 }, "threshold"],
    ["roc-imbalanced", { threshold: -0.1 }, "threshold"],
    ["roc-imbalanced", { rows: 1000 }, "rows"],
    ["batch-norm", { epochs: 0 }, "epochs"],
    ["batch-norm", { epochs: 1000 }, "epochs"],
    ["batch-norm", { highLearningRate: 0 }, "highLearningRate"],
    ["batch-norm", { modestLearningRate: -1 }, "modestLearningRate"],
    ["batch-norm", { modestLearningRate: 0.5, highLearningRate: 0.1 }, "highLearningRate"],
    ["nearest-face", { vectors: 2_000_000 }, "vectors"],
    ["nearest-face", { vectors: 500_000, hnsw: true }, "vectors"],
    ["bias-variance", { maxDegree: 50 }, "maxDegree"],
    ["bias-variance", { seed: 1.5 }, "seed"],
  ];
  it.each(bad)("%s rejects %j", (lab, params, field) => {
    const r = parseLabParams(lab as never, params);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toContain(field);
  });

  it("fills defaults and accepts the documented ranges", () => {
    expect(parseLabParams("nearest-face", { vectors: 1_000_000, hnsw: false }).success).toBe(true);
    expect(parseLabParams("roc-imbalanced", {}).data).toMatchObject({ rows: 100_000, threshold: 0.5 });
  });

  it("rejects an unknown lab and a time limit above the lab's maximum", () => {
    expect(startLabRunSchema.safeParse({ lab: "mnist" }).success).toBe(false);
    expect(startLabRunSchema.safeParse({ lab: "bias-variance", timeLimitSeconds: 120 }).success).toBe(false);
  });
});

describe("worker pool", () => {
  it("runs a lab in a worker thread with the same result as in-process", async () => {
    const pool = new LabPool({ maxWorkers: 1 });
    const { outcome, progress } = await runInPool(pool, { id: "ok", lab: "bias-variance", params: { seed: 5 }, timeLimitMs: 60_000 });
    expect(outcome.status).toBe("SUCCEEDED");
    const params = parseLabParams("bias-variance", { seed: 5 });
    const local = await runBiasVarianceLab(params.data!, () => {});
    expect(outcome.status === "SUCCEEDED" && outcome.result).toEqual(local);
    expect(progress.length).toBeGreaterThan(0);
  }, 60_000);

  it("starts the worker file under plain Node too (as under `next start`, no Vitest or tsx loader)", () => {
    const script = `
      const { Worker } = require("node:worker_threads");
      const w = new Worker(${JSON.stringify(LAB_WORKER_FILE)}, { workerData: { lab: "bias-variance", params: { maxDegree: 3 } } });
      w.on("message", (m) => { if (m.type !== "progress") { console.log(JSON.stringify({ type: m.type, best: m.result && m.result.bestDegree })); w.terminate(); } });
    `;
    const out = spawnSync(process.execPath, ["-e", script], { cwd: process.cwd(), encoding: "utf8", timeout: 30_000 });
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout.trim().split("\n").at(-1)!)).toMatchObject({ type: "result", best: expect.any(Number) });
  }, 30_000);

  it("runs on the cpu backend when asked (the fallback) with the same AUC as wasm", async () => {
    const pool = new LabPool({ maxWorkers: 1 });
    const params = { rows: 100_000, seed: 4 };
    const wasm = await runInPool(pool, { id: "wasm", lab: "roc-imbalanced", params, timeLimitMs: 60_000 });
    process.env.LAB_TF_BACKEND = "cpu"; // workers copy process.env when they start
    try {
      const cpu = await runInPool(pool, { id: "cpu", lab: "roc-imbalanced", params, timeLimitMs: 60_000 });
      if (wasm.outcome.status !== "SUCCEEDED" || cpu.outcome.status !== "SUCCEEDED") throw new Error("a run failed");
      const [w, c] = [wasm.outcome.result, cpu.outcome.result] as RocResult[];
      expect(w!.backend).toBe("wasm");
      expect(c!.backend).toBe("cpu");
      // Float rounding may differ between backends, the ranking (hence AUC) barely at all.
      expect(c!.auc).toBeCloseTo(w!.auc, 4);
      expect(c!.positives).toBe(w!.positives);
    } finally {
      delete process.env.LAB_TF_BACKEND;
    }
  }, 60_000);

  it("reports a lab's own input error as is, and an internal failure without its details", async () => {
    const pool = new LabPool({ maxWorkers: 1 });
    const bad = await runInPool(pool, { id: "bad", lab: "bias-variance", params: { maxDegree: 99 }, timeLimitMs: 30_000 });
    expect(bad.outcome).toMatchObject({ status: "FAILED", error: expect.stringContaining("maxDegree") });
    const broken = new LabPool({ maxWorkers: 1, workerFile: path.join(process.cwd(), "no-such-worker.mjs") });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const crashed = await runInPool(broken, { id: "crash", lab: "bias-variance", params: {}, timeLimitMs: 30_000 });
      expect(crashed.outcome).toEqual({ status: "FAILED", error: INTERNAL_FAILURE });
      // The details go to the server log, not to the interviewer.
      expect(errors.map((args) => (args as unknown[]).map(String).join(" ")).join("\n")).toContain("no-such-worker");
    } finally {
      console.error = original;
    }
  }, 60_000);

  it("stops a run at its time limit and reports TIMED_OUT", async () => {
    const pool = new LabPool({ maxWorkers: 1 });
    const { outcome, ms } = await runInPool(pool, { id: "slow", lab: "nearest-face", params: { vectors: 1_000_000, hnsw: false }, timeLimitMs: 1500 });
    expect(outcome).toMatchObject({ status: "TIMED_OUT", error: expect.stringContaining("1.5 s") });
    expect(ms).toBeLessThan(5000);
    expect(pool.stats().running).toBe(0);
  }, 30_000);

  it("cancels a running run and a queued one, and keeps at most maxWorkers running", async () => {
    const pool = new LabPool({ maxWorkers: 1 });
    const running = runInPool(pool, { id: "r", lab: "batch-norm", params: { epochs: 40 }, timeLimitMs: 60_000 });
    const queued = runInPool(pool, { id: "q", lab: "bias-variance", params: {}, timeLimitMs: 60_000 });
    expect(pool.stats()).toMatchObject({ running: 1, queued: 1 });
    expect(pool.cancel("q")).toBe(true);
    expect((await queued).outcome.status).toBe("CANCELLED");
    await new Promise((r) => setTimeout(r, 500));
    expect(pool.cancel("r")).toBe(true);
    expect((await running).outcome.status).toBe("CANCELLED");
    expect(pool.cancel("r")).toBe(false);
    expect(pool.stats()).toMatchObject({ running: 0, queued: 0 });
  }, 30_000);
});
