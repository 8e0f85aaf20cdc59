import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getRoomOrThrow } from "@/lib/scoring/get-room";
import type { PanelMember } from "@/lib/scoring/types";
import { getLiveHub, type HubEvent, type LiveHub } from "./live-hub";

const KEEPALIVE_MS = 15_000;
/** A full re-read now and then catches anything a dropped connection hid. */
const REFRESH_MS = 60_000;

/**
 * The live panel of one interview as Server-Sent Events, for one panelist. Authorization (and
 * the 404) happens before the stream opens; every `panel` event is re-read through
 * getRoomOrThrow with the viewer's permissions, so the blind rule holds on this path too.
 *
 * Events:
 *   panel     { panel: PanelMember[], presence }   first, after a status change, after a resync
 *   progress  { userId, status, progress }           a panelist's counts changed (no scores)
 *   presence  { userId, questionIndex, leaving }     heartbeat or leave
 */
export async function roomEventStream(actor: Actor, opts: { interviewId: string; signal?: AbortSignal; hub?: LiveHub }): Promise<Response> {
  const hub = opts.hub ?? getLiveHub();
  await hub.start();
  const initial = await getRoomOrThrow(actor, opts.interviewId);
  const interviewId = initial.interview.id;
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const statusOf = new Map<string, PanelMember["status"]>(initial.panel.map((p) => [p.userId, p.status]));
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const sendPanel = (panel: PanelMember[]) => {
        for (const p of panel) statusOf.set(p.userId, p.status);
        send("panel", { panel, presence: hub.presence(interviewId) });
      };
      let refreshing: Promise<void> | null = null;
      const refresh = () => {
        refreshing ??= getRoomOrThrow(actor, interviewId)
          .then((room) => sendPanel(room.panel))
          // Removed from the panel, or the interview is gone: end the stream.
          .catch(() => close())
          .finally(() => (refreshing = null));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };

      write("retry: 2000\n\n");
      sendPanel(initial.panel);
      const unsubscribe = hub.subscribe(interviewId, (e: HubEvent) => {
        if (e.type === "resync") return refresh();
        const p = e.payload;
        if (p.t === "presence") return send("presence", { userId: p.u, questionIndex: p.q, leaving: Boolean(p.l) });
        const before = statusOf.get(p.u);
        statusOf.set(p.u, p.s);
        send("progress", { userId: p.u, status: p.s, progress: p.p });
        // A submit or reopen may change what this viewer is allowed to see: re-read through the service.
        if (before !== p.s) refresh();
      });
      const keepalive = setInterval(() => write(": keep-alive\n\n"), KEEPALIVE_MS);
      const periodic = setInterval(refresh, REFRESH_MS);
      opts.signal?.addEventListener("abort", close);
      cleanup = () => {
        unsubscribe();
        clearInterval(keepalive);
        clearInterval(periodic);
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
