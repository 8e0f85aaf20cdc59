// Password reset against the real Postgres and a real SMTP server (smtp-server, in-process):
// the mail's recipient, subject and link; a link works once, expires, ends every session and
// every other link; an unknown address gets the same answer, the same timing and the same
// limits as a known one; owners and admins produce links under the permission table's rules.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { checkResetToken, RESET_LINK_INVALID } from "@/lib/auth/password-reset";
import { createPasswordResetLink, RESET_LINK_OTHER_ORGANIZATIONS } from "@/lib/auth/password-reset-link";
import { loadSessionActorWith } from "@/lib/auth/actor-query";
import { sessionPolicy } from "@/lib/auth/session-policy";
import { db, getPgPool } from "@/lib/db/client";
import { poolRunner } from "@/lib/db/sql-runner";
import { expectAppError } from "../helpers/app-errors";
import { makeMembership, makeOrg, uniqueSuffix } from "../helpers/factories";
import { makeActor } from "../helpers/room-factories";
import { signInAs, type TestSession } from "../helpers/session-cookie";
import { until } from "../helpers/until";
import { requestPasswordReset, resetPassword } from "../helpers/boundary";
import { type ReceivedMail, testSmtp } from "../helpers/smtp";

const requestRoute = await import("@/app/api/auth/password-reset/request/route");

const smtp = testSmtp();
const { mailsTo } = smtp;
type Mail = ReceivedMail;

const APP_URL = "https://panelist.example";
const log: string[] = [];

beforeAll(async () => {
  await smtp.start(APP_URL);
  // Whatever is logged must never contain a reset token.
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void log.push(args.map(String).join(" ")));
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await smtp.stop();
});

/** The body of a MIME message with quoted-printable soft breaks and escapes undone. */
const decoded = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const LINK = /https:\/\/panelist\.example\/reset-password#([A-Za-z0-9_-]{43})/g;
const linksIn = (mail: Mail) => [...decoded(mail.raw).matchAll(LINK)].map((m) => m[1]!);

async function makeAccount(opts: { organizationId?: string; role?: "OWNER" | "ADMIN" | "RECRUITER" | "INTERVIEWER" | "REVIEWER" } = {}) {
  const email = `reset-${uniqueSuffix()}@example.com`;
  const user = await db.user.create({ data: { email, name: "Robin Reset", passwordHash: await hashPassword("old-Passw0rd-long") } });
  const m = await makeMembership({ organizationId: opts.organizationId, userId: user.id, role: opts.role ?? "INTERVIEWER" });
  return { userId: user.id, email, organizationId: m.organizationId, membershipId: m.id };
}

let address = 0;
/** POST /api/auth/password-reset/request through the real route, from its own client address. */
async function forgot(email: string, from = `10.0.0.${++address % 250}`) {
  const started = performance.now();
  const res = await requestRoute.POST(
    new NextRequest(new URL("/api/auth/password-reset/request", "http://localhost"), {
      method: "POST",
      body: JSON.stringify({ email }),
      headers: { "content-type": "application/json", [PEER_ADDRESS_HEADER]: from },
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, body: (await res.json()) as unknown, retryAfter: res.headers.get("retry-after"), ms: performance.now() - started };
}

const sessionValid = async (s: TestSession, userId: string) =>
  (await loadSessionActorWith(poolRunner(getPgPool), { userId, sessionId: s.sessionId }, { idleTimeoutSeconds: sessionPolicy().idleTimeoutSeconds, touch: false })).state !== "signedOut";

describe("Forgot password? → mail → new password", () => {
  it("mails the account's address a link through SMTP_URL, built from the public URL, in text and HTML", async () => {
    const a = await makeAccount();
    expect(await forgot(a.email)).toMatchObject({ status: 200, body: { ok: true } });
    const mail = await until(() => mailsTo(a.email)[0], 5_000, "the reset mail");
    expect(mail.to).toEqual([a.email]);
    expect(mail.raw).toMatch(/^Subject: Reset your Panelist password\r?$/m);
    expect(mail.raw).toMatch(/^From: Panelist <no-reply@panelist\.example>\r?$/m);
    expect(mail.raw).toMatch(/^Content-Type: text\/plain/m);
    expect(mail.raw).toMatch(/^Content-Type: text\/html/m);
    const links = linksIn(mail);
    expect(links).toHaveLength(2); // the text part and the HTML part, one token
    expect(new Set(links).size).toBe(1);
    // Only the token's hash is stored.
    const stored = await db.passwordResetToken.findFirstOrThrow({ where: { userId: a.userId } });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.tokenHash).not.toBe(links[0]);
    expect(stored.createdById).toBeNull();
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(60 * 60_000);
  });

  it("sets the new password once: every session and every other link of the account end, and it is audited", async () => {
    const a = await makeAccount();
    const laptop = await signInAs(a.userId, { organizationId: a.organizationId });
    const phone = await signInAs(a.userId, { organizationId: a.organizationId });
    await forgot(a.email);
    await forgot(a.email);
    const [first, second] = await until(() => mailsTo(a.email).length === 2 && mailsTo(a.email).map((m) => linksIn(m)[0]!), 5_000, "two reset mails");
    expect(first).not.toBe(second);
    expect(await checkResetToken(second)).toEqual({ valid: true });

    expect(await resetPassword({ token: second, password: "new-Passw0rd-long" })).toEqual({ userId: a.userId });
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: a.userId }, select: { passwordHash: true } });
    expect(await verifyPassword(passwordHash, "new-Passw0rd-long")).toBe(true);
    expect(await sessionValid(laptop, a.userId)).toBe(false);
    expect(await sessionValid(phone, a.userId)).toBe(false);

    // Single use, and the other outstanding link is spent with it.
    expect((await expectAppError(resetPassword({ token: second, password: "again-Passw0rd-1" }), "GONE")).message).toBe(RESET_LINK_INVALID);
    await expectAppError(resetPassword({ token: first!, password: "again-Passw0rd-1" }), "GONE");
    expect(await checkResetToken(first)).toEqual({ valid: false });
    expect(await verifyPassword((await db.user.findUniqueOrThrow({ where: { id: a.userId }, select: { passwordHash: true } })).passwordHash, "new-Passw0rd-long")).toBe(true);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: a.organizationId, action: "user.password_reset" } });
    expect(audit).toMatchObject({ actorId: a.userId, targetId: a.userId, data: { via: "mail", linkCreatedById: null, endedSessions: 2 } });
    // Nothing logged carries a token.
    expect(log.filter((line) => line.includes(first!) || line.includes(second!))).toEqual([]);
  });

  it("refuses an expired link, a malformed one, and a new password that breaks the sign-up rules", async () => {
    const a = await makeAccount();
    await forgot(a.email);
    const token = linksIn(await until(() => mailsTo(a.email)[0], 5_000, "the reset mail"))[0]!;
    const weak = await expectAppError(resetPassword({ token, password: "short" }), "VALIDATION");
    expect(weak.fieldErrors?.password).toContain("Use at least 10 characters.");
    await expectAppError(resetPassword({ token: "not-a-token", password: "new-Passw0rd-long" }), "VALIDATION");
    await db.passwordResetToken.updateMany({ where: { userId: a.userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await checkResetToken(token)).toEqual({ valid: false });
    await expectAppError(resetPassword({ token, password: "new-Passw0rd-long" }), "GONE");
  });
});

describe("no account enumeration", () => {
  it("answers an unknown address exactly as a known one, as fast, and sends nothing", async () => {
    const known = await Promise.all(Array.from({ length: 6 }, () => makeAccount()));
    const unknown = known.map(() => `nobody-${uniqueSuffix()}@example.com`);
    await forgot(`warm-up-${uniqueSuffix()}@example.com`);
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < known.length; i++) {
      const k = await forgot(known[i]!.email);
      const u = await forgot(unknown[i]!);
      expect(k.status).toBe(200);
      expect(u.status).toBe(200);
      expect(u.body).toEqual(k.body);
      times.known.push(k.ms);
      times.unknown.push(u.ms);
      // The known address's mail goes out after the answer, not before it.
      await until(() => mailsTo(known[i]!.email).length === 1, 5_000, "the known address's mail");
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // The lookup and the mail happen after the answer, so the answers take the same work: what
    // is left is the machine's noise (25 ms, or a third of an answer on a machine so loaded that
    // an answer takes longer than that).
    const [k, u] = [median(times.known), median(times.unknown)];
    expect(Math.abs(k - u)).toBeLessThan(Math.max(25, Math.min(k, u) / 3));
    await new Promise((r) => setTimeout(r, 200));
    for (const email of unknown) expect(mailsTo(email)).toEqual([]);
    expect(await db.passwordResetToken.count({ where: { user: { email: { in: unknown } } } })).toBe(0);
  });

  it("limits requests per address given — the same for a known and an unknown one — with a retry time", async () => {
    const a = await makeAccount();
    const nobody = `nobody-${uniqueSuffix()}@example.com`;
    for (const email of [a.email, nobody]) {
      for (let i = 0; i < 5; i++) expect((await forgot(email)).status).toBe(200);
      const limited = await forgot(email);
      expect(limited.status).toBe(429);
      expect(Number(limited.retryAfter)).toBeGreaterThan(0);
      expect(limited.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
    }
  });

  it("limits requests per client address across addresses given", async () => {
    const from = "192.0.2.77";
    for (let i = 0; i < 20; i++) expect((await forgot(`spray-${i}-${uniqueSuffix()}@example.com`, from)).status).toBe(200);
    expect((await forgot(`spray-last-${uniqueSuffix()}@example.com`, from)).status).toBe(429);
    expect((await forgot(`spray-other-${uniqueSuffix()}@example.com`, "192.0.2.78")).status).toBe(200);
  });

  it("does not mail a deactivated account", async () => {
    const a = await makeAccount();
    await db.user.update({ where: { id: a.userId }, data: { deactivatedAt: new Date() } });
    const { delivery } = await requestPasswordReset({ email: a.email }, { ip: "198.51.100.1" });
    await delivery;
    expect(mailsTo(a.email)).toEqual([]);
  });
});

describe("reset links produced by owners and admins (Settings → Members)", () => {
  it("gives an admin a link for a member, shown once and audited; the link sets the password and ends the member's sessions", async () => {
    const org = await makeOrg();
    const admin = await makeActor(org.id, "ADMIN");
    const member = await makeAccount({ organizationId: org.id });
    const session = await signInAs(member.userId, { organizationId: org.id });

    const { link, expiresAt } = await createPasswordResetLink(admin, member.membershipId);
    const token = new RegExp(`^${APP_URL}/reset-password#([A-Za-z0-9_-]{43})$`).exec(link)?.[1];
    expect(token).toBeTruthy();
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "member.password_reset_link_created" } });
    expect(audit).toMatchObject({ actorId: admin.userId, targetId: member.membershipId, data: { userId: member.userId, email: member.email } });
    expect(JSON.stringify(audit.data)).not.toContain(token!);

    await resetPassword({ token: token!, password: "set-by-Link-123" });
    expect(await sessionValid(session, member.userId)).toBe(false);
    const reset = await db.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "user.password_reset" } });
    expect(reset.data).toMatchObject({ via: "link", linkCreatedById: admin.userId });
  });

  it("follows the permission table: owners and admins only, an owner's link only by an owner, never across organizations", async () => {
    const org = await makeOrg();
    const owner = await makeActor(org.id, "OWNER");
    const admin = await makeActor(org.id, "ADMIN");
    const recruiter = await makeActor(org.id, "RECRUITER");
    const otherOwner = await makeAccount({ organizationId: org.id, role: "OWNER" });
    const member = await makeAccount({ organizationId: org.id });
    const stranger = await makeActor((await makeOrg()).id, "OWNER");

    await expectAppError(createPasswordResetLink(recruiter, member.membershipId), "FORBIDDEN");
    expect((await expectAppError(createPasswordResetLink(admin, otherOwner.membershipId), "FORBIDDEN")).message).toBe("Only an owner can reset an owner's password.");
    expect((await createPasswordResetLink(owner, otherOwner.membershipId)).link).toContain("/reset-password#");
    await expectAppError(createPasswordResetLink(stranger, member.membershipId), "NOT_FOUND");
    await expectAppError(createPasswordResetLink(admin, (await db.membership.findFirstOrThrow({ where: { userId: admin.userId } })).id), "UNPROCESSABLE");

    // Someone who also belongs to another organization: only they may reset their password.
    const shared = await makeAccount({ organizationId: org.id });
    await makeMembership({ organizationId: (await makeOrg()).id, userId: shared.userId });
    expect((await expectAppError(createPasswordResetLink(owner, shared.membershipId), "FORBIDDEN")).message).toBe(RESET_LINK_OTHER_ORGANIZATIONS);
    expect(await db.passwordResetToken.count({ where: { userId: { in: [member.userId, shared.userId] } } })).toBe(0);
  });
});
