// Pure: intraclass correlations for weighted question scores (issue 17) — how far panelists'
// scores for the same candidates agree in absolute terms, for one panelist (ICC(2,1)) and for
// the panel's mean (ICC(2,k)).
//
// Method: a two-way ANOVA on a complete subjects × raters matrix (n subjects, k raters):
//   SS_rows = k Σ_i (x̄_i· − x̄)²          MSR = SS_rows / (n − 1)
//   SS_cols = n Σ_j (x̄_·j − x̄)²          MSC = SS_cols / (k − 1)
//   SS_err  = SS_total − SS_rows − SS_cols  MSE = SS_err / ((n − 1)(k − 1))
//   MSW     = (SS_cols + SS_err) / (n(k − 1))   (within subjects, for the one-way forms)
// and the forms of Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater
// reliability", Psychological Bulletin 86(2), with McGraw & Wong's (1996) names:
//   ICC(2,1) = (MSR − MSE) / (MSR + (k − 1)MSE + k(MSC − MSE)/n)   two-way random, absolute agreement, "A,1"
//   ICC(2,k) = (MSR − MSE) / (MSR + (MSC − MSE)/n)                  the same for the mean of k raters, "A,k"
//   ICC(1,1) = (MSR − MSW) / (MSR + (k − 1)MSW)                     one-way random
//   ICC(1,k) = (MSR − MSW) / MSR
//   ICC(3,1) = (MSR − MSE) / (MSR + (k − 1)MSE)                     two-way mixed, consistency, "C,1"
//   ICC(3,k) = (MSR − MSE) / MSR                                    "C,k"
// Issue 17 reports ICC(2,·); the other four come free with the same ANOVA and are pinned by the
// same published table in the tests.
//
// Invariants:
// - Rows with any missing rating are dropped (complete cases only) and counted in droppedRows:
//   the two-way ANOVA above needs a full matrix. The number of raters k is the longest row's
//   length; a shorter row is missing its last ratings, so it is dropped too.
// - Undefined cases are null, never NaN: fewer than ICC_MIN_SUBJECTS complete rows or
//   ICC_MIN_RATERS raters, every rating identical, or a form whose denominator (an estimate of
//   the total variance) is not positive. ICCs can be negative (MSR < MSE): that is a reading of
//   "poor", not an error.
// - Columns are rater *seats*: the caller decides what a column is. Two-way models assume the
//   same raters score every subject; when panels differ per candidate, ICC(1,·) is the honest form.

/** Minimums below which the ICCs are "not enough data". */
export const ICC_MIN_SUBJECTS = 2;
export const ICC_MIN_RATERS = 2;

export interface IccAnova {
  grandMean: number;
  ssRows: number;
  ssColumns: number;
  ssError: number;
  ssTotal: number;
  dfRows: number;
  dfColumns: number;
  dfError: number;
  /** MSR: between subjects. */
  msRows: number;
  /** MSC: between raters. */
  msColumns: number;
  /** MSE: residual. */
  msError: number;
  /** MSW: within subjects (raters + residual), for ICC(1,·). */
  msWithin: number;
}

export interface IccEstimate {
  /** ICC(2,1), McGraw & Wong "A,1": one rater's absolute agreement. */
  icc21: number | null;
  /** ICC(2,k), "A,k": the mean of k raters. */
  icc2k: number | null;
  icc11: number | null;
  icc1k: number | null;
  /** ICC(3,1), "C,1": consistency — a rater's constant offset does not count against it. */
  icc31: number | null;
  icc3k: number | null;
  /** Complete rows used. */
  subjects: number;
  raters: number;
  droppedRows: number;
  anova: IccAnova;
}

export interface IccNotEnoughData {
  icc21: null;
  icc2k: null;
  icc11: null;
  icc1k: null;
  icc31: null;
  icc3k: null;
  reason: "too-few-subjects" | "too-few-raters" | "no-variation";
  subjects: number;
  raters: number;
  droppedRows: number;
  anova: null;
}

export type IccResult = IccEstimate | IccNotEnoughData;

/** A ratio whose denominator estimates a variance: null unless it is clearly positive. */
function ratio(numerator: number, denominator: number, scale: number): number | null {
  if (!(denominator > 1e-12 * scale)) return null;
  const r = numerator / denominator;
  return Number.isFinite(r) ? r : null;
}

/** ICCs over a subjects × raters matrix (null/undefined = missing); see the header. */
export function icc(matrix: ReadonlyArray<ReadonlyArray<number | null | undefined>>): IccResult {
  const k = matrix.reduce((max, row) => Math.max(max, row.length), 0);
  const rows: number[][] = [];
  for (const row of matrix) {
    const complete: number[] = [];
    for (let j = 0; j < k; j++) {
      const v = row[j];
      if (v === null || v === undefined) break;
      if (!Number.isFinite(v)) throw new RangeError(`ICC: ${v} is not a finite number.`);
      complete.push(v);
    }
    if (complete.length === k) rows.push(complete);
  }
  const n = rows.length;
  const counts = { subjects: n, raters: k, droppedRows: matrix.length - n };
  const notEnough = (reason: IccNotEnoughData["reason"]): IccNotEnoughData => ({
    icc21: null,
    icc2k: null,
    icc11: null,
    icc1k: null,
    icc31: null,
    icc3k: null,
    reason,
    ...counts,
    anova: null,
  });
  if (k < ICC_MIN_RATERS) return notEnough("too-few-raters");
  if (n < ICC_MIN_SUBJECTS) return notEnough("too-few-subjects");
  // Exact test, so rounding noise in the sums of squares of identical values is never read as variance.
  const first = rows[0]![0]!;
  if (rows.every((row) => row.every((v) => v === first))) return notEnough("no-variation");

  let total = 0;
  for (const row of rows) for (const v of row) total += v;
  const grandMean = total / (n * k);
  const rowMeans = rows.map((row) => row.reduce((s, v) => s + v, 0) / k);
  const columnMeans = Array.from({ length: k }, (_, j) => rows.reduce((s, row) => s + row[j]!, 0) / n);

  let ssTotal = 0;
  for (const row of rows) for (const v of row) ssTotal += (v - grandMean) ** 2;
  const ssRows = k * rowMeans.reduce((s, m) => s + (m - grandMean) ** 2, 0);
  const ssColumns = n * columnMeans.reduce((s, m) => s + (m - grandMean) ** 2, 0);
  // The residual computed directly (x − row mean − column mean + grand mean), not by subtraction,
  // so a near-perfect fit does not come out slightly negative.
  let ssError = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) ssError += (rows[i]![j]! - rowMeans[i]! - columnMeans[j]! + grandMean) ** 2;
  }
  const dfRows = n - 1;
  const dfColumns = k - 1;
  const dfError = dfRows * dfColumns;
  const msRows = ssRows / dfRows;
  const msColumns = ssColumns / dfColumns;
  const msError = ssError / dfError;
  const msWithin = (ssColumns + ssError) / (n * (k - 1));
  const anova: IccAnova = { grandMean, ssRows, ssColumns, ssError, ssTotal, dfRows, dfColumns, dfError, msRows, msColumns, msError, msWithin };

  const scale = Math.max(msRows, msColumns, msError, msWithin);
  return {
    icc21: ratio(msRows - msError, msRows + (k - 1) * msError + (k * (msColumns - msError)) / n, scale),
    icc2k: ratio(msRows - msError, msRows + (msColumns - msError) / n, scale),
    icc11: ratio(msRows - msWithin, msRows + (k - 1) * msWithin, scale),
    icc1k: ratio(msRows - msWithin, msRows, scale),
    icc31: ratio(msRows - msError, msRows + (k - 1) * msError, scale),
    icc3k: ratio(msRows - msError, msRows, scale),
    ...counts,
    anova,
  };
}
