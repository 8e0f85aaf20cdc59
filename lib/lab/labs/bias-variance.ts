import { biasVarianceTruth, generateNoisyCurve } from "../data";
import type { BiasVarianceParams } from "../schemas";
import type { BiasVarianceDegree, BiasVarianceResult, LabProgress } from "../types";

/** Legendre basis P₀…P_d at x ∈ [−1, 1]: far better conditioned than raw powers. */
function legendreRow(x: number, degree: number): Float64Array {
  const row = new Float64Array(degree + 1);
  row[0] = 1;
  if (degree >= 1) row[1] = x;
  for (let k = 2; k <= degree; k++) row[k] = ((2 * k - 1) * x * row[k - 1]! - (k - 1) * row[k - 2]!) / k;
  return row;
}

/**
 * Least squares by Householder QR on [A; √λ·I] (a whisper of ridge so that more
 * coefficients than points still has one answer), in float64.
 */
export function fitPolynomial(x: ArrayLike<number>, y: ArrayLike<number>, degree: number, ridge = 1e-9): Float64Array {
  const n = x.length;
  const p = degree + 1;
  const m = n + p;
  const a: Float64Array[] = [];
  const b = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    a.push(legendreRow(x[i]!, degree));
    b[i] = y[i]!;
  }
  for (let j = 0; j < p; j++) {
    const r = new Float64Array(p);
    r[j] = Math.sqrt(ridge);
    a.push(r);
  }
  for (let k = 0; k < p; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += a[i]![k]! ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = a[k]![k]! > 0 ? -norm : norm;
    const v = new Float64Array(m);
    for (let i = k; i < m; i++) v[i] = a[i]![k]!;
    v[k] = v[k]! - alpha;
    let vv = 0;
    for (let i = k; i < m; i++) vv += v[i]! ** 2;
    if (vv === 0) continue;
    for (let j = k; j < p; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i]! * a[i]![j]!;
      const f = (2 * dot) / vv;
      for (let i = k; i < m; i++) a[i]![j] = a[i]![j]! - f * v[i]!;
    }
    let dot = 0;
    for (let i = k; i < m; i++) dot += v[i]! * b[i]!;
    const f = (2 * dot) / vv;
    for (let i = k; i < m; i++) b[i] = b[i]! - f * v[i]!;
  }
  const coef = new Float64Array(p);
  for (let k = p - 1; k >= 0; k--) {
    let s = b[k]!;
    for (let j = k + 1; j < p; j++) s -= a[k]![j]! * coef[j]!;
    coef[k] = a[k]![k]! === 0 ? 0 : s / a[k]![k]!;
  }
  return coef;
}

export function evalPolynomial(coef: Float64Array, x: number): number {
  const row = legendreRow(x, coef.length - 1);
  let s = 0;
  for (let k = 0; k < coef.length; k++) s += coef[k]! * row[k]!;
  return s;
}

function mse(coef: Float64Array, x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (evalPolynomial(coef, x[i]!) - y[i]!) ** 2;
  return s / x.length;
}

/** Within this factor of the best validation error a model counts as a good fit. */
const GOOD_BAND = 1.15;

export function labelFits(rows: { degree: number; trainMse: number; validationMse: number }[]): { bestDegree: number; degrees: BiasVarianceDegree[] } {
  const best = rows.reduce((b, r) => (r.validationMse < b.validationMse ? r : b), rows[0]!);
  return {
    bestDegree: best.degree,
    degrees: rows.map((r) => ({
      ...r,
      fit: r.validationMse <= best.validationMse * GOOD_BAND ? "good" : r.degree < best.degree ? "underfit" : "overfit",
    })),
  };
}

export async function runBiasVarianceLab(params: BiasVarianceParams, onProgress: (p: LabProgress) => void): Promise<BiasVarianceResult> {
  const train = generateNoisyCurve({ rows: params.trainRows, noise: params.noise, seed: params.seed, label: "train" });
  const val = generateNoisyCurve({ rows: params.validationRows, noise: params.noise, seed: params.seed, label: "validation" });
  const fits = new Map<number, Float64Array>();
  const rows: { degree: number; trainMse: number; validationMse: number }[] = [];
  for (let degree = 0; degree <= params.maxDegree; degree++) {
    const coef = fitPolynomial(train.x, train.y, degree);
    fits.set(degree, coef);
    rows.push({ degree, trainMse: mse(coef, train.x, train.y), validationMse: mse(coef, val.x, val.y) });
    onProgress({ fraction: (degree + 1) / (params.maxDegree + 1), message: `Fitted degree ${degree}` });
  }
  const { bestDegree, degrees } = labelFits(rows);
  const shown = [...new Set([1, bestDegree, params.maxDegree])].filter((d) => d <= params.maxDegree);
  const curves = Array.from({ length: 121 }, (_, i) => {
    const x = -1 + i / 60;
    const fitsAt: Record<string, number> = {};
    // Clamp for the plot: an overfit polynomial shoots off to ±1e3 between the points.
    for (const d of shown) fitsAt[`degree ${d}`] = Math.max(-4, Math.min(4, evalPolynomial(fits.get(d)!, x)));
    return { x, truth: biasVarianceTruth(x), fits: fitsAt };
  });
  return {
    lab: "bias-variance",
    backend: "js-float64",
    noiseVariance: params.noise ** 2,
    bestDegree,
    degrees,
    train: Array.from(train.x, (x, i) => ({ x, y: train.y[i]! })),
    curves,
  };
}
