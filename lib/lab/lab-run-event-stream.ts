import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getLiveHub, type LiveHub } from "@/lib/live/live-hub";
import { guardStream, type StreamEndReason, type StreamGuardOptions } from "@/lib/live/stream-guard";
import type { EndEvent } from "@/lib/live/stream-events";
import { getLabRun } from "./get-lab-run";
import { subscribeLabRunEvents } from "./lab-events";
import { isTerminal } from "./schemas";
import type { LabRunView } from "./types";
import { eventStreamResponse, sseFrame } from "@/lib/live/sse";

/**
 * A watchdog, not the news: every replica's events arrive through the hub at once; this re-read
 * keeps proxies from closing an idle stream and lets the reaper close a run whose worker and its
 * retry both died (get-lab-run.ts).
 */
const WATCHDOG_MS = 15_000;

/**
 * The SSE stream of one run. Events: `snapshot` (the whole run, first, and after a reconnect of
 * the instance's LISTEN connection when something moved meanwhile), `progress` (one
 * LabProgress), `status` (the whole run after a state change), `done` (the final run; the
 * stream then ends), `end` (the server closes the stream early, and why: access ended, a newer
 * stream took its place, or its lifetime is over — see lib/live/stream-guard.ts, which also counts
 * it against the user's cap of open streams). A comment line every 15 s keeps proxies from
 * closing an idle stream. Authorization and the 404 happen before the stream opens.
 */
export async function labRunEventStream(
  actor: Actor,
  { id, signal, hub: givenHub, guard }: { id: string; signal?: AbortSignal; hub?: LiveHub; guard?: StreamGuardOptions },
): Promise<Response> {
  const initial = await getLabRun(actor, { id });
  const hub = givenHub ?? getLiveHub();
  // The auth events that close a stream early arrive through the hub's LISTEN connection.
  await hub.start();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const send = (event: string, data: unknown) => write(sseFrame(event, data));
      const close = (reason?: StreamEndReason) => {
        if (closed) return;
        if (reason) {
          const end: EndEvent = { reason };
          send("end", end);
        }
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      const finishIfDone = (run: LabRunView) => {
        if (!isTerminal(run.status)) return false;
        send("done", run);
        close();
        return true;
      };
      send("snapshot", initial);
      if (finishIfDone(initial)) return;
      const unguard = guardStream(hub, actor, close, guard);
      const reread = (as: "status" | "snapshot") =>
        getLabRun(actor, { id })
          .then((run) => {
            if (finishIfDone(run)) return;
            if (as === "status" || run.status !== lastSent.status || run.progress.length !== lastSent.progress) send(as, run);
            lastSent = { status: run.status, progress: run.progress.length };
          })
          .catch(() => close());
      let lastSent = { status: initial.status, progress: initial.progress.length };
      // Events of this run from every replica (lib/lab/lab-events.ts).
      const unsubscribe = subscribeLabRunEvents(
        id,
        (e) => {
          if (e.type === "progress") send("progress", e.progress);
          else void reread(e.type === "resync" ? "snapshot" : "status");
        },
        hub,
      );
      // Whatever moved between the first read and the subscription.
      void reread("snapshot");
      const watchdog = setInterval(() => {
        write(": keep-alive\n\n");
        void reread("snapshot");
      }, WATCHDOG_MS);
      signal?.addEventListener("abort", () => close(), { once: true });
      cleanup = () => {
        unguard();
        unsubscribe();
        clearInterval(watchdog);
      };
    },
    cancel() {
      cleanup();
    },
  });
  return eventStreamResponse(stream);
}
