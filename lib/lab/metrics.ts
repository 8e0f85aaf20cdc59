/**
 * Pure metric math for the labs: no tfjs, no I/O, safe in the browser (the ROC lab's
 * threshold slider recomputes the confusion matrix client-side from `ThresholdTable`).
 *
 * Conventions: label 1 is the positive class; a row is predicted positive when
 * score >= threshold; a ratio whose denominator is 0 is `null` (undefined), never 0 or NaN.
 */

export type Scores = ArrayLike<number>;
export type Labels = ArrayLike<number>;

export interface ConfusionMatrix {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface ClassificationMetrics extends ConfusionMatrix {
  threshold: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** False-positive rate: fp / (fp + tn). */
  fpr: number | null;
  specificity: number | null;
}

export interface RocPoint {
  fpr: number;
  tpr: number;
  /** Lowest score predicted positive at this point (+Infinity for the origin). */
  threshold: number;
}

export interface PrPoint {
  recall: number;
  precision: number;
  threshold: number;
}

function assertSameLength(scores: Scores, labels: Labels): void {
  if (scores.length !== labels.length) throw new RangeError(`scores (${scores.length}) and labels (${labels.length}) differ in length`);
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

export function confusionMatrix(scores: Scores, labels: Labels, threshold: number): ConfusionMatrix {
  assertSameLength(scores, labels);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i]! >= threshold;
    const actual = labels[i] === 1;
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}

export function metricsFromConfusion(cm: ConfusionMatrix, threshold: number): ClassificationMetrics {
  const { tp, fp, tn, fn } = cm;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    ...cm,
    threshold,
    accuracy: ratio(tp + tn, tp + fp + tn + fn),
    precision,
    recall,
    f1,
    fpr: ratio(fp, fp + tn),
    specificity: ratio(tn, fp + tn),
  };
}

export function classificationMetrics(scores: Scores, labels: Labels, threshold: number): ClassificationMetrics {
  return metricsFromConfusion(confusionMatrix(scores, labels, threshold), threshold);
}

/** Accuracy of the model that always answers "negative": the bar a useless model clears. */
export function alwaysNegativeAccuracy(labels: Labels): number | null {
  let negatives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== 1) negatives++;
  return ratio(negatives, labels.length);
}

function countPositives(labels: Labels): number {
  let p = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) p++;
  return p;
}

/** Row indices ordered by descending score (stable on ties). */
function orderByScoreDesc(scores: Scores): Uint32Array {
  const idx = new Uint32Array(scores.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  idx.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return idx;
}

/**
 * Walks distinct thresholds from the highest score down, yielding cumulative true and
 * false positives after each group of tied scores: the shared core of ROC and PR.
 */
function cumulativeCounts(scores: Scores, labels: Labels): { threshold: number; tp: number; fp: number }[] {
  assertSameLength(scores, labels);
  const order = orderByScoreDesc(scores);
  const out: { threshold: number; tp: number; fp: number }[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (labels[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next]! !== scores[i]!) out.push({ threshold: scores[i]!, tp, fp });
  }
  return out;
}

/** ROC curve from (0,0) to (1,1), one point per distinct score. Needs both classes. */
export function rocCurve(scores: Scores, labels: Labels): RocPoint[] {
  return rocAndPrCurves(scores, labels).roc;
}

/** Both curves from a single sort (the ROC lab needs both over 100k+ rows). */
export function rocAndPrCurves(scores: Scores, labels: Labels): { roc: RocPoint[]; pr: PrPoint[] } {
  const positives = countPositives(labels);
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) throw new RangeError("ROC needs at least one positive and one negative");
  const roc: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  const pr: PrPoint[] = [];
  for (const c of cumulativeCounts(scores, labels)) {
    roc.push({ fpr: c.fp / negatives, tpr: c.tp / positives, threshold: c.threshold });
    pr.push({ recall: c.tp / positives, precision: c.tp / (c.tp + c.fp), threshold: c.threshold });
  }
  return { roc, pr };
}

/** Area under a curve by the trapezoid rule (ties between scores become diagonal segments). */
export function trapezoidArea(points: readonly { x: number; y: number }[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    area += ((b.x - a.x) * (a.y + b.y)) / 2;
  }
  return area;
}

export function rocAuc(points: readonly RocPoint[]): number {
  return trapezoidArea(points.map((p) => ({ x: p.fpr, y: p.tpr })));
}

/**
 * AUC as the Mann–Whitney U statistic: the probability that a random positive scores
 * above a random negative, ties counting one half. Computed from mid-ranks in O(n log n).
 */
export function mannWhitneyAuc(scores: Scores, labels: Labels): number {
  assertSameLength(scores, labels);
  const n = scores.length;
  const positives = countPositives(labels);
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) throw new RangeError("AUC needs at least one positive and one negative");
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[a]! - scores[b]!);
  let rankSumPositives = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]!]! === scores[order[start]!]!) end++;
    const midRank = (start + end + 2) / 2; // ranks are 1-based
    for (let k = start; k <= end; k++) if (labels[order[k]!] === 1) rankSumPositives += midRank;
    start = end + 1;
  }
  const u = rankSumPositives - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}

/** The same statistic by its definition, O(P·N): a reference for tests. */
export function pairwiseAuc(scores: Scores, labels: Labels): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] === 1) continue;
      pairs++;
      if (scores[i]! > scores[j]!) wins += 1;
      else if (scores[i]! === scores[j]!) wins += 0.5;
    }
  }
  if (pairs === 0) throw new RangeError("AUC needs at least one positive and one negative");
  return wins / pairs;
}

/**
 * Precision–recall curve, one point per distinct score, highest threshold first.
 * (No artificial (0, 1) start point: average precision does not need one.)
 */
export function prCurve(scores: Scores, labels: Labels): PrPoint[] {
  const positives = countPositives(labels);
  if (positives === 0) throw new RangeError("PR curve needs at least one positive");
  return cumulativeCounts(scores, labels).map((c) => ({ recall: c.tp / positives, precision: c.tp / (c.tp + c.fp), threshold: c.threshold }));
}

/**
 * Average precision: Σ (Rₖ − Rₖ₋₁) · Pₖ over the PR curve's points (the step-wise sum,
 * not an interpolated area), the definition scikit-learn uses.
 */
export function averagePrecision(points: readonly PrPoint[]): number {
  let ap = 0;
  let prevRecall = 0;
  for (const p of points) {
    ap += (p.recall - prevRecall) * p.precision;
    prevRecall = p.recall;
  }
  return ap;
}

/**
 * Keeps only the points a chart needs: where the y value changes (either side) plus the
 * ends. Lossless for a piecewise-linear plot, and small: the ROC of 100k rows with 100
 * positives has a few hundred such points.
 */
export function keepTurningPoints<T>(points: readonly T[], y: (p: T) => number, x: (p: T) => number, maxPoints = 2000): T[] {
  const kept: T[] = [];
  for (let i = 0; i < points.length; i++) {
    const prev = points[i - 1];
    const next = points[i + 1];
    const p = points[i]!;
    if (!prev || !next) kept.push(p);
    else if (y(prev) !== y(p) || y(next) !== y(p)) {
      // Collinear middle points on a diagonal add nothing.
      const collinear = (x(p) - x(prev)) * (y(next) - y(prev)) === (x(next) - x(prev)) * (y(p) - y(prev));
      if (!collinear) kept.push(p);
    }
  }
  if (kept.length <= maxPoints) return kept;
  const stride = Math.ceil(kept.length / maxPoints);
  return kept.filter((_, i) => i % stride === 0 || i === kept.length - 1);
}

/**
 * Cumulative true and false positives at evenly spaced thresholds in [0, 1]: computed once
 * on the server, it lets the page recompute the confusion matrix for any slider position
 * without the raw scores.
 */
export interface ThresholdTable {
  steps: number;
  positives: number;
  negatives: number;
  /** tp[i], fp[i]: rows with score >= i / steps. */
  tp: number[];
  fp: number[];
}

export function thresholdTable(scores: Scores, labels: Labels, steps = 1000): ThresholdTable {
  assertSameLength(scores, labels);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError("steps must be a positive integer");
  // Bucket b holds scores in [b/steps, (b+1)/steps); a suffix sum gives counts >= b/steps.
  const posHist = new Float64Array(steps + 1);
  const negHist = new Float64Array(steps + 1);
  let positives = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    let b = Math.floor(s * steps);
    // Guard float rounding: b/steps must never exceed s.
    if (b / steps > s) b--;
    b = Math.min(Math.max(b, -1), steps);
    if (b < 0) {
      if (labels[i] === 1) positives++;
      continue;
    }
    if (labels[i] === 1) {
      positives++;
      posHist[b]!++;
    } else negHist[b]!++;
  }
  const tp = new Array<number>(steps + 1).fill(0);
  const fp = new Array<number>(steps + 1).fill(0);
  let accP = 0;
  let accN = 0;
  for (let b = steps; b >= 0; b--) {
    accP += posHist[b]!;
    accN += negHist[b]!;
    tp[b] = accP;
    fp[b] = accN;
  }
  return { steps, positives, negatives: labels.length - positives, tp, fp };
}

/** The confusion matrix at a threshold, snapped to the table's grid. */
export function confusionAtThreshold(table: ThresholdTable, threshold: number): ConfusionMatrix & { threshold: number } {
  const i = Math.min(table.steps, Math.max(0, Math.round(threshold * table.steps)));
  const tp = table.tp[i] ?? 0;
  const fp = table.fp[i] ?? 0;
  return { tp, fp, fn: table.positives - tp, tn: table.negatives - fp, threshold: i / table.steps };
}

/** Recall@k of an approximate answer against the exact one, averaged over queries. */
export function recallAtK(approx: readonly (readonly number[])[], exact: readonly (readonly number[])[], k: number): number {
  if (approx.length !== exact.length) throw new RangeError("approx and exact answer different numbers of queries");
  if (exact.length === 0) return 0;
  let hits = 0;
  for (let q = 0; q < exact.length; q++) {
    const truth = new Set(exact[q]!.slice(0, k));
    for (const id of approx[q]!.slice(0, k)) if (truth.has(id)) hits++;
  }
  return hits / (exact.length * k);
}

/** The p-th percentile (0–100) by linear interpolation between order statistics. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(sq / n) };
}
