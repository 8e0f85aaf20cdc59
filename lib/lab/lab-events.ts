import "server-only";
import { db } from "@/lib/db/client";
import { LIVE_CHANNEL, type LabPayload } from "@/lib/live/events";
import { getLiveHub, type LiveHub } from "@/lib/live/live-hub";
import type { LabProgress } from "./types";

/**
 * Lab run events for every replica: a NOTIFY on the live channel (lib/live/events.ts), heard by
 * each instance's LISTEN connection (lib/live/live-hub.ts) and fanned out to that instance's
 * streams of the run — whichever replica's worker runs it. A status change carries no run:
 * subscribers re-read it with their own permissions. Progress travels as is when it is small
 * (NOTIFY's limit is 8000 bytes), else as "re-read".
 */
export type LabRunEvent = { type: "progress"; progress: LabProgress } | { type: "status" };

const MAX_PAYLOAD_BYTES = 7000;

export async function publishLabRunEvent(runId: string, event: LabRunEvent): Promise<void> {
  let payload: LabPayload = { v: 1, t: "lab", r: runId, e: "status" };
  if (event.type === "progress") {
    const withProgress: LabPayload = { v: 1, t: "lab", r: runId, e: "progress", p: event.progress };
    if (Buffer.byteLength(JSON.stringify(withProgress)) <= MAX_PAYLOAD_BYTES) payload = withProgress;
  }
  await db.$queryRaw`SELECT 1 AS ok FROM (SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(payload)})) AS n`;
}

/** This instance's events of one run (through its hub); returns the unsubscribe function. */
export function subscribeLabRunEvents(runId: string, listener: (e: LabRunEvent | { type: "resync" }) => void, hub: LiveHub = getLiveHub()): () => void {
  return hub.subscribeLab(runId, (e) => {
    if (e.type === "resync") listener({ type: "resync" });
    else if (e.payload.e === "progress" && e.payload.p) listener({ type: "progress", progress: e.payload.p as LabProgress });
    else listener({ type: "status" });
  });
}
