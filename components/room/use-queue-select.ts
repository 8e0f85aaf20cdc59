"use client";

import { useSyncExternalStore } from "react";
import type { MutationQueue } from "@/lib/scoring/mutation-queue";

const noSubscription = () => () => {};

/**
 * Reads one thing from the mutation queue and re-renders only when it changes (`select` must
 * return a primitive or an object the queue keeps stable, like its snapshot).
 */
export function useQueueSelect<T>(queue: MutationQueue | null, select: (q: MutationQueue) => T, fallback: T): T {
  const read = () => (queue ? select(queue) : fallback);
  return useSyncExternalStore(queue ? queue.subscribe : noSubscription, read, read);
}
