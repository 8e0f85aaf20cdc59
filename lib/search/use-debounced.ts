"use client";

import { useEffect, useState } from "react";

/** How long search boxes wait after the last keystroke before searching. */
export const SEARCH_DEBOUNCE_MS = 150;

/** `value`, once it has stopped changing for `ms` (search as you type). */
export function useDebounced<T>(value: T, ms = SEARCH_DEBOUNCE_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
