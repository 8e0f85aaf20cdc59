// Reads a Server-Sent Events response as it arrives: parsed events, and whether the server ended it.
export interface SseEvent {
  event: string;
  data: unknown;
  at: number;
}

export interface SseReader {
  events: SseEvent[];
  of<T>(name: string): T[];
  /** Resolves when the server closes the stream (with the time it did). */
  ended: Promise<number>;
  isEnded(): boolean;
  /** Closes it from the client's side (as a browser leaving). */
  close(): Promise<void>;
}

export function readSse(res: Response, abort?: AbortController): SseReader {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = "";
  let endedAt = 0;
  const ended = (async () => {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        break;
      }
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data), at: Date.now() });
      }
    }
    endedAt = Date.now();
    return endedAt;
  })();
  return {
    events,
    of: <T,>(name: string) => events.filter((e) => e.event === name).map((e) => e.data as T),
    ended,
    isEnded: () => endedAt > 0,
    close: async () => {
      abort?.abort();
      await reader.cancel().catch(() => {});
      await ended;
    },
  };
}

/** Polls `fn` until it returns something truthy. */
export async function until<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5_000, what = "condition"): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
