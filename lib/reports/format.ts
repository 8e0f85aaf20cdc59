// Pure formatting shared by the report page, the PDF and the CSV, so all three agree.

/** A score on the organization's scale, one decimal; "—" when there is none. */
export function formatScore(score: number | null | undefined, digits = 1): string {
  return score === null || score === undefined ? "—" : score.toFixed(digits);
}

/** Seconds since the interview started as m:ss or h:mm:ss. */
export function formatOffset(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

export function formatPercent(share: number, digits = 0): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** "3 of 4" coverage text. */
export function formatCoverage(assessed: number, total: number): string {
  return `${assessed} of ${total}`;
}
