// When a failed webhook delivery is tried again. No "server-only": unit tests check the schedule.
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 4 * 3_600_000;

/** The wait before attempt `attempts + 1`, after `attempts` failed ones: 30 s, 1 min, 2 min … capped at 4 h, each ±20 % (jitter spreads a receiver's recovery). */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
