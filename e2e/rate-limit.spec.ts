// Failed sign-ins are limited per account and per client address, through the same
// endpoint the sign-in form posts to. Each test claims its own client address (the app
// keys the per-address limit on X-Forwarded-For), so tests never eat each other's budget.
import { randomInt } from "node:crypto";
import { createUser, expect, postCredentials, test, uniqueEmail } from "./fixtures";

const ACCOUNT_LIMIT = 5;
const IP_LIMIT = 30;
const WINDOW_SECONDS = 15 * 60;

const freshClientIp = () => ({ "X-Forwarded-For": `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` });

function expectRateLimited(res: { status(): number; headers(): Record<string, string> }) {
  expect(res.status()).toBe(429);
  const retryAfter = Number(res.headers()["retry-after"]);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
}

test("the 6th wrong password for one account gets 429 with Retry-After, even with the right password", async ({ request }) => {
  const user = await createUser(request);
  const ip = freshClientIp();
  for (let i = 1; i <= ACCOUNT_LIMIT; i++) {
    const res = await postCredentials(request, user.email, `wrong-password-${i}`, ip);
    expect(res.status(), `attempt ${i} is answered normally`).not.toBe(429);
    expect(res.headers()["set-cookie"] ?? "").not.toContain("session-token");
  }
  const sixth = await postCredentials(request, user.email, "wrong-password-6", ip);
  expectRateLimited(sixth);
  expect(((await sixth.json()) as { error: { message: string } }).error.message).toMatch(/try again in/i);

  // Locked means locked: the right password waits too, from any address.
  expectRateLimited(await postCredentials(request, user.email, user.password, freshClientIp()));
});

test("an unknown email is limited exactly like a real one, so the limit reveals nothing", async ({ request }) => {
  const email = uniqueEmail("ghost");
  const ip = freshClientIp();
  for (let i = 1; i <= ACCOUNT_LIMIT; i++) {
    expect((await postCredentials(request, email, `wrong-password-${i}`, ip)).status()).not.toBe(429);
  }
  expectRateLimited(await postCredentials(request, email, "wrong-password-6", ip));
});

test("one address failing across many accounts is limited, while other addresses still sign in", async ({ request, playwright }) => {
  const ip = freshClientIp();
  for (let i = 1; i <= IP_LIMIT; i++) {
    expect((await postCredentials(request, uniqueEmail("spray"), "wrong-password-1", ip)).status(), `attempt ${i}`).not.toBe(429);
  }
  expectRateLimited(await postCredentials(request, uniqueEmail("spray"), "wrong-password-1", ip));

  const user = await createUser(request);
  const other = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const res = await postCredentials(other, user.email, user.password, freshClientIp());
    expect(res.status()).toBe(200);
    expect(res.headers()["set-cookie"] ?? "").toContain("session-token");
  } finally {
    await other.dispose();
  }
});
