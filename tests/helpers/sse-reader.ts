// Reads a Server-Sent Events response as it arrives: parsed events, and whether the server ended it.
export interface SseEvent {
  event: string;
  data: unknown;
  at: number;
}

export interface SseReader {
  events: SseEvent[];
  /** Everything received so far, as text (comments and retry lines included). */
  raw(): string;
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
  let raw = "";
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
      const text = decoder.decode(chunk.value, { stream: true });
      raw += text;
      buffer += text;
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
    raw: () => raw,
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
