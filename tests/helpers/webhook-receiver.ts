// A real HTTP receiver for webhook tests (node:http on 127.0.0.1), and the verification snippet
// of lib/webhooks/README.md, extracted from the document itself so the docs cannot drift.
import { readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
  /** The status the receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answer 500 to this many more requests, then 204. */
  failNext: number;
  /** Answer this status to every request while set. */
  alwaysStatus: number | null;
  /** While set, a request that arrives is answered only once this settles (a slow receiver). */
  hold: Promise<void> | null;
  /** Requests waiting on `hold`. */
  held: number;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(pathname = "/hooks"): Promise<WebhookReceiver> {
  const receiver: Omit<WebhookReceiver, "url" | "stop"> = { received: [], failNext: 0, alwaysStatus: null, hold: null, held: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const answer = () => {
        const status = receiver.alwaysStatus ?? (receiver.failNext > 0 ? (receiver.failNext--, 500) : 204);
        receiver.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now(), status });
        res.writeHead(status).end();
      };
      const hold = receiver.hold;
      if (!hold) return answer();
      receiver.held++;
      void hold.then(() => {
        receiver.held--;
        answer();
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}${pathname}`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  });
}

export type VerifyWebhook = (rawBody: string, signatureHeader: string, secret: string, toleranceSeconds?: number, nowMs?: number) => boolean;

/** The ```js block after `<!-- verify-snippet` in lib/webhooks/README.md, as a function. */
export function documentedVerifier(): VerifyWebhook {
  const doc = readFileSync(path.join(process.cwd(), "lib/webhooks/README.md"), "utf8");
  const m = /<!-- verify-snippet[^>]*-->\s*```js\n([\s\S]*?)```/.exec(doc);
  if (!m) throw new Error("lib/webhooks/README.md has no verify-snippet block");
  return new Function("require", `${m[1]}\nreturn verifyPanelistWebhook;`)(createRequire(import.meta.url)) as VerifyWebhook;
}
