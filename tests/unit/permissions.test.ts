import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, assertCan, assignableRoles, can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

describe("permission table", () => {
  it("denies unknown roles, missing roles and unknown permissions (fail closed)", () => {
    expect(can("SUPERUSER", "questions.read")).toBe(false);
    expect(can(undefined, "questions.read")).toBe(false);
    expect(can(null, "org.read")).toBe(false);
    // @ts-expect-error — an unknown permission name must not be allowed at runtime either
    expect(can("OWNER", "everything.delete")).toBe(false);
  });

  it("lets only owners, admins and recruiters edit questions; interviewers and reviewers read", () => {
    expect(ROLES.filter((r) => can(r, "questions.write"))).toEqual(["OWNER", "ADMIN", "RECRUITER"]);
    expect(ROLES.every((r) => can(r, "questions.read"))).toBe(true);
    expect(can("REVIEWER", "questions.readModelAnswer")).toBe(false);
    expect(can("INTERVIEWER", "questions.readModelAnswer")).toBe(true);
  });

  it("lets only owners and admins invite and manage members", () => {
    expect(ROLES.filter((r) => can(r, "members.invite"))).toEqual(["OWNER", "ADMIN"]);
    expect(ROLES.filter((r) => can(r, "members.manage"))).toEqual(["OWNER", "ADMIN"]);
  });

  it("only owners may hand out the owner role", () => {
    expect(assignableRoles("OWNER")).toContain("OWNER");
    expect(assignableRoles("ADMIN")).not.toContain("OWNER");
    expect(assignableRoles("INTERVIEWER")).toEqual([]);
  });

  it("assertCan throws a 403 AppError", () => {
    expect(() => assertCan({ role: "REVIEWER" }, "questions.write")).toThrowError(AppError);
    try {
      assertCan({ role: "REVIEWER" }, "questions.write");
    } catch (e) {
      expect((e as AppError).status).toBe(403);
    }
  });

  it("anonymized review hides candidates from reviewers only, and only in organizations that turn it on", async () => {
    expect(ROLES.filter((r) => can(r, "candidates.anonymizedInReview"))).toEqual(["REVIEWER"]);
    const { isAnonymizedFor } = await import("@/lib/reports/report-access");
    expect(ROLES.filter((role) => isAnonymizedFor({ role }, { anonymizedReview: true }))).toEqual(["REVIEWER"]);
    expect(ROLES.filter((role) => isAnonymizedFor({ role }, { anonymizedReview: false }))).toEqual([]);
  });

  it("every permission lists only known roles", () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(ROLES).toContain(r);
  });
});
