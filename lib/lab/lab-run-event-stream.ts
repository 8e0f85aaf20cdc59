import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getLabRun } from "./get-lab-run";
import { subscribeLabRunEvents } from "./lab-events";
import { isTerminal } from "./schemas";
import type { LabRunView } from "./types";

const POLL_MS = 2000;

/**
 * The SSE stream of one run. Events: `snapshot` (the whole run, first and whenever the row
 * moved without a local event — a run executed by another instance), `progress` (one
 * LabProgress), `status` (the whole run after a state change), `done` (the final run; the
 * stream then ends). A comment line every poll keeps proxies from closing an idle stream.
 * Authorization and the 404 happen before the stream opens.
 */
export async function labRunEventStream(actor: Actor, { id, signal }: { id: string; signal?: AbortSignal }): Promise<Response> {
  const initial = await getLabRun(actor, { id });
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let localEvents = 0;
      let lastProgressCount = initial.progress.length;
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        controller.close();
      };
      const finishIfDone = (run: LabRunView) => {
        if (!isTerminal(run.status)) return false;
        send("done", run);
        close();
        return true;
      };
      send("snapshot", initial);
      if (finishIfDone(initial)) return;
      const unsubscribe = subscribeLabRunEvents(id, (e) => {
        localEvents++;
        if (e.type === "progress") send("progress", e.progress);
        else if (!finishIfDone(e.run)) send("status", e.run);
      });
      const poll = setInterval(() => {
        const seen = localEvents;
        getLabRun(actor, { id })
          .then((run) => {
            if (finishIfDone(run)) return;
            if (seen === localEvents && run.progress.length !== lastProgressCount) send("snapshot", run);
            lastProgressCount = run.progress.length;
            write(": keep-alive\n\n");
          })
          .catch(() => close());
      }, POLL_MS);
      signal?.addEventListener("abort", close);
      cleanup = () => {
        unsubscribe();
        clearInterval(poll);
      };
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
