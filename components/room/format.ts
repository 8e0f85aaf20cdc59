/** m:ss (or h:mm:ss) for a number of seconds; negative values are shown as 0:00. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(r).padStart(2, "0")}` : `${m}:${String(r).padStart(2, "0")}`;
}

export function formatScore(score: number | null, digits = 1): string {
  return score === null ? "—" : score.toFixed(digits);
}
