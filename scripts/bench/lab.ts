// Lab suite for `npm run bench` (format: shared/design/BENCH.md). Measures the lab core
// in-process — what a worker thread does for a run — so HTTP and queueing do not blur it.
//   npx tsx scripts/bench/lab.ts            → prints a table and the JSON results
//   scripts/bench.ts imports `run` (suite interface: servers = 0, description)
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generateAttackData } from "@/lib/lab/data";
import { scoreAttackRows, summarizeScores } from "@/lib/lab/labs/roc-imbalanced";
import { percentile } from "@/lib/lab/metrics";
import { ATTACK_MODEL } from "@/lib/lab/model-defs";
import { LabPool } from "@/lib/lab/runner/lab-pool";
import { parseLabParams, type LabName } from "@/lib/lab/schemas";
import type { BatchNormResult, LabResult, NearestFaceResult } from "@/lib/lab/types";
import { initTf, loadLabModel, tf } from "@/lib/lab/tf-runtime";

export interface BenchResult {
  suite: "lab";
  metric: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
  target?: { op: "<=" | ">="; value: number };
}

const round = (v: number, d = 3) => Number(v.toFixed(d));

function row(metric: string, value: number, unit: string, baseline?: { name: string; value: number }): BenchResult {
  return { suite: "lab", metric, value: round(value), unit, ...(baseline ? { baseline: { ...baseline, value: round(baseline.value) }, ratio: round(value / baseline.value) } : {}) };
}

/** ROC lab core: score 100k held-out rows and compute every curve and the slider table. */
async function rocInferencePlusMetrics(repeats: number): Promise<BenchResult[]> {
  const data = generateAttackData({ rows: 100_000, prevalence: 0.001, seed: 7 });
  const once = async (backend: "wasm" | "cpu") => {
    await tf.setBackend(backend);
    const model = await loadLabModel(ATTACK_MODEL);
    const t = performance.now();
    const scores = await scoreAttackRows(model, data.features, data.rows);
    summarizeScores(scores, data.labels, 0.5);
    const ms = performance.now() - t;
    model.dispose();
    return ms;
  };
  await once("wasm"); // warm-up: kernels compiled, wasm heap grown
  await once("cpu");
  const wasm: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    wasm.push(await once("wasm")); // interleaved: the machine is shared and noisy
    cpu.push(await once("cpu"));
  }
  await tf.setBackend("wasm");
  return [row("roc_inference_metrics_p50_ms_100k", percentile(wasm, 50), "ms", { name: "cpu-backend", value: percentile(cpu, 50) })];
}

/** A lab in a fresh worker thread, exactly as a LabRun executes it. */
function inWorker<R extends LabResult>(lab: LabName, params: unknown): Promise<R> {
  const pool = new LabPool({ maxWorkers: 1 });
  return new Promise((resolve, reject) =>
    pool.submit(
      { id: lab, lab, params, timeLimitMs: 300_000 },
      { onDone: (o) => (o.status === "SUCCEEDED" ? resolve(o.result as R) : reject(new Error(`${lab}: ${o.status} ${o.error}`))) },
    ),
  );
}

async function batchNormComparison(): Promise<BenchResult[]> {
  const params = parseLabParams("batch-norm", {}).data!;
  const r = await inWorker<BatchNormResult>("batch-norm", params);
  const final = (variant: string, lr: number) => r.summary.find((s) => s.variant === variant && s.learningRate === lr)!.finalValAccuracy;
  return [
    row("bn_comparison_wall_ms", r.wallMs, "ms"),
    row("bn_high_lr_val_accuracy", final("batchnorm", params.highLearningRate), "ratio", { name: "plain-net-same-lr", value: final("plain", params.highLearningRate) }),
  ];
}

/**
 * Nearest-face at its default settings, twice in fresh worker threads with an empty HNSW cache
 * directory: the first run builds and caches the graph, the second loads it. Time to result is
 * the run's wall time (the lab reports once, at the end); HNSW ready is its build or load time.
 */
async function annSearch(vectors: number): Promise<BenchResult[]> {
  const params = parseLabParams("nearest-face", { vectors, queries: 200 }).data!;
  const saved = process.env.LAB_CACHE_DIR;
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), "bench-lab-cache-"));
  process.env.LAB_CACHE_DIR = cacheDir;
  let r: NearestFaceResult;
  let second: NearestFaceResult;
  const wall: number[] = [];
  try {
    let t = performance.now();
    r = await inWorker<NearestFaceResult>("nearest-face", params);
    wall.push(performance.now() - t);
    t = performance.now();
    second = await inWorker<NearestFaceResult>("nearest-face", params);
    wall.push(performance.now() - t);
  } finally {
    if (saved === undefined) delete process.env.LAB_CACHE_DIR;
    else process.env.LAB_CACHE_DIR = saved;
    rmSync(cacheDir, { recursive: true, force: true });
  }
  const m = (name: string) => r.methods.find((x) => x.method === name)!;
  const exact = m("exact");
  const out = [row(`ann_exact_query_p50_ms_${vectors / 1000}k`, exact.p50Ms, "ms")];
  const hnswReady = (x: NearestFaceResult) => x.methods.find((y) => y.method === "hnsw")?.buildMs;
  if (second.hnswCache === "hit" && hnswReady(second) !== undefined && hnswReady(r) !== undefined) {
    out.push(row(`ann_hnsw_ready_cached_ms_${vectors / 1000}k`, hnswReady(second)!, "ms", { name: "first-run-build", value: hnswReady(r)! }));
    out.push({ ...row(`ann_time_to_result_cached_ms_${vectors / 1000}k`, wall[1]!, "ms", { name: "first-run", value: wall[0]! }) });
  } else {
    out.push(row(`ann_hnsw_cache_missed_${vectors / 1000}k`, 1, "runs"));
  }
  // Along each method's speed/recall curve (the lab's own sweep): speed-up over exact, recall.
  for (const c of r.curve ?? []) {
    const name = `ann_curve_${c.method}_${c.setting.replace(/\W+/g, "_")}`;
    out.push(row(`${name}_speedup_${vectors / 1000}k`, exact.p50Ms / c.p50Ms, "x"), row(`${name}_recall_at_10_${vectors / 1000}k`, c.recallAtK, "ratio"));
  }
  for (const name of ["lsh", "hnsw"]) {
    const x = r.methods.find((y) => y.method === name);
    if (!x) continue;
    out.push(row(`ann_${name}_query_p50_ms_${vectors / 1000}k`, x.p50Ms, "ms", { name: "exact-matmul", value: exact.p50Ms }));
    out.push(row(`ann_${name}_recall_at_10_${vectors / 1000}k`, x.recallAtK, "ratio", { name: "exact", value: 1 }));
    out.push(row(`ann_${name}_build_ms_${vectors / 1000}k`, x.buildMs, "ms"));
  }
  return out;
}

export async function runLabBench(opts: { repeats?: number; annVectors?: number } = {}): Promise<BenchResult[]> {
  await initTf("wasm");
  return [...(await rocInferencePlusMetrics(opts.repeats ?? 5)), ...(await batchNormComparison()), ...(await annSearch(opts.annVectors ?? 100_000))];
}

/** Suite interface of scripts/bench.ts: no build, no server, no database. */
export const servers = 0;
export const description = "Lab core: inference+metrics over 100k rows (wasm vs cpu), batch-norm comparison wall time, ANN p50 and recall@10 vs exact";
export async function run(ctx?: { log(s: string): void }): Promise<BenchResult[]> {
  ctx?.log("lab: ROC inference+metrics ×5 (wasm, cpu interleaved), batch-norm comparison, ANN at 100k (exact, LSH, HNSW)");
  return runLabBench();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runLabBench()
    .then((results) => {
      console.table(results.map((r) => ({ metric: r.metric, value: r.value, unit: r.unit, baseline: r.baseline ? `${r.baseline.name} ${r.baseline.value}` : "", ratio: r.ratio ?? "" })));
      console.log(JSON.stringify(results, null, 2));
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
