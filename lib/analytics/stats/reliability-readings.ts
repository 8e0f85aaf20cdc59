// Pure: the plain-language reading shown beside each reliability figure (issue 17), so a hiring
// manager need not know what α = 0.71 means. Each scale is its author's own published guidance,
// cut at the documented thresholds below; null (the statistics' "not enough data") reads as such.
//
// Thresholds (a value exactly on a cut falls in the band stated):
// - Krippendorff's alpha — Krippendorff (2004), "Content Analysis: An Introduction to Its
//   Methodology", 2nd ed., p. 241 (as commonly cited; the page not re-checked here): rely on
//   α ≥ .800; consider .667 ≤ α < .800 only for tentative conclusions; below, do not rely on it.
//     α ≥ 0.8 good · 0.667 ≤ α < 0.8 tentative · α < 0.667 poor
// - ICC — Koo & Li (2016), "A Guideline of Selecting and Reporting Intraclass Correlation
//   Coefficients for Reliability Research", J. Chiropractic Medicine 15(2): below 0.5 poor,
//   0.5–0.75 moderate, 0.75–0.9 good, above 0.9 excellent.
//     ICC < 0.5 poor · 0.5 ≤ ICC < 0.75 moderate · 0.75 ≤ ICC ≤ 0.9 good · ICC > 0.9 excellent
// - Kappa — Landis & Koch (1977), "The Measurement of Observer Agreement for Categorical Data",
//   Biometrics 33(1): < 0 poor, 0–.20 slight, .21–.40 fair, .41–.60 moderate, .61–.80
//   substantial, .81–1 almost perfect; on a continuous value:
//     κ < 0 poor · 0 ≤ κ ≤ 0.2 slight · ≤ 0.4 fair · ≤ 0.6 moderate · ≤ 0.8 substantial · > 0.8 almost perfect
// Koo & Li advise reading the interval, not the point: a page can read both ends of the bootstrap
// interval with the same function.

export interface Reading<Band extends string> {
  band: Band | "not-enough-data";
  text: string;
}

export type AlphaBand = "good" | "tentative" | "poor";
export type IccBand = "excellent" | "good" | "moderate" | "poor";
export type KappaBand = "almost-perfect" | "substantial" | "moderate" | "fair" | "slight" | "poor";

export const ALPHA_THRESHOLDS = { good: 0.8, tentative: 0.667 } as const;
export const ICC_THRESHOLDS = { excellent: 0.9, good: 0.75, moderate: 0.5 } as const;
export const KAPPA_THRESHOLDS = { almostPerfect: 0.8, substantial: 0.6, moderate: 0.4, fair: 0.2, slight: 0 } as const;

const NOT_ENOUGH_DATA = { band: "not-enough-data", text: "not enough data" } as const;

/** A figure the statistics could not give (null) — or, defensively, a non-finite one — has no reading. */
const defined = (value: number | null): value is number => value !== null && Number.isFinite(value);

export function readAlpha(alpha: number | null): Reading<AlphaBand> {
  if (!defined(alpha)) return NOT_ENOUGH_DATA;
  if (alpha >= ALPHA_THRESHOLDS.good) return { band: "good", text: "panelists agree well" };
  if (alpha >= ALPHA_THRESHOLDS.tentative) return { band: "tentative", text: "tentative agreement" };
  return { band: "poor", text: "panelists agree poorly" };
}

export function readIcc(icc: number | null): Reading<IccBand> {
  if (!defined(icc)) return NOT_ENOUGH_DATA;
  if (icc > ICC_THRESHOLDS.excellent) return { band: "excellent", text: "excellent reliability" };
  if (icc >= ICC_THRESHOLDS.good) return { band: "good", text: "good reliability" };
  if (icc >= ICC_THRESHOLDS.moderate) return { band: "moderate", text: "moderate reliability" };
  return { band: "poor", text: "poor reliability" };
}

export function readKappa(kappa: number | null): Reading<KappaBand> {
  if (!defined(kappa)) return NOT_ENOUGH_DATA;
  if (kappa > KAPPA_THRESHOLDS.almostPerfect) return { band: "almost-perfect", text: "almost perfect agreement" };
  if (kappa > KAPPA_THRESHOLDS.substantial) return { band: "substantial", text: "substantial agreement" };
  if (kappa > KAPPA_THRESHOLDS.moderate) return { band: "moderate", text: "moderate agreement" };
  if (kappa > KAPPA_THRESHOLDS.fair) return { band: "fair", text: "fair agreement" };
  if (kappa >= KAPPA_THRESHOLDS.slight) return { band: "slight", text: "slight agreement" };
  return { band: "poor", text: "poor agreement" };
}
