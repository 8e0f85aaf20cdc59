import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { type Actor, loadActor } from "@/lib/auth/actor";
import { authenticate, INVALID_CREDENTIALS } from "@/lib/auth/sign-in";
import { previewInvitation, revokeInvitation } from "@/lib/organizations/invitations";
import { getMemberOrThrow, removeMember } from "@/lib/organizations/members";
import { getOrganizationSettings } from "@/lib/organizations/settings";
import { assertMemberOf, listMyOrganizations } from "@/lib/organizations/my-organizations";
import { expectAppError } from "../helpers/app-errors";
import { acceptInvitation, changeMemberRole, createAccount, createInvitation, listMembers, updateOrganizationSettings } from "../helpers/boundary";

const PASSWORD = "a-long-password-1";
let seq = 0;
const uniqueEmail = (p: string) => `${p}-${Date.now()}-${++seq}@example.com`;

async function newOwner(org = "Org"): Promise<Actor> {
  const { userId } = await createAccount({ name: `${org} Owner`, email: uniqueEmail("owner"), password: PASSWORD, organizationName: org });
  const actor = await loadActor(userId);
  if (!actor) throw new Error("owner actor missing");
  return actor;
}

async function inviteAndJoin(owner: Actor, role: "ADMIN" | "RECRUITER" | "INTERVIEWER" | "REVIEWER", name: string = role): Promise<Actor> {
  const email = uniqueEmail(role.toLowerCase());
  const { link } = await createInvitation(owner, { email, role });
  const token = link.split("/invite/")[1]!;
  const { userId } = await acceptInvitation({ token, name, password: PASSWORD }, null);
  const actor = await loadActor(userId);
  if (!actor) throw new Error("member actor missing");
  return actor;
}

describe("sign-up", () => {
  it("creates the user, the organization and makes the creator its owner", async () => {
    const owner = await newOwner("Acme");
    expect(owner.role).toBe("OWNER");
    expect(owner.organizationName).toBe("Acme");
    const audit = await db.auditEvent.count({ where: { organizationId: owner.organizationId, action: "organization.created" } });
    expect(audit).toBe(1);
  });

  it("refuses a taken email with a field error and creates nothing", async () => {
    const email = uniqueEmail("dup");
    await createAccount({ name: "A", email, password: PASSWORD, organizationName: "First" });
    const orgsBefore = await db.organization.count();
    const err = await expectAppError(createAccount({ name: "B", email: email.toUpperCase(), password: PASSWORD, organizationName: "Second" }), "CONFLICT");
    expect(err.fieldErrors?.email?.[0]).toMatch(/already exists/);
    expect(await db.organization.count()).toBe(orgsBefore);
  });

  it("rejects a weak password as a validation error", async () => {
    const err = await expectAppError(createAccount({ name: "A", email: uniqueEmail("weak"), password: "short", organizationName: "X" }), "VALIDATION");
    expect(err.fieldErrors?.password).toBeDefined();
  });
});

describe("sign-in", () => {
  it("accepts the right password and gives the same message for a wrong password or an unknown account", async () => {
    const email = uniqueEmail("signin");
    await createAccount({ name: "S", email, password: PASSWORD, organizationName: "Sign-in Org" });
    await expect(authenticate({ email, password: PASSWORD, ip: "10.0.0.1" })).resolves.toMatchObject({ email });
    const wrong = await expectAppError(authenticate({ email, password: "nope-nope-1", ip: "10.0.0.1" }), "UNAUTHENTICATED");
    const unknown = await expectAppError(authenticate({ email: uniqueEmail("ghost"), password: PASSWORD, ip: "10.0.0.1" }), "UNAUTHENTICATED");
    expect(wrong.message).toBe(INVALID_CREDENTIALS);
    expect(unknown.message).toBe(wrong.message);
  });

  // The sign-in limits (per account × address, account, address, spray, global; parallel
  // attempts; a locked-out owner still signing in from a clean address): sign-in-abuse.test.ts.

  it("refuses a deactivated account", async () => {
    const email = uniqueEmail("deact");
    const { userId } = await createAccount({ name: "D", email, password: PASSWORD, organizationName: "Deactivated Org" });
    await db.user.update({ where: { id: userId }, data: { deactivatedAt: new Date() } });
    await expectAppError(authenticate({ email, password: PASSWORD, ip: "10.2.0.1" }), "UNAUTHENTICATED");
    expect(await loadActor(userId)).toBeNull();
  });
});

describe("invitations", () => {
  let owner: Actor;
  beforeAll(async () => {
    owner = await newOwner("Inviters");
  });

  it("lets a new person accept once, with the invited role", async () => {
    const email = uniqueEmail("new");
    const { link, emailed } = await createInvitation(owner, { email, role: "REVIEWER" });
    expect(emailed).toBe(false); // no SMTP_URL in tests: the link is shown to copy
    const token = link.split("/invite/")[1]!;
    expect((await previewInvitation(token)).state).toBe("valid");
    const res = await acceptInvitation({ token, name: "Rev", password: PASSWORD }, null);
    expect(res.createdAccount).toBe(true);
    const actor = await loadActor(res.userId);
    expect(actor).toMatchObject({ organizationId: owner.organizationId, role: "REVIEWER" });
    expect((await previewInvitation(token)).state).toBe("used");
    const again = await expectAppError(acceptInvitation({ token, name: "Rev", password: PASSWORD }, null), "GONE");
    expect(again.message).toMatch(/already been used/);
  });

  it("says so when a link expired or was withdrawn", async () => {
    const a = await createInvitation(owner, { email: uniqueEmail("exp"), role: "INTERVIEWER" });
    await db.invitation.update({ where: { id: a.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const tokenA = a.link.split("/invite/")[1]!;
    expect((await previewInvitation(tokenA)).state).toBe("expired");
    expect((await expectAppError(acceptInvitation({ token: tokenA, name: "X", password: PASSWORD }, null), "GONE")).message).toMatch(/expired/);

    const b = await createInvitation(owner, { email: uniqueEmail("rev"), role: "INTERVIEWER" });
    await revokeInvitation(owner, b.invitation.id);
    const tokenB = b.link.split("/invite/")[1]!;
    expect((await expectAppError(acceptInvitation({ token: tokenB, name: "X", password: PASSWORD }, null), "GONE")).message).toMatch(/withdrawn/);
  });

  it("requires an existing account to be signed in as the invitee", async () => {
    const other = await newOwner("Elsewhere");
    const { link } = await createInvitation(owner, { email: other.email, role: "INTERVIEWER" });
    const token = link.split("/invite/")[1]!;
    await expectAppError(acceptInvitation({ token }, null), "UNAUTHENTICATED");
    const res = await acceptInvitation({ token }, other.userId);
    expect(res.createdAccount).toBe(false);
    const memberships = await db.membership.count({ where: { userId: other.userId } });
    expect(memberships).toBe(2);
  });

  it("only owners and admins invite, and only owners invite owners", async () => {
    const interviewer = await inviteAndJoin(owner, "INTERVIEWER");
    await expectAppError(createInvitation(interviewer, { email: uniqueEmail("x"), role: "REVIEWER" }), "FORBIDDEN");
    const admin = await inviteAndJoin(owner, "ADMIN");
    await expectAppError(createInvitation(admin, { email: uniqueEmail("x"), role: "OWNER" }), "FORBIDDEN");
    await expect(createInvitation(admin, { email: uniqueEmail("x"), role: "RECRUITER" })).resolves.toBeDefined();
  });

  it("rejects a malformed email with a field error", async () => {
    const err = await expectAppError(createInvitation(owner, { email: "nope", role: "REVIEWER" }), "VALIDATION");
    expect(err.fieldErrors?.email).toBeDefined();
  });
});

describe("members", () => {
  it("a role change takes effect on the member's next request", async () => {
    const owner = await newOwner("Roles");
    const member = await inviteAndJoin(owner, "INTERVIEWER", "Ivy");
    const membership = (await listMembers(owner)).find((m) => m.userId === member.userId)!;
    await changeMemberRole(owner, membership.id, { role: "ADMIN" });
    expect((await loadActor(member.userId))?.role).toBe("ADMIN");
    await changeMemberRole(owner, membership.id, { role: "REVIEWER" });
    expect((await loadActor(member.userId))?.role).toBe("REVIEWER");
    const events = await db.auditEvent.count({ where: { organizationId: owner.organizationId, action: "member.role_changed" } });
    expect(events).toBe(2);
  });

  it("never leaves the organization without an owner", async () => {
    const owner = await newOwner("Solo");
    const mine = (await listMembers(owner)).find((m) => m.isYou)!;
    await expectAppError(changeMemberRole(owner, mine.id, { role: "ADMIN" }), "CONFLICT");
    await expectAppError(removeMember(owner, mine.id), "CONFLICT");
    expect((await loadActor(owner.userId))?.role).toBe("OWNER");
  });

  it("admins cannot demote or remove owners", async () => {
    const owner = await newOwner("Admins");
    const admin = await inviteAndJoin(owner, "ADMIN");
    const ownerRow = (await listMembers(owner)).find((m) => m.isYou)!;
    await expectAppError(changeMemberRole(admin, ownerRow.id, { role: "REVIEWER" }), "FORBIDDEN");
    await expectAppError(removeMember(admin, ownerRow.id), "FORBIDDEN");
  });

  it("a removed member loses access at once", async () => {
    const owner = await newOwner("Removal");
    const member = await inviteAndJoin(owner, "RECRUITER");
    const row = (await listMembers(owner)).find((m) => m.userId === member.userId)!;
    await removeMember(owner, row.id);
    expect(await loadActor(member.userId)).toBeNull();
  });

  it("rejects an unknown role", async () => {
    const owner = await newOwner("BadRole");
    const row = (await listMembers(owner)).find((m) => m.isYou)!;
    await expectAppError(changeMemberRole(owner, row.id, { role: "GOD" }), "VALIDATION");
  });
});

describe("tenant isolation", () => {
  it("an owner of organization B can neither read nor change anything of organization A", async () => {
    const ownerA = await newOwner("Tenant A");
    const memberA = await inviteAndJoin(ownerA, "INTERVIEWER");
    const rowA = (await listMembers(ownerA)).find((m) => m.userId === memberA.userId)!;
    const invA = await createInvitation(ownerA, { email: uniqueEmail("pending"), role: "REVIEWER" });
    const ownerB = await newOwner("Tenant B");

    expect((await listMembers(ownerB)).map((m) => m.userId)).not.toContain(memberA.userId);
    await expectAppError(getMemberOrThrow(ownerB, rowA.id), "NOT_FOUND");
    await expectAppError(changeMemberRole(ownerB, rowA.id, { role: "ADMIN" }), "NOT_FOUND");
    await expectAppError(removeMember(ownerB, rowA.id), "NOT_FOUND");
    await expectAppError(revokeInvitation(ownerB, invA.invitation.id), "NOT_FOUND");

    expect((await loadActor(memberA.userId))?.role).toBe("INTERVIEWER");
    expect(await db.invitation.findUnique({ where: { id: invA.invitation.id }, select: { revokedAt: true } })).toEqual({ revokedAt: null });
  });
});

describe("organization settings", () => {
  it("owners rename and change the scale, audited; other roles cannot", async () => {
    const owner = await newOwner("Settings Org");
    const updated = await updateOrganizationSettings(owner, { name: "Renamed Org", scaleMin: 1, scaleMax: 5 });
    expect(updated).toMatchObject({ name: "Renamed Org", scaleMin: 1, scaleMax: 5 });
    expect(await db.auditEvent.count({ where: { organizationId: owner.organizationId, action: "organization.settings_changed" } })).toBe(1);
    const interviewer = await inviteAndJoin(owner, "INTERVIEWER");
    await expectAppError(updateOrganizationSettings(interviewer, { name: "Hijacked", scaleMin: 0, scaleMax: 4 }), "FORBIDDEN");
    expect((await getOrganizationSettings(interviewer)).name).toBe("Renamed Org");
  });

  it("rejects a scale with fewer than three levels with a field error", async () => {
    const owner = await newOwner("Scale Org");
    const err = await expectAppError(updateOrganizationSettings(owner, { name: "Scale Org", scaleMin: 1, scaleMax: 2 }), "VALIDATION");
    expect(err.fieldErrors?.scaleMax?.[0]).toMatch(/three levels/);
    expect((await getOrganizationSettings(owner)).scaleMax).toBe(4);
  });

  it("changes only the actor's own organization", async () => {
    const a = await newOwner("Org Alpha");
    const b = await newOwner("Org Beta");
    await updateOrganizationSettings(b, { name: "Org Beta 2", scaleMin: 0, scaleMax: 6 });
    expect(await getOrganizationSettings(a)).toMatchObject({ name: "Org Alpha", scaleMax: 4 });
  });
});

describe("several organizations", () => {
  it("a member of two organizations can switch between them, and only to those", async () => {
    const home = await newOwner("Home Org");
    const other = await newOwner("Other Org");
    const { link } = await createInvitation(other, { email: home.email, role: "REVIEWER" });
    await acceptInvitation({ token: link.split("/invite/")[1]! }, home.userId);
    const mine = await listMyOrganizations(home);
    expect(mine.map((o) => [o.name, o.role, o.active])).toEqual([
      ["Home Org", "OWNER", true],
      ["Other Org", "REVIEWER", false],
    ]);
    const switched = await loadActor(home.userId, other.organizationId);
    expect(switched).toMatchObject({ organizationId: other.organizationId, role: "REVIEWER" });
    await expect(assertMemberOf(home, other.organizationId)).resolves.toBe(other.organizationId);
    const stranger = await newOwner("Stranger Org");
    await expectAppError(assertMemberOf(home, stranger.organizationId), "NOT_FOUND");
    // A stale cookie naming an organization the user left falls back to one they belong to.
    expect((await loadActor(home.userId, stranger.organizationId))?.organizationId).toBe(home.organizationId);
  });
});
