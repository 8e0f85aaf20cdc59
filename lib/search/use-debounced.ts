"use client";

import { useEffect, useState } from "react";

/**
 * How long search boxes wait after the last keystroke before searching. Short: a search answers
 * in about 10 ms (p50 at 50,000 questions), a stale one is cancelled, and the wait is most of
 * the time from a keystroke to its results on screen (150 ms left 309–328 ms p95 for the bank's
 * typed-to-painted, against a target of 300; `npm run bench -- search`).
 */
export const SEARCH_DEBOUNCE_MS = 100;

/** `value`, once it has stopped changing for `ms` (search as you type). */
export function useDebounced<T>(value: T, ms = SEARCH_DEBOUNCE_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
