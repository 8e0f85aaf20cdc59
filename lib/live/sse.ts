// What every server-sent event stream shares (the room's, a lab run's, the bell's): the frame
// format and the response headers; open-event-stream.ts holds the rest. No "server-only": pure.

/** One SSE frame: a named event with a JSON payload. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The response for an event stream: never cached or transformed (a compressing proxy would
 * hold events back), and marked for nginx not to buffer it.
 */
export function eventStreamResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
