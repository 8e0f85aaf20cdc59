import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getLiveHub, type LiveHub } from "@/lib/live/live-hub";
import { openEventStream } from "@/lib/live/open-event-stream";
import type { StreamGuardOptions } from "@/lib/live/stream-guard";
import { getLabRun } from "./get-lab-run";
import { subscribeLabRunEvents } from "./lab-events";
import { isTerminal } from "./schemas";
import type { LabRunView } from "./types";

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
  return openEventStream({
    actor,
    hub,
    guard,
    signal,
    start(session) {
      const finishIfDone = (run: LabRunView) => {
        if (!isTerminal(run.status)) return false;
        session.send("done", run);
        session.close();
        return true;
      };
      session.send("snapshot", initial);
      if (finishIfDone(initial)) return;
      let lastSent = { status: initial.status, progress: initial.progress.length };
      const reread = (as: "status" | "snapshot") =>
        getLabRun(actor, { id })
          .then((run) => {
            if (finishIfDone(run)) return;
            if (as === "status" || run.status !== lastSent.status || run.progress.length !== lastSent.progress) session.send(as, run);
            lastSent = { status: run.status, progress: run.progress.length };
          })
          .catch(() => session.close());
      // Events of this run from every replica (lib/lab/lab-events.ts).
      const unsubscribe = subscribeLabRunEvents(
        id,
        (e) => {
          if (e.type === "progress") session.send("progress", e.progress);
          else void reread(e.type === "resync" ? "snapshot" : "status");
        },
        hub,
      );
      // Whatever moved between the first read and the subscription.
      void reread("snapshot");
      session.every(WATCHDOG_MS, () => {
        session.comment("keep-alive");
        void reread("snapshot");
      });
      return unsubscribe;
    },
  });
}
