// Sign-in limits through the endpoint the sign-in form posts to, against the production server
// with its default TRUSTED_PROXY_HOPS=0: the limits count the socket's address. Each test
// connects from loopback addresses of its own (127.x.y.z — all of 127/8 is this machine), so
// the server really sees different clients and tests never eat each other's budget; the
// X-Forwarded-For a client sends is ignored. (The numbers: lib/auth/rate-limit.ts.)
import http from "node:http";
import { randomInt } from "node:crypto";
import { createUser, expect, test, uniqueEmail } from "./fixtures";

const FREE_ATTEMPTS = 5; // per account from one address
const FIRST_DELAY_SECONDS = 30; // the wait after them, doubling with each further failure
const SPRAY_ACCOUNTS = 10; // distinct accounts one address may fail on per 15 minutes

/** A client address nobody else uses (never 127.0.x.x, which the other specs connect from). */
const freshAddress = () => `127.${randomInt(1, 255)}.${randomInt(256)}.${randomInt(1, 255)}`;
const claimedAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function send(opts: { method: "GET" | "POST"; path: string; from: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  const base = new URL(test.info().project.use.baseURL!);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, path: opts.path, method: opts.method, headers: opts.headers, localAddress: opts.from },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** One credentials attempt as the sign-in form makes it, from the socket address `from`. */
async function attempt(email: string, password: string, from: string, extraHeaders: Record<string, string> = {}): Promise<Answer> {
  const csrf = await send({ method: "GET", path: "/api/auth/csrf", from });
  expect(csrf.status, `GET /api/auth/csrf answered ${csrf.status}`).toBe(200);
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  return send({
    method: "POST",
    path: "/api/auth/callback/credentials",
    from,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-auth-return-redirect": "1", ...extraHeaders },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
}

const signedIn = (a: Answer) => (a.headers["set-cookie"] ?? []).some((c) => c.includes("session-token"));

function expectRateLimited(a: Answer, maxSeconds: number) {
  expect(a.status).toBe(429);
  const retryAfter = Number(a.headers["retry-after"]);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect((JSON.parse(a.text) as { error: { message: string } }).error.message).toMatch(/try again in/i);
  expect(signedIn(a)).toBe(false);
}

test(`after ${FREE_ATTEMPTS} wrong passwords from one address, that address waits (429 with Retry-After, even with the right password); the owner still signs in from another`, async ({ request }) => {
  const user = await createUser(request);
  const attacker = freshAddress();
  for (let i = 1; i <= FREE_ATTEMPTS; i++) {
    const res = await attempt(user.email, `wrong-password-${i}`, attacker);
    expect(res.status, `attempt ${i} is answered normally`).toBe(401);
    expect(signedIn(res)).toBe(false);
  }
  expectRateLimited(await attempt(user.email, "wrong-password-6", attacker), FIRST_DELAY_SECONDS);
  expectRateLimited(await attempt(user.email, user.password, attacker), FIRST_DELAY_SECONDS);

  // Not a lockout of the owner: from an address that has not been failing, the right password works.
  const owner = await attempt(user.email, user.password, freshAddress());
  expect(owner.status).toBe(200);
  expect(signedIn(owner)).toBe(true);
});

test("an unknown email is answered and limited exactly like a real one, so the answers reveal nothing", async ({ request }) => {
  const user = await createUser(request);
  const ghost = uniqueEmail("ghost");
  const [fromA, fromB] = [freshAddress(), freshAddress()];
  for (let i = 1; i <= FREE_ATTEMPTS; i++) {
    const real = await attempt(user.email, `wrong-password-${i}`, fromA);
    const unknown = await attempt(ghost, `wrong-password-${i}`, fromB);
    expect(real.status).toBe(401);
    expect(unknown.status).toBe(real.status);
    expect(unknown.text).toBe(real.text);
  }
  expectRateLimited(await attempt(user.email, "wrong-password-6", fromA), FIRST_DELAY_SECONDS);
  expectRateLimited(await attempt(ghost, "wrong-password-6", fromB), FIRST_DELAY_SECONDS);
});

test(`one address failing on ${SPRAY_ACCOUNTS} accounts is refused, and a rotating X-Forwarded-For does not help; other addresses still sign in`, async ({ request }) => {
  const sprayer = freshAddress();
  for (let i = 1; i <= SPRAY_ACCOUNTS; i++) {
    const res = await attempt(uniqueEmail("spray"), "Password123!", sprayer, { "X-Forwarded-For": claimedAddress() });
    expect(res.status, `attempt ${i}`).toBe(401);
  }
  for (const claimed of [claimedAddress(), `${claimedAddress()}, ${claimedAddress()}`]) {
    expectRateLimited(await attempt(uniqueEmail("spray"), "Password123!", sprayer, { "X-Forwarded-For": claimed }), 15 * 60);
  }

  const user = await createUser(request);
  expectRateLimited(await attempt(user.email, user.password, sprayer), 15 * 60);
  const elsewhere = await attempt(user.email, user.password, freshAddress());
  expect(elsewhere.status).toBe(200);
  expect(signedIn(elsewhere)).toBe(true);
});

test(`parallel attempts cannot get past the limit: 12 wrong passwords at once from one address check exactly ${FREE_ATTEMPTS}`, async ({ request }) => {
  const user = await createUser(request);
  const from = freshAddress();
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(user.email, `parallel-${i}-x`, from)));
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses).toEqual([...Array<number>(FREE_ATTEMPTS).fill(401), ...Array<number>(12 - FREE_ATTEMPTS).fill(429)]);
});

test("an over-long password is refused at once (400 over 1,024 characters, 413 over the form limit) and counts for nothing", async ({ request }) => {
  const user = await createUser(request);
  const from = freshAddress();
  for (let i = 0; i < FREE_ATTEMPTS + 1; i++) {
    const res = await attempt(user.email, "p".repeat(2_000), from);
    expect(res.status).toBe(400);
    expect((JSON.parse(res.text) as { error: { message: string } }).error.message).toMatch(/at most 1,024 characters/);
  }
  expect((await attempt(user.email, "p".repeat(1024 * 1024), from)).status).toBe(413);
  // None of that was a counted attempt: the right password still works from this address.
  const res = await attempt(user.email, user.password, from);
  expect(res.status).toBe(200);
  expect(signedIn(res)).toBe(true);
});
