// Pure: interviewer severity — how many levels an interviewer scores above or below the
// organization's average interviewer on the same answers. No database, no server imports.
//
// Model. Each rating is one interviewer's level for one unit: one candidate's answer to one
// interview question, on one criterion (ratings with the same `unit` but different `criterion`
// are different units). The additive model
//
//     level = unit effect + rater effect + noise,   noise ~ iid (0, σ²)
//
// lets the unit effect absorb the candidate, the question and the criterion, so a rater effect is
// learned only from answers another interviewer also rated: a unit rated by one interviewer says
// nothing about that interviewer's severity and is left out ("informative" units have ≥ 2
// distinct raters; a rater's n counts their ratings in those units).
//
// Sign convention: POSITIVE = LENIENT (scores higher than peers on the same answers), negative =
// harsh. Rater effects are centred so their mean, weighted by each rater's n, is 0: a severity
// is "levels above (+) or below (−) the organization's average interviewer".
//
// Fit. Exact least squares, not backfitting: the unit effects are absorbed (within-unit
// deviations), which leaves the R×R reduced normal equations C b = q with
//     C = Σ_u diag(c_u) − c_u c_uᵀ / m_u,   q_r = Σ over r's ratings of (level − unit mean),
// c_u the unit's ratings per rater and m_u its total. C is singular along 1 (the model only
// identifies differences between raters); b = (C + α11ᵀ)⁻¹ q is the solution with Σ b = 0, then
// re-centred to the weighted mean. One pass over the ratings plus an R³ inverse: 400k ratings and
// 50 raters (135k answers) fit in 100–280 ms in Node on a shared 2-core machine, about half of it
// interning the rater and unit strings (tests/unit/analytics-severity.test.ts measures it).
//
// Raters only compare through shared units: if the interviewers split into groups that never
// rate the same answer, their severities have no common zero. Only the largest connected group
// (by informative ratings) is fitted; raters outside it get `reason: "not connected"`. If two
// groups tie for largest, there is no organization average to speak of and nobody is fitted.
//
// Uncertainty. σ² = residual sum of squares / (N − U − (R − 1)). The sampling variance of each
// centred raw effect is exact under the model: s_i² = σ² [P C⁺ Pᵀ]_ii with P the weighted
// centring. (The textbook σ²/n_i understates it: with two raters per answer, half of each
// rating's information goes into estimating the answer's own effect.) Between-rater variance by
// the method of moments, floored at 0:
//     τ² = max(0, (Σ raw_i² − Σ s_i²) / D),  D = R − 2 + R Σw²/(Σw)²  (= R − 1 for equal weights),
// over the reported raters (n ≥ minRatings). Empirical-Bayes shrinkage toward 0:
//     severity = raw × τ² / (τ² + s_i²),   posterior variance τ² s_i² / (τ² + s_i²),
// and the 95% interval is severity ± 1.96 × posterior sd — a normal approximation from the
// posterior variance, NOT a bootstrap (it assumes homoscedastic, independent noise; a rater who
// is consistently harsher within one interview than across interviews makes it too narrow).
// A rater is flagged only when that interval excludes 0.
//
// Minimums (below them severity is null with reason "not enough data"): a rater needs
// MIN_RATINGS informative ratings; the fit needs ≥ 2 raters in the connected group, ≥ 2 of them
// reportable, and at least one residual degree of freedom.
//
// Non-finite levels are ignored. Repeated ratings by one rater of one unit count as separate
// observations.

export const MIN_RATINGS = 10;
const Z95 = 1.959963984540054;

export interface SeverityRating {
  rater: string;
  /** One candidate's answer to one interview question, e.g. the interview question's id. */
  unit: string;
  criterion: string;
  level: number;
}

export type SeverityUnavailableReason = "not enough data" | "not connected";

export interface RaterSeverity {
  rater: string;
  /** Ratings in informative units (answers at least one other interviewer rated too). */
  n: number;
  /** Least-squares effect, centred to the n-weighted mean 0; positive = lenient. */
  raw: number | null;
  /** Sampling standard error of `raw` under the model. */
  standardError: number | null;
  /** `raw` shrunk toward 0 (empirical Bayes). */
  severity: number | null;
  /** Approximate 95% interval around `severity`. */
  low: number | null;
  high: number | null;
  /** The interval excludes 0. */
  flagged: boolean;
  reason: SeverityUnavailableReason | null;
}

export interface SeverityFit {
  /** One entry per rater seen in the input, sorted by rater. */
  raters: RaterSeverity[];
  /** Residual variance (levels²); null when the model was not fitted. */
  sigma2: number | null;
  /** Between-rater variance of severities (levels²), floored at 0; null when not fitted. */
  tau2: number | null;
  /** Informative units in the fitted group. */
  units: number;
  /** Ratings in those units. */
  ratings: number;
  interval: "posterior normal approximation";
}

export interface SeverityOptions {
  /** Informative ratings a rater needs to be reported (default MIN_RATINGS). */
  minRatings?: number;
}

function unavailable(rater: string, n: number, reason: SeverityUnavailableReason): RaterSeverity {
  return { rater, n, raw: null, standardError: null, severity: null, low: null, high: null, flagged: false, reason };
}

/** Inverse of a symmetric positive-definite matrix (row-major, size k) by Gauss–Jordan with partial pivoting; null if singular. */
function invert(a: Float64Array, k: number): Float64Array | null {
  const m = Float64Array.from(a);
  const inv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) inv[i * k + i] = 1;
  let scale = 0;
  for (let i = 0; i < k; i++) scale = Math.max(scale, Math.abs(m[i * k + i]!));
  const tiny = scale * 1e-12;
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(m[r * k + col]!) > Math.abs(m[pivot * k + col]!)) pivot = r;
    const p = m[pivot * k + col]!;
    if (!(Math.abs(p) > tiny)) return null;
    if (pivot !== col) {
      for (let c = 0; c < k; c++) {
        let t = m[col * k + c]!;
        m[col * k + c] = m[pivot * k + c]!;
        m[pivot * k + c] = t;
        t = inv[col * k + c]!;
        inv[col * k + c] = inv[pivot * k + c]!;
        inv[pivot * k + c] = t;
      }
    }
    for (let c = 0; c < k; c++) {
      m[col * k + c] = m[col * k + c]! / p;
      inv[col * k + c] = inv[col * k + c]! / p;
    }
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = m[r * k + col]!;
      if (f === 0) continue;
      for (let c = 0; c < k; c++) {
        m[r * k + c] = m[r * k + c]! - f * m[col * k + c]!;
        inv[r * k + c] = inv[r * k + c]! - f * inv[col * k + c]!;
      }
    }
  }
  return inv;
}

export function estimateRaterSeverity(ratings: readonly SeverityRating[], options: SeverityOptions = {}): SeverityFit {
  const minRatings = options.minRatings ?? MIN_RATINGS;

  // Intern raters and units (unit × criterion) to dense indices.
  const raterIndex = new Map<string, number>();
  const raterNames: string[] = [];
  const unitIndex = new Map<string, Map<string, number>>();
  let unitCount = 0;
  const total = ratings.length;
  const obsRater = new Int32Array(total);
  const obsUnit = new Int32Array(total);
  const obsLevel = new Float64Array(total);
  let n = 0;
  for (const r of ratings) {
    let ri = raterIndex.get(r.rater);
    if (ri === undefined) {
      ri = raterNames.length;
      raterIndex.set(r.rater, ri);
      raterNames.push(r.rater);
    }
    if (!Number.isFinite(r.level)) continue;
    let byCriterion = unitIndex.get(r.unit);
    if (byCriterion === undefined) {
      byCriterion = new Map();
      unitIndex.set(r.unit, byCriterion);
    }
    let ui = byCriterion.get(r.criterion);
    if (ui === undefined) {
      ui = unitCount++;
      byCriterion.set(r.criterion, ui);
    }
    obsRater[n] = ri;
    obsUnit[n] = ui;
    obsLevel[n] = r.level;
    n++;
  }
  const R = raterNames.length;

  // Counting sort of observations by unit.
  const unitStart = new Int32Array(unitCount + 1);
  for (let i = 0; i < n; i++) unitStart[obsUnit[i]! + 1]!++;
  for (let u = 0; u < unitCount; u++) unitStart[u + 1] = unitStart[u + 1]! + unitStart[u]!;
  const order = new Int32Array(n);
  {
    const fill = unitStart.slice(0, unitCount);
    for (let i = 0; i < n; i++) order[fill[obsUnit[i]!]!++] = i;
  }

  // Informative units (≥ 2 distinct raters), per-rater n, and connected groups (union–find).
  const parent = new Int32Array(R);
  for (let i = 0; i < R; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const informative = new Uint8Array(unitCount);
  const raterN = new Float64Array(R);
  const seenIn = new Int32Array(R).fill(-1);
  for (let u = 0; u < unitCount; u++) {
    let distinct = 0;
    let first = -1;
    for (let j = unitStart[u]!; j < unitStart[u + 1]!; j++) {
      const r = obsRater[order[j]!]!;
      if (seenIn[r] !== u) {
        seenIn[r] = u;
        distinct++;
        if (first < 0) first = r;
        else {
          const a = find(first);
          const b = find(r);
          if (a !== b) parent[a] = b;
        }
      }
    }
    if (distinct >= 2) {
      informative[u] = 1;
      for (let j = unitStart[u]!; j < unitStart[u + 1]!; j++) raterN[obsRater[order[j]!]!]!++;
    }
  }

  // The main group: unique largest by informative ratings.
  const groupRatings = new Float64Array(R);
  for (let r = 0; r < R; r++) if (raterN[r]! > 0) groupRatings[find(r)]! += raterN[r]!;
  let mainRoot = -1;
  let best = 0;
  let tied = false;
  for (let r = 0; r < R; r++) {
    if (find(r) !== r || groupRatings[r]! === 0) continue;
    if (groupRatings[r]! > best) {
      best = groupRatings[r]!;
      mainRoot = r;
      tied = false;
    } else if (groupRatings[r]! === best) tied = true;
  }
  if (tied) mainRoot = -1;

  const reasonFor = (r: number): SeverityUnavailableReason | null => {
    if (raterN[r]! < minRatings || raterN[r]! === 0) return "not enough data";
    if (mainRoot < 0 || find(r) !== mainRoot) return "not connected";
    return null;
  };
  const notFitted = (): SeverityFit => ({
    raters: raterNames
      .map((name, r) => unavailable(name, raterN[r]!, reasonFor(r) ?? "not enough data"))
      .sort((a, b) => (a.rater < b.rater ? -1 : a.rater > b.rater ? 1 : 0)),
    sigma2: null,
    tau2: null,
    units: 0,
    ratings: 0,
    interval: "posterior normal approximation",
  });

  // Dense indices for the main group's raters.
  const local = new Int32Array(R).fill(-1);
  const members: number[] = [];
  if (mainRoot >= 0) {
    for (let r = 0; r < R; r++) {
      if (raterN[r]! > 0 && find(r) === mainRoot) {
        local[r] = members.length;
        members.push(r);
      }
    }
  }
  const K = members.length;
  const reportable = members.filter((r) => reasonFor(r) === null);
  if (K < 2 || reportable.length < 2) return notFitted();

  // Reduced normal equations.
  const C = new Float64Array(K * K);
  const q = new Float64Array(K);
  const count = new Float64Array(K);
  const inUnit: number[] = [];
  let N = 0;
  let U = 0;
  for (let u = 0; u < unitCount; u++) {
    if (!informative[u]) continue;
    const s = unitStart[u]!;
    const e = unitStart[u + 1]!;
    if (local[obsRater[order[s]!]!]! < 0) continue; // another group
    const m = e - s;
    let sum = 0;
    inUnit.length = 0;
    for (let j = s; j < e; j++) {
      const o = order[j]!;
      const k = local[obsRater[o]!]!;
      if (count[k] === 0) inUnit.push(k);
      count[k]!++;
      sum += obsLevel[o]!;
    }
    const mean = sum / m;
    for (let j = s; j < e; j++) {
      const o = order[j]!;
      q[local[obsRater[o]!]!]! += obsLevel[o]! - mean;
    }
    for (const a of inUnit) {
      const ca = count[a]!;
      C[a * K + a]! += ca;
      for (const b of inUnit) C[a * K + b]! -= (ca * count[b]!) / m;
    }
    for (const a of inUnit) count[a] = 0;
    N += m;
    U++;
  }

  let trace = 0;
  for (let k = 0; k < K; k++) trace += C[k * K + k]!;
  const alpha = trace / K;
  const A = Float64Array.from(C);
  for (let i = 0; i < K * K; i++) A[i]! += alpha;
  const G = invert(A, K);
  const df = N - U - (K - 1);
  if (G === null || df < 1) return notFitted();

  // b = G q (Σ b = 0), then centred to the n-weighted mean.
  const w = new Float64Array(K);
  let W = 0;
  for (let k = 0; k < K; k++) {
    w[k] = raterN[members[k]!]!;
    W += w[k]!;
  }
  const b = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    let s = 0;
    for (let j = 0; j < K; j++) s += G[i * K + j]! * q[j]!;
    b[i] = s;
  }
  let wMean = 0;
  for (let k = 0; k < K; k++) wMean += w[k]! * b[k]!;
  wMean /= W;
  for (let k = 0; k < K; k++) b[k] = b[k]! - wMean;

  // Residual variance: unit effect = unit mean − mean of its ratings' rater effects.
  let rss = 0;
  for (let u = 0; u < unitCount; u++) {
    if (!informative[u]) continue;
    const s = unitStart[u]!;
    const e = unitStart[u + 1]!;
    if (local[obsRater[order[s]!]!]! < 0) continue;
    let sumY = 0;
    let sumB = 0;
    for (let j = s; j < e; j++) {
      const o = order[j]!;
      sumY += obsLevel[o]!;
      sumB += b[local[obsRater[o]!]!]!;
    }
    const a = (sumY - sumB) / (e - s);
    for (let j = s; j < e; j++) {
      const o = order[j]!;
      const r = obsLevel[o]! - a - b[local[obsRater[o]!]!]!;
      rss += r * r;
    }
  }
  const sigma2 = rss / df;

  // Var(b̂) = σ² P G Pᵀ with P = I − 1wᵀ/W (G may stand in for C⁺: they differ only along 1, which P removes).
  const Gw = new Float64Array(K);
  let wGw = 0;
  for (let i = 0; i < K; i++) {
    let s = 0;
    for (let j = 0; j < K; j++) s += G[i * K + j]! * w[j]!;
    Gw[i] = s;
    wGw += w[i]! * s;
  }
  const se2 = new Float64Array(K);
  for (let i = 0; i < K; i++) se2[i] = Math.max(0, sigma2 * (G[i * K + i]! - (2 * Gw[i]!) / W + wGw / (W * W)));

  // τ² by the method of moments over the reportable raters.
  let sumRaw2 = 0;
  let sumSe2 = 0;
  let wSum = 0;
  let w2Sum = 0;
  for (const r of reportable) {
    const k = local[r]!;
    sumRaw2 += b[k]! * b[k]!;
    sumSe2 += se2[k]!;
    wSum += w[k]!;
    w2Sum += w[k]! * w[k]!;
  }
  const P = reportable.length;
  const D = P - 2 + (P * w2Sum) / (wSum * wSum);
  // A difference at round-off level is 0: otherwise √τ² in the interval turns 1e-16 into 1e-8
  // and the result depends on the order the ratings came in.
  const excess = sumRaw2 - sumSe2;
  const tau2 = excess > 1e-10 * (sumRaw2 + sumSe2) ? excess / D : 0;

  const raters = raterNames.map((name, r): RaterSeverity => {
    const reason = reasonFor(r);
    if (reason !== null) return unavailable(name, raterN[r]!, reason);
    const k = local[r]!;
    const raw = b[k]!;
    const s2 = se2[k]!;
    // s² = 0: the raw effect is exact; τ² = 0 (and s² > 0): everyone is the average interviewer.
    const factor = s2 === 0 ? 1 : tau2 / (tau2 + s2);
    const severity = raw * factor;
    const postVar = s2 === 0 ? 0 : (tau2 * s2) / (tau2 + s2);
    const half = Z95 * Math.sqrt(postVar);
    const low = severity - half;
    const high = severity + half;
    return {
      rater: name,
      n: raterN[r]!,
      raw,
      standardError: Math.sqrt(s2),
      severity,
      low,
      high,
      flagged: low > 0 || high < 0,
      reason: null,
    };
  });
  raters.sort((a, b) => (a.rater < b.rater ? -1 : a.rater > b.rater ? 1 : 0));
  return { raters, sigma2, tau2, units: U, ratings: N, interval: "posterior normal approximation" };
}
