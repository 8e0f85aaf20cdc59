// Sign-in abuse against a real Postgres (lib/auth/rate-limit.ts, lib/auth/sign-in.ts,
// lib/auth/client-ip.ts): forged X-Forwarded-For, password spraying, an attacker hammering a
// real account, parallel attempts, and what failures reveal.
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, clientIp } from "@/lib/auth/client-ip";
import { SIGN_IN_LIMITS, type SignInKeys, signInKeys, takeSignInAttempt } from "@/lib/auth/rate-limit";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/schemas";
import { INVALID_CREDENTIALS, authenticate } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { AppError, toErrorResponse } from "@/lib/errors";
import { createAccount } from "@/lib/organizations/create-account";
import { expectAppError, rejection } from "../helpers/app-errors";

const PASSWORD = "a-long-password-1";
let seq = 0;
const uniqueEmail = (p: string) => `${p}-${Date.now()}-${++seq}-${randomBytes(2).toString("hex")}@example.com`;
let octet = 0;
/** A client address no other test uses. */
const freshAddress = () => `198.51.${100 + Math.floor(++octet / 250)}.${(octet % 250) + 1}`;

async function newUser(password = PASSWORD): Promise<string> {
  const email = uniqueEmail("user");
  await createAccount({ name: "Sam", email, password, organizationName: "Abuse Org" });
  return email;
}

/** Headers as next-auth's authorize() receives them from scripts/server.ts: the socket's address, plus whatever the client claimed. */
const fromSocket = (peer: string, claimedForwardedFor?: string) => ({
  [PEER_ADDRESS_HEADER]: peer,
  ...(claimedForwardedFor ? { "x-forwarded-for": claimedForwardedFor } : {}),
});

/** One sign-in exactly as authorize() makes it, with the default TRUSTED_PROXY_HOPS (0). */
const signIn = (email: string, password: string, headers: Record<string, string>) => authenticate({ email, password, ip: clientIp(headers) });

async function outcome(p: Promise<unknown>): Promise<"ok" | AppError["code"]> {
  return p.then(
    () => "ok" as const,
    (e: unknown) => {
      if (e instanceof AppError) return e.code;
      throw e;
    },
  );
}

beforeEach(async () => {
  delete process.env.TRUSTED_PROXY_HOPS;
  // The site-wide failure rate is shared by every test in this file; each starts below it.
  await db.rateLimitBucket.deleteMany({ where: { key: "sign-in:global" } });
});

describe("the client address (TRUSTED_PROXY_HOPS=0, the default)", () => {
  it("rotating X-Forwarded-For does not reset the per-address limits: the socket's address is counted", async () => {
    const peer = freshAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.spray.distinctAccounts; i++) {
      const headers = fromSocket(peer, `203.0.113.${i + 1}`);
      await expectAppError(signIn(uniqueEmail("spray"), "wrong-pass-1", headers), "UNAUTHENTICATED");
    }
    // A new claimed address, a new account, even a real account with its right password: refused.
    const realEmail = await newUser();
    for (const headers of [fromSocket(peer, "192.0.2.200"), fromSocket(peer, "192.0.2.201, 192.0.2.202"), fromSocket(peer)]) {
      const err = await expectAppError(signIn(realEmail, PASSWORD, headers), "RATE_LIMITED");
      expect(err.retryAfterSeconds).toBeGreaterThan(0);
    }
    // The claimed addresses were never counted at all.
    expect(await db.rateLimitBucket.count({ where: { key: { startsWith: "sign-in:address:203.0.113." } } })).toBe(0);
  }, 60_000);
});

describe("spray detector", () => {
  it(`one address failing on ${SIGN_IN_LIMITS.spray.distinctAccounts} different accounts is refused everywhere; other addresses are not`, async () => {
    const attacker = freshAddress();
    const victims = await Promise.all(Array.from({ length: SIGN_IN_LIMITS.spray.distinctAccounts + 1 }, () => newUser()));
    for (const email of victims.slice(0, SIGN_IN_LIMITS.spray.distinctAccounts)) {
      await expectAppError(signIn(email, "Password123!", fromSocket(attacker)), "UNAUTHENTICATED");
    }
    const refused = await expectAppError(signIn(victims.at(-1)!, "Password123!", fromSocket(attacker)), "RATE_LIMITED");
    expect(toErrorResponse(refused).status).toBe(429);
    expect(refused.message).toMatch(/Try again in \d+ minutes?\./);
    // Its victims still sign in from their own addresses.
    await expect(signIn(victims[0]!, PASSWORD, fromSocket(freshAddress()))).resolves.toMatchObject({ email: victims[0] });
  }, 60_000);

  it(`one address failing ${SIGN_IN_LIMITS.address.limit} times on a few accounts (under the spray count) is refused too`, async () => {
    const address = freshAddress();
    const keys = (email: string) => signInKeys(email, address);
    // Straight at the limiter (no argon2): 6 accounts × 5 attempts = 30 failures.
    for (let account = 0; account < 6; account++) {
      const email = uniqueEmail("few");
      for (let i = 0; i < SIGN_IN_LIMITS.pair.freeAttempts; i++) expect((await takeSignInAttempt(keys(email))).allowed).toBe(true);
    }
    const refused = await takeSignInAttempt(keys(uniqueEmail("few")));
    expect(refused).toMatchObject({ allowed: false, rule: "address" });
  });

  it(`past ${SIGN_IN_LIMITS.global.limit} failures a minute site-wide, a failing address waits ${SIGN_IN_LIMITS.global.cooldownSeconds} s between attempts; a clean address does not`, async () => {
    const limits = { ...SIGN_IN_LIMITS, global: { ...SIGN_IN_LIMITS.global, limit: 5 } };
    const withGlobal = (k: SignInKeys): SignInKeys => ({ ...k, global: "sign-in:global:test-ceiling" });
    for (let i = 0; i < 5; i++) expect((await takeSignInAttempt(withGlobal(signInKeys(uniqueEmail("g"), freshAddress())), limits)).allowed).toBe(true);
    const failing = freshAddress();
    expect((await takeSignInAttempt(withGlobal(signInKeys(uniqueEmail("g"), failing)), limits)).allowed).toBe(true);
    const slowed = await takeSignInAttempt(withGlobal(signInKeys(uniqueEmail("g"), failing)), limits);
    expect(slowed).toMatchObject({ allowed: false, rule: "global" });
    expect(slowed.allowed || slowed.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.global.cooldownSeconds);
    expect((await takeSignInAttempt(withGlobal(signInKeys(uniqueEmail("g"), freshAddress())), limits)).allowed).toBe(true);
  });
});

describe("an attacker hammering a real account", () => {
  it("slows that address with a growing delay, but the owner still signs in from an address that has not been failing", async () => {
    const email = await newUser();
    // Two attacker addresses, five wrong passwords each: the account reaches its own limit (10).
    const attackers = [freshAddress(), freshAddress()];
    for (const a of attackers) {
      for (let i = 0; i < SIGN_IN_LIMITS.pair.freeAttempts; i++) await expectAppError(signIn(email, `guess-${i}-x`, fromSocket(a)), "UNAUTHENTICATED");
    }
    const delayed = await expectAppError(signIn(email, PASSWORD, fromSocket(attackers[0]!)), "RATE_LIMITED");
    expect(delayed.retryAfterSeconds).toBeGreaterThan(0);
    expect(delayed.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.pair.firstDelaySeconds);

    // A fresh attacker address gets fewer tries once the account is over its limit…
    const fresh = freshAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.account.appliesAfterPairFailures; i++) {
      await expectAppError(signIn(email, `guess-fresh-${i}`, fromSocket(fresh)), "UNAUTHENTICATED");
    }
    await expectAppError(signIn(email, "guess-fresh-last", fromSocket(fresh)), "RATE_LIMITED");

    // …while the owner, from their own address, signs in — even after one typo.
    const home = freshAddress();
    await expectAppError(signIn(email, "a-long-pasword-1", fromSocket(home)), "UNAUTHENTICATED");
    await expect(signIn(email, PASSWORD, fromSocket(home))).resolves.toMatchObject({ email });
    await expect(signIn(email, PASSWORD, fromSocket(freshAddress()))).resolves.toMatchObject({ email });
  }, 60_000);

  it("the delay grows with each failure after the free attempts, up to its cap", async () => {
    const keys = signInKeys(uniqueEmail("delay"), freshAddress());
    // The account-wide limit would refuse this address after 10 failures; lifted to watch the delay alone.
    const limits = { ...SIGN_IN_LIMITS, account: { ...SIGN_IN_LIMITS.account, limit: 1000 } };
    const take = () => takeSignInAttempt(keys, limits);
    for (let i = 0; i < SIGN_IN_LIMITS.pair.freeAttempts; i++) expect((await take()).allowed).toBe(true);
    const waits: number[] = [];
    for (let step = 0; step < 8; step++) {
      const refused = await take();
      expect(refused.allowed).toBe(false);
      if (!refused.allowed) waits.push(refused.retryAfterSeconds);
      // Pretend the wait has passed: move the last attempt back by it, then fail once more.
      await db.$executeRaw`UPDATE rate_limit_buckets SET last_attempt_at = last_attempt_at - make_interval(secs => ${waits.at(-1)! + 1}) WHERE key = ${keys.pair}`;
      expect((await take()).allowed).toBe(true);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it("a correct password clears that address's history on the account", async () => {
    const email = await newUser();
    const address = freshAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.pair.freeAttempts - 1; i++) await expectAppError(signIn(email, `typo-${i}-x`, fromSocket(address)), "UNAUTHENTICATED");
    await signIn(email, PASSWORD, fromSocket(address));
    expect(await db.rateLimitBucket.findUnique({ where: { key: signInKeys(email, address).pair } })).toBeNull();
    for (let i = 0; i < SIGN_IN_LIMITS.pair.freeAttempts; i++) await expectAppError(signIn(email, `typo-again-${i}`, fromSocket(address)), "UNAUTHENTICATED");
  }, 60_000);
});

describe("parallel attempts", () => {
  it("cannot get past a limit: 20 wrong passwords at once from one address check exactly 5", async () => {
    const email = await newUser();
    const address = freshAddress();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => outcome(signIn(email, `parallel-${i}-x`, fromSocket(address)))));
    expect(results.filter((r) => r === "UNAUTHENTICATED")).toHaveLength(SIGN_IN_LIMITS.pair.freeAttempts);
    expect(results.filter((r) => r === "RATE_LIMITED")).toHaveLength(20 - SIGN_IN_LIMITS.pair.freeAttempts);
    expect((await db.rateLimitBucket.findUnique({ where: { key: signInKeys(email, address).pair } }))?.count).toBe(SIGN_IN_LIMITS.pair.freeAttempts);
  }, 60_000);

  it("right and wrong passwords at once on one account, from many addresses, all get their answer (no lock cycle between counting and refunding)", async () => {
    const email = await newUser();
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => outcome(signIn(email, i % 2 ? PASSWORD : `wrong-${i}-x`, fromSocket(freshAddress())))));
    expect(results.filter((r) => r === "ok")).toHaveLength(8);
    expect(results.filter((r) => r === "UNAUTHENTICATED")).toHaveLength(8);
    expect((await db.rateLimitBucket.findUnique({ where: { key: signInKeys(email, "x").account } }))?.count).toBe(8);
  }, 60_000);

  it("cannot get past the spray detector: 40 accounts at once from one address, exactly 10 allowed", async () => {
    const address = freshAddress();
    const decisions = await Promise.all(Array.from({ length: 40 }, () => takeSignInAttempt(signInKeys(uniqueEmail("par"), address))));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(SIGN_IN_LIMITS.spray.distinctAccounts);
    expect(decisions.filter((d) => !d.allowed && d.rule === "spray")).toHaveLength(40 - SIGN_IN_LIMITS.spray.distinctAccounts);
  });

  it("cannot get past the account-wide limit from many addresses at once", async () => {
    const email = uniqueEmail("acct");
    const addresses = Array.from({ length: 4 }, () => freshAddress());
    // 8 failures on the account; each address has failed on it twice, so the account limit applies to it.
    for (const a of addresses) for (let i = 0; i < 2; i++) expect((await takeSignInAttempt(signInKeys(email, a))).allowed).toBe(true);
    const decisions = await Promise.all(addresses.flatMap((a) => [1, 2, 3].map(() => takeSignInAttempt(signInKeys(email, a)))));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(SIGN_IN_LIMITS.account.limit - 8);
    expect(decisions.filter((d) => !d.allowed).map((d) => (d.allowed ? "" : d.rule))).toEqual(Array(12 - (SIGN_IN_LIMITS.account.limit - 8)).fill("account"));
  });
});

describe("what a failure reveals", () => {
  it("an unknown email and a wrong password answer with the same body and, in the median, the same time", async () => {
    const email = await newUser();
    const time = async (p: () => Promise<unknown>): Promise<{ ms: number; err: AppError }> => {
      const t0 = performance.now();
      const err = await rejection(p());
      return { ms: performance.now() - t0, err };
    };
    const wrong: number[] = [];
    const unknown: number[] = [];
    const bodies = new Set<string>();
    // Warm up both paths once, then alternate so drift hits both equally. Fresh addresses keep
    // every attempt under the limits.
    await rejection(signIn(email, "warm-up-1x", fromSocket(freshAddress())));
    await rejection(signIn(uniqueEmail("ghost"), "warm-up-1x", fromSocket(freshAddress())));
    // 31 pairs, each pair's order alternating, so neither path always runs right after the other
    // (on a busy 2-core machine 15 same-order pairs once left the medians 1.58× apart).
    for (let i = 0; i < 31; i++) {
      const wrongAttempt = () => time(() => signIn(email, `wrong-${i}-x`, fromSocket(freshAddress())));
      const unknownAttempt = () => time(() => signIn(uniqueEmail("ghost"), `wrong-${i}-x`, fromSocket(freshAddress())));
      let w: { ms: number; err: AppError };
      let u: { ms: number; err: AppError };
      if (i % 2 === 0) {
        w = await wrongAttempt();
        u = await unknownAttempt();
      } else {
        u = await unknownAttempt();
        w = await wrongAttempt();
      }
      wrong.push(w.ms);
      unknown.push(u.ms);
      for (const { err } of [w, u]) {
        const res = toErrorResponse(err);
        bodies.add(JSON.stringify({ status: res.status, body: res.body, headers: res.headers }));
      }
    }
    expect([...bodies]).toEqual([JSON.stringify({ status: 401, body: { error: { code: "UNAUTHENTICATED", message: INVALID_CREDENTIALS } }, headers: {} })]);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [mw, mu] = [median(wrong), median(unknown)];
    // Both pay one argon2 verification; a skipped one would make the unknown path several times faster.
    expect(Math.max(mw, mu) / Math.min(mw, mu), `medians: wrong ${mw.toFixed(1)} ms, unknown ${mu.toFixed(1)} ms`).toBeLessThan(1.5);
  }, 120_000);

  it(`a password over ${MAX_PASSWORD_LENGTH} characters gets a 400 at once: nothing counted, nothing hashed`, async () => {
    const email = await newUser();
    const address = freshAddress();
    const huge = "x".repeat(10 * 1024 * 1024);
    const t0 = performance.now();
    const err = await expectAppError(signIn(email, huge, fromSocket(address)), "VALIDATION");
    const ms = performance.now() - t0;
    expect(toErrorResponse(err).status).toBe(400);
    expect(err.fieldErrors?.password?.[0]).toMatch(/at most 1,024 characters/);
    expect(await db.rateLimitBucket.count({ where: { key: { contains: address } } })).toBe(0);
    // One argon2 verification takes tens of milliseconds; this answer must not contain one.
    const t1 = performance.now();
    await expectAppError(signIn(email, "wrong-pass-1", fromSocket(freshAddress())), "UNAUTHENTICATED");
    expect(ms).toBeLessThan((performance.now() - t1) / 2);
  }, 60_000);

  it(`a password of exactly ${MAX_PASSWORD_LENGTH} characters works`, async () => {
    const long = `${"p4ss-".repeat(MAX_PASSWORD_LENGTH / 5)}abcd`.slice(0, MAX_PASSWORD_LENGTH);
    expect(long).toHaveLength(MAX_PASSWORD_LENGTH);
    const email = await newUser(long);
    await expect(signIn(email, long, fromSocket(freshAddress()))).resolves.toMatchObject({ email });
  }, 60_000);
});
