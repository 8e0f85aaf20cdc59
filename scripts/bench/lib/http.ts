// HTTP helpers for bench suites: a keep-alive GET that times one request end to end
// (headers + full body read), and sign-in through next-auth's API as the browser does.
import http from "node:http";

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface TimedResponse {
  status: number;
  ms: number;
  body: string;
}

/** GET with keep-alive; `ms` runs from sending the request to the last byte of the body. */
export function timedGet(url: string, headers: Record<string, string> = {}): Promise<TimedResponse> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${url} timed out`)));
  });
}

function cookiePairs(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/**
 * Signs in with next-auth's credentials provider: GET /api/auth/csrf, then POST
 * /api/auth/callback/credentials (form-encoded csrfToken, email, password, json=true).
 * Returns the Cookie header that carries the session.
 */
export async function signInThroughApi(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (pairs: string[]) => pairs.forEach((p) => jar.set(p.slice(0, p.indexOf("=")), p));
  keep(cookiePairs(csrf));
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...jar.values()].join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(cookiePairs(res));
  const session = [...jar.keys()].find((k) => k.endsWith("next-auth.session-token"));
  if (!session) {
    const text = await res.text().catch(() => "");
    throw new Error(`Sign-in as ${email} failed: HTTP ${res.status} ${text.slice(0, 200)}`);
  }
  return [...jar.values()].join("; ");
}
