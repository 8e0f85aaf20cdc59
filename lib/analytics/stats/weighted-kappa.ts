// Pure: Cohen's weighted kappa for a chosen pair of interviewers (issue 17) — how far two
// people's levels on the same candidates and criteria agree beyond what their own level
// distributions would give by chance, with near misses counting as partial agreement.
//
// Method: Cohen, J. (1968). "Weighted kappa: nominal scale agreement with provision for scaled
// disagreement or partial credit", Psychological Bulletin 70(4). With K categories in order,
// agreement weights w_ij, p_ij the share of pairs rated (i, j), and p_i·, p_·j the raters' margins:
//   p_o = Σ w_ij p_ij,   p_e = Σ w_ij p_i· p_·j,   κ_w = (p_o − p_e) / (1 − p_e)
//   linear     w_ij = 1 − |i − j| / (K − 1)          (Cicchetti & Allison 1971)
//   quadratic  w_ij = 1 − (i − j)² / (K − 1)²        (Fleiss & Cohen 1973)
//   none       w_ij = 1 if i = j else 0               (Cohen's 1960 kappa)
// or a K × K matrix of agreement weights (1 = full agreement, 0 = none). Cohen's disagreement
// weights v_ij give the same kappa as agreement weights 1 − v_ij / max(v): kappa is unchanged by
// that rescaling.
//
// Invariants:
// - i and j are *positions* in `categories`, not the values: categories [1, 2, 4] are equally
//   spaced. A value that is not a category is a RangeError.
// - A pair with either rating missing is dropped (counted in droppedPairs).
// - Symmetric weights make kappa symmetric in the two raters.
// - Undefined cases are null, never NaN: fewer than KAPPA_MIN_PAIRS complete pairs, or p_e = 1
//   (both raters gave one and the same category throughout, so chance explains everything).

export type KappaWeights = "none" | "linear" | "quadratic" | ReadonlyArray<ReadonlyArray<number>>;

export interface KappaOptions {
  weights: KappaWeights;
  /** The possible ratings, in scale order (e.g. the rubric's levels). At least two. */
  categories: readonly number[];
}

/** A pair of ratings of the same thing by the two raters; null/undefined = not rated. */
export type KappaPair = readonly [number | null | undefined, number | null | undefined];

/** Minimum complete pairs below which kappa is "not enough data". */
export const KAPPA_MIN_PAIRS = 2;

export interface KappaEstimate {
  kappa: number;
  /** Complete pairs used. */
  pairs: number;
  droppedPairs: number;
  /** p_o: weighted observed agreement. */
  observedAgreement: number;
  /** p_e: weighted agreement expected from the raters' margins. */
  expectedAgreement: number;
}

export interface KappaNotEnoughData {
  kappa: null;
  reason: "too-few-pairs" | "no-variation";
  pairs: number;
  droppedPairs: number;
}

export type KappaResult = KappaEstimate | KappaNotEnoughData;

/** The K × K agreement weights for a named scheme, or a copy of a given matrix after checking its shape. */
export function kappaWeightMatrix(weights: KappaWeights, size: number): number[][] {
  if (typeof weights !== "string") {
    if (weights.length !== size || weights.some((row) => row.length !== size || row.some((w) => !Number.isFinite(w)))) {
      throw new RangeError(`Weighted kappa: the weight matrix must be ${size} × ${size} finite numbers.`);
    }
    return weights.map((row) => [...row]);
  }
  const span = size - 1;
  return Array.from({ length: size }, (_, i) =>
    Array.from({ length: size }, (_, j) => {
      if (weights === "none") return i === j ? 1 : 0;
      const d = Math.abs(i - j) / span;
      return weights === "linear" ? 1 - d : 1 - d * d;
    }),
  );
}

/** Cohen's weighted kappa over `pairs`; see the header for the method and minimums. */
export function weightedKappa(pairs: ReadonlyArray<KappaPair>, options: KappaOptions): KappaResult {
  const { categories } = options;
  const size = categories.length;
  const position = new Map(categories.map((c, i) => [c, i]));
  if (size < 2 || position.size !== size) throw new RangeError("Weighted kappa: categories must be at least two distinct values.");
  const w = kappaWeightMatrix(options.weights, size);

  const table = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let complete = 0;
  for (const [a, b] of pairs) {
    if (a === null || a === undefined || b === null || b === undefined) continue;
    const i = position.get(a);
    const j = position.get(b);
    if (i === undefined || j === undefined) throw new RangeError(`Weighted kappa: ${i === undefined ? a : b} is not one of the categories.`);
    table[i]![j]! += 1;
    complete++;
  }
  const counts = { pairs: complete, droppedPairs: pairs.length - complete };
  if (complete < KAPPA_MIN_PAIRS) return { kappa: null, reason: "too-few-pairs", ...counts };

  const rowTotals = table.map((row) => row.reduce((s, c) => s + c, 0));
  const columnTotals = Array.from({ length: size }, (_, j) => table.reduce((s, row) => s + row[j]!, 0));
  // Sums over integer counts, divided once, to keep rounding out of p_o and p_e.
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      observed += w[i]![j]! * table[i]![j]!;
      expected += w[i]![j]! * rowTotals[i]! * columnTotals[j]!;
    }
  }
  const observedAgreement = observed / complete;
  const expectedAgreement = expected / (complete * complete);
  const chanceRoom = 1 - expectedAgreement;
  if (!(Math.abs(chanceRoom) > 1e-12)) return { kappa: null, reason: "no-variation", ...counts };
  return { kappa: (observedAgreement - expectedAgreement) / chanceRoom, ...counts, observedAgreement, expectedAgreement };
}
