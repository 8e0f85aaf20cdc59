import "server-only";
import { db } from "@/lib/db/client";

/**
 * Sign-in limits. Every attempt is counted and decided in ONE statement
 * (panelist_take_sign_in_attempt, prisma/migrations/20261204181000_sign_in_limits): attempts
 * that share an account or an address queue on advisory locks, an allowed attempt is counted
 * as a failure before its password is checked, and a correct password takes it back. So
 * parallel attempts cannot slip past a limit between a check and a record.
 *
 * | Rule | Key | Limit | When over it |
 * | --- | --- | --- | --- |
 * | pair | account × address | 5 attempts free | a wait after each further failure: 30 s, 1, 2, 4, 8, then 15 min; forgotten after 1 h without attempts, or at once by a correct password from that address |
 * | account | account, every address | 10 failures per 15 min | refused only from addresses with ≥ 2 failures on it (the pair): a stranger cannot lock the owner out of a correct sign-in from an address that has not been failing |
 * | address | address, every account | 30 failures per 15 min | every attempt from it refused for the rest of the window |
 * | spray | distinct accounts failed from an address | 10 per 15 min | every attempt from it refused for the rest of the window |
 * | global | every failure, site-wide | 100 per minute | each address that has failed in its window waits 10 s between attempts; addresses with no failures are not slowed |
 *
 * Refused attempts change no counter and check no password. Unknown emails are counted
 * exactly like real ones, so the limits reveal nothing about which accounts exist. The
 * address is the client address as `clientIp` (lib/auth/client-ip.ts) determines it; IPv6
 * addresses count per /64.
 */
export const SIGN_IN_LIMITS = {
  pair: { freeAttempts: 5, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, forgetAfterSeconds: 60 * 60 },
  account: { limit: 10, windowSeconds: 15 * 60, appliesAfterPairFailures: 2 },
  address: { limit: 30, windowSeconds: 15 * 60 },
  spray: { distinctAccounts: 10, windowSeconds: 15 * 60 },
  global: { limit: 100, windowSeconds: 60, cooldownSeconds: 10 },
} as const;

type Widen<T> = { [K in keyof T]: { [F in keyof T[K]]: number } };
export type SignInLimits = Widen<typeof SIGN_IN_LIMITS>;

export type SignInRule = "pair" | "account" | "address" | "spray" | "global";

export interface SignInKeys {
  pair: string;
  account: string;
  address: string;
  spray: string;
  global: string;
}

export function signInKeys(email: string, address: string): SignInKeys {
  const account = email.trim().toLowerCase();
  return {
    pair: `sign-in:pair:${address}:${account}`,
    account: `sign-in:account:${account}`,
    address: `sign-in:address:${address}`,
    spray: `sign-in:spray:${address}`,
    global: "sign-in:global",
  };
}

export type SignInDecision =
  | { allowed: true; keys: SignInKeys; countedForSpray: boolean }
  | { allowed: false; keys: SignInKeys; retryAfterSeconds: number; rule: SignInRule };

/**
 * Counts one sign-in attempt and decides whether it may check a password, in one statement.
 * An allowed attempt is recorded as a failure; call `refundSignInAttempt` when the password
 * was right.
 */
export async function takeSignInAttempt(keys: SignInKeys, limits: SignInLimits = SIGN_IN_LIMITS): Promise<SignInDecision> {
  const rows = await db.$queryRaw<{ allowed: boolean; retry_after_seconds: number; rule: SignInRule | null; counted_for_spray: boolean }[]>`
    SELECT * FROM panelist_take_sign_in_attempt(${keys.account}, ${keys.address}, ${keys.pair}, ${keys.spray}, ${keys.global}, ${JSON.stringify(limits)}::jsonb)`;
  const row = rows[0];
  if (!row) throw new Error("panelist_take_sign_in_attempt returned no row");
  return row.allowed
    ? { allowed: true, keys, countedForSpray: row.counted_for_spray }
    : { allowed: false, keys, retryAfterSeconds: row.retry_after_seconds, rule: row.rule ?? "address" };
}

/**
 * A correct password: the attempt was no failure after all. The pair's history is cleared (this
 * address knows the password); the other counters give back the one attempt.
 */
export async function refundSignInAttempt(decision: Extract<SignInDecision, { allowed: true }>): Promise<void> {
  const { keys } = decision;
  const shared = decision.countedForSpray ? [keys.account, keys.address, keys.spray, keys.global] : [keys.account, keys.address, keys.global];
  await db.$executeRaw`SELECT panelist_refund_sign_in_attempt(${keys.pair}, ${shared}::text[])`;
}
