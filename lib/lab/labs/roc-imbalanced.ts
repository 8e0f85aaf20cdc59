import { ATTACK_FEATURE_COUNT, generateAttackData } from "../data";
import { LabInputError } from "../lab-input-error";
import {
  alwaysNegativeAccuracy,
  averagePrecision,
  confusionAtThreshold,
  keepTurningPoints,
  mannWhitneyAuc,
  metricsFromConfusion,
  rocAndPrCurves,
  rocAuc,
  thresholdTable,
  type ClassificationMetrics,
} from "../metrics";
import { ATTACK_MODEL } from "../model-defs";
import type { RocParams } from "../schemas";
import { initTf, loadLabModel, tf } from "../tf-runtime";
import type { LabProgress, RocResult } from "../types";

const BATCH = 20_000;

/** Scores rows with the bundled classifier in batches (bounded memory at 500k rows). */
export async function scoreAttackRows(model: tf.LayersModel, features: Float32Array, rows: number): Promise<Float32Array> {
  const scores = new Float32Array(rows);
  for (let start = 0; start < rows; start += BATCH) {
    const n = Math.min(BATCH, rows - start);
    const out = tf.tidy(() => {
      const x = tf.tensor2d(features.subarray(start * ATTACK_FEATURE_COUNT, (start + n) * ATTACK_FEATURE_COUNT), [n, ATTACK_FEATURE_COUNT]);
      return model.predict(x, { batchSize: n }) as tf.Tensor;
    });
    scores.set(await out.data(), start);
    out.dispose();
  }
  return scores;
}

/** Everything the page shows, computed once from the scores (the slider reuses `table`). */
export function summarizeScores(scores: Float32Array, labels: Uint8Array, threshold: number): Omit<RocResult, "lab" | "backend" | "timings"> {
  const { roc, pr } = rocAndPrCurves(scores, labels);
  const table = thresholdTable(scores, labels, 1000);
  const at = (t: number): ClassificationMetrics => metricsFromConfusion(confusionAtThreshold(table, t), t);
  let bestF1 = at(0.5);
  for (let i = 0; i <= table.steps; i++) {
    const m = at(i / table.steps);
    if ((m.f1 ?? -1) > (bestF1.f1 ?? -1)) bestF1 = m;
  }
  // Keep one PR point per recall level (where a positive is found): the points AP sums over.
  const prSteps = pr.filter((p, i) => i === 0 || p.recall !== pr[i - 1]!.recall);
  return {
    rows: scores.length,
    positives: table.positives,
    negatives: table.negatives,
    auc: rocAuc(roc),
    aucMannWhitney: mannWhitneyAuc(scores, labels),
    averagePrecision: averagePrecision(pr),
    alwaysNegativeAccuracy: alwaysNegativeAccuracy(labels) ?? 0,
    atThreshold: at(threshold),
    bestF1,
    roc: keepTurningPoints(roc, (p) => p.tpr, (p) => p.fpr).map((p) => ({ ...p, threshold: Number.isFinite(p.threshold) ? p.threshold : 1 })),
    pr: keepTurningPoints(prSteps, (p) => p.precision, (p) => p.recall),
    table,
  };
}

export async function runRocLab(params: RocParams, onProgress: (p: LabProgress) => void): Promise<RocResult> {
  const backend = await initTf();
  let t = performance.now();
  onProgress({ fraction: 0.05, message: `Generating ${params.rows.toLocaleString("en-US")} held-out rows` });
  const data = generateAttackData({ rows: params.rows, prevalence: params.prevalence, seed: params.seed });
  const generateMs = performance.now() - t;

  onProgress({ fraction: 0.3, message: `Scoring with the bundled classifier (${backend})` });
  t = performance.now();
  const model = await loadLabModel(ATTACK_MODEL);
  const scores = await scoreAttackRows(model, data.features, data.rows);
  model.dispose();
  const inferenceMs = performance.now() - t;

  onProgress({ fraction: 0.7, message: "Computing ROC, precision–recall and the threshold table" });
  t = performance.now();
  if (!data.labels.includes(1)) throw new LabInputError("The held-out set has no attacks at this prevalence; raise rows or prevalence.");
  const summary = summarizeScores(scores, data.labels, params.threshold);
  const metricsMs = performance.now() - t;
  return { lab: "roc-imbalanced", backend, ...summary, timings: { generateMs, inferenceMs, metricsMs } };
}
