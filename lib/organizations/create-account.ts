import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import { organizationSlug } from "./slug";
import type { SignUpInput } from "@/lib/auth/schemas";

export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead, or use another email.";

/** Sign-up: a new user, a new organization, and the user as its owner — all or nothing. */
export async function createAccount(input: SignUpInput): Promise<{ userId: string; organizationId: string }> {
  const { name, email, password, organizationName } = input;

  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", EMAIL_TAKEN, { fieldErrors: { email: [EMAIL_TAKEN] } });

  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name, passwordHash }, select: { id: true } });
      const org = await tx.organization.create({
        data: { name: organizationName, slug: organizationSlug(organizationName) },
        select: { id: true },
      });
      await tx.membership.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
      await recordAuditEvent(tx, {
        organizationId: org.id,
        actorId: user.id,
        action: "organization.created",
        targetType: "organization",
        targetId: org.id,
      });
      return { userId: user.id, organizationId: org.id };
    });
  } catch (err) {
    // Two sign-ups racing for one email: the unique index decides, the loser gets the same message.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AppError("CONFLICT", EMAIL_TAKEN, { fieldErrors: { email: [EMAIL_TAKEN] } });
    }
    throw err;
  }
}
