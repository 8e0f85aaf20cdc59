import "server-only";
import { EventEmitter } from "node:events";
import type { LabProgress, LabRunView } from "./types";

/**
 * In-process fan-out of lab run events to SSE subscribers on this instance. Runs executed
 * by another instance reach subscribers through the row (the SSE route also polls it);
 * the Postgres LISTEN/NOTIFY bus can replace both later without changing the route's output.
 */
export type LabRunEvent = { type: "progress"; progress: LabProgress } | { type: "status"; run: LabRunView };

const globalForLab = globalThis as unknown as { panelistLabEvents?: EventEmitter };
const emitter = (globalForLab.panelistLabEvents ??= new EventEmitter().setMaxListeners(0));

export function publishLabRunEvent(runId: string, event: LabRunEvent): void {
  emitter.emit(runId, event);
}

export function subscribeLabRunEvents(runId: string, listener: (e: LabRunEvent) => void): () => void {
  emitter.on(runId, listener);
  return () => emitter.off(runId, listener);
}
