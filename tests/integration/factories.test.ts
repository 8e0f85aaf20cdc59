// The test harness itself: each file gets its own migrated database, and factories write
// through the app's Prisma client into it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMembership, makeOrg, makeUser } from "../helpers/factories";

describe("integration harness", () => {
  it("points the app's client at a per-file database cloned from the migrated template", async () => {
    expect(process.env.DATABASE_URL).toMatch(/\/panelist_test_\d+_[0-9a-f]{8}$/);
    const rows = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    expect(rows[0]?.n).toBeGreaterThan(0n);
    expect(await db.organization.count()).toBe(0);
  });

  it("factories create linked rows with unique defaults", async () => {
    const org = await makeOrg({ name: "Acme" });
    const user = await makeUser();
    const other = await makeUser();
    expect(user.email).not.toBe(other.email);
    const m = await makeMembership({ organizationId: org.id, userId: user.id, role: "ADMIN" });
    expect(m).toMatchObject({ organizationId: org.id, userId: user.id, role: "ADMIN" });
    const standalone = await makeMembership();
    expect(standalone.organizationId).not.toBe(org.id);
    expect(await db.membership.count()).toBe(2);
  });
});
