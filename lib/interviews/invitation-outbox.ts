import "server-only";
import type { Tx } from "@/lib/db/client";
import { mailConfigured } from "@/lib/mail/send-mail";
import type { InvitationKind } from "./invitation-message";

/**
 * Records the invitation mails a change to an interview owes its panelists, in the
 * transaction of the change itself: a mail is owed exactly when the change commits, and a
 * change that rolls back owes nothing. Nothing is sent here — the caller hands the returned
 * ids to the job queue after the commit (`enqueueInvitationMails`, invitation-jobs.ts), and a
 * worker sends each one; scheduling never waits on, or fails because of, a mail server.
 *
 * One row per person and schedule round (`round` = the interview's icsSequence after the
 * change, the invite's SEQUENCE; unique per interview, person and round). Without SMTP_URL the
 * rows are recorded as skipped and no id is returned.
 */
export interface InvitationMailsInput {
  organizationId: string;
  interviewId: string;
  /** The interview's icsSequence after the change. */
  round: number;
  /** User ids newly on the panel. */
  invite?: readonly string[];
  /** User ids still on the panel of a changed interview. */
  update?: readonly string[];
  /** User ids of a cancelled interview's panel, or removed from the panel. */
  cancel?: readonly string[];
  /** false: record them as skipped whatever SMTP_URL says (the demo seed: its addresses are not real). */
  mail?: boolean;
}

/** Returns the ids of the mails to hand to the queue once the transaction commits. */
export async function recordInvitationMails(tx: Tx, input: InvitationMailsInput): Promise<string[]> {
  const owed: { userId: string; kind: InvitationKind }[] = [
    ...(input.invite ?? []).map((userId) => ({ userId, kind: "invitation" as const })),
    ...(input.update ?? []).map((userId) => ({ userId, kind: "update" as const })),
    ...(input.cancel ?? []).map((userId) => ({ userId, kind: "cancellation" as const })),
  ];
  if (owed.length === 0) return [];
  const status = (input.mail ?? mailConfigured()) ? "pending" : "skipped";
  const rows = await tx.interviewMail.createManyAndReturn({
    data: owed.map((o) => ({ organizationId: input.organizationId, interviewId: input.interviewId, userId: o.userId, kind: o.kind, round: input.round, status })),
    select: { id: true },
  });
  return status === "pending" ? rows.map((r) => r.id) : [];
}
